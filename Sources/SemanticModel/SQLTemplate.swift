/// A piece of model SQL with its `${…}` references parsed out but not yet expanded.
///
/// Expansion needs to know which alias a view has in a query (a view can be joined twice under two
/// names), so the semantic model keeps references symbolic and the query engine expands them.
public struct SQLTemplate: Hashable, Sendable, CustomStringConvertible {
    public enum Fragment: Hashable, Sendable {
        /// Literal SQL text (Liquid tags included, verbatim).
        case text(String)
        /// `${TABLE}`: the alias of the view that owns the field being expanded.
        case table
        /// `${field}` (view nil: the owning view) or `${view.field}` (view: an alias in the explore,
        /// a join name, or a view name when used inside a view).
        case field(view: String?, name: String)
        /// `${view.SQL_TABLE_NAME}`: the view's table or derived-table SQL.
        case sqlTableName(view: String)
    }

    public var fragments: [Fragment]
    /// Where the template starts in its file.
    public var location: SourceLocation?

    public init(fragments: [Fragment], location: SourceLocation?) {
        self.fragments = fragments
        self.location = location
    }

    /// The template written back as LookML SQL (for messages and tests).
    public var description: String {
        fragments.map { fragment in
            switch fragment {
            case .text(let s): s
            case .table: "${TABLE}"
            case .field(nil, let name): "${\(name)}"
            case .field(let view?, let name): "${\(view).\(name)}"
            case .sqlTableName(let view): "${\(view).SQL_TABLE_NAME}"
            }
        }.joined()
    }
}
