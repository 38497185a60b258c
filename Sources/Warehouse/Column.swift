/// One column of a result set: its name as the database reported it and the type its values take.
public struct Column: Hashable, Sendable {
    public var name: String
    public var type: ColumnType

    public init(name: String, type: ColumnType) {
        self.name = name
        self.type = type
    }
}
