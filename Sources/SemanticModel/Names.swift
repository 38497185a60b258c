/// How LookML names become the labels a business user reads, the way Looker derives them.
public enum Names {
    /// `order_items` → `Order Items`; `created_month` → `Created Month`.
    public static func titleCase(_ name: String) -> String {
        name.split(separator: "_", omittingEmptySubsequences: true)
            .map { word in word.prefix(1).uppercased() + word.dropFirst() }
            .joined(separator: " ")
    }
}

extension Field {
    /// The field's own label: `label:`, else its name in title case.
    public var shortLabel: String { label ?? Names.titleCase(name) }

    /// The label with the view's, as Looker shows it in a field list and a result header
    /// ("Orders Count"); `viewLabel` is the join's or view's label.
    public func fullLabel(viewLabel: String) -> String { "\(self.viewLabel ?? viewLabel) \(shortLabel)" }
}

extension Explore {
    public var displayLabel: String { label ?? Names.titleCase(name) }
}

extension View {
    public var displayLabel: String { label ?? Names.titleCase(name) }
}
