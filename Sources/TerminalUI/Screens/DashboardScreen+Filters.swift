import SemanticModel

/// Dashboard filter values are validated as they are typed, like the explore's filter editor: each
/// filter's `type` picks the grammar (`date_filter` dates, `number_filter` numbers, `string_filter`
/// strings, `field_filter` the grammar of its field's type in the model), so a bad value is caught
/// in the editor instead of failing every tile that listens to it.
extension DashboardScreen {
    /// The field whose filter grammar a dashboard filter's values follow, or nil when it cannot be
    /// known (an unknown type, or a `field_filter` whose field is not in the model — the tiles then
    /// report that themselves). A `field_filter` field is looked up in the filter's explore, or else
    /// in the explore of a tile that listens to the filter.
    static func grammarField(for filter: DashboardFilter, in dashboard: Dashboard, project: Project) -> Field? {
        func synthetic(_ type: String) -> Field { Field(view: "", name: filter.name, kind: .filter, type: type) }
        switch filter.type {
        case "date_filter": return synthetic("date")
        case "number_filter": return synthetic("number")
        case "string_filter": return synthetic("string")
        case "field_filter", nil:
            guard let name = filter.field else { return filter.type == nil ? synthetic("string") : nil }
            var explores: [String] = []
            if let explore = filter.explore { explores.append(filter.model.map { "\($0)/\(explore)" } ?? explore) }
            for element in dashboard.elements where element.listen[filter.name] != nil {
                if let explore = element.explore { explores.append(element.model.map { "\($0)/\(explore)" } ?? explore) }
            }
            for reference in explores {
                if let field = ExploreCatalog(project: project, explore: reference)?.anyField(named: name) { return field }
            }
            return nil
        default:
            return nil
        }
    }

    /// The label users know the filter by (the filter bar and the editor show it).
    static func label(of filter: DashboardFilter) -> String {
        filter.title ?? Names.titleCase(filter.name)
    }

    /// The one-sentence error for `text` as the value of `filter`, or nil when it is valid. Empty
    /// text is valid: it removes the filter.
    func validationError(_ text: String, for filter: DashboardFilter, context: UIContext) -> String? {
        guard !text.allSatisfy({ $0 == " " || $0 == "\t" }), let field = filterFields[filter.name] else { return nil }
        return context.validateFilter(text, field, Self.label(of: filter))
    }
}
