/// A model file: its connection and the explores it defines over the views it includes.
public struct Model: Hashable, Sendable {
    public var name: String
    public var label: String?
    /// `connection:` name, mapped to a URL by the project's settings.
    public var connection: String?
    /// Views visible to this model through its includes, after extends and refinements.
    public var views: [String: View]
    public var explores: [Explore]
    public var location: SourceLocation?
    /// The model file's `named_value_format` blocks by name; fields' `value_format_name` resolve
    /// against these first, then Looker's built-ins (`ValueFormats.builtin(named:)`).
    public var namedValueFormats: [String: NamedValueFormat] = [:]
    /// The model file's `access_grant` blocks by name.
    public var accessGrants: [String: AccessGrant] = [:]
    /// `week_start_day`: 0 = Monday (the default) … 6 = Sunday.
    public var weekStartDay: Int = 0
    /// `fiscal_month_offset`: months the fiscal year starts after January (any integer).
    public var fiscalMonthOffset: Int = 0

    public init(name: String) {
        self.name = name
        self.views = [:]
        self.explores = []
    }

    public func explore(named name: String) -> Explore? { explores.first { $0.name == name } }
}
