/// A field as it is reachable in one explore: the alias it is queried under (the explore's alias
/// or a join's name) and the field itself.
public struct ExploreField: Hashable, Sendable {
    /// The explore alias or join name the field's view has in this explore.
    public var alias: String
    public var field: Field
    /// `alias.field`, the name users and queries refer to the field by.
    public var name: String

    public init(alias: String, field: Field) {
        self.alias = alias
        self.field = field
        self.name = "\(alias).\(field.name)"
    }
}
