/// A fully buffered query result, as returned by `Connection.query(_:maxRows:)`.
public struct ResultSet: Sendable, Equatable {
    public var columns: [Column]
    public var rows: [[Value]]

    public init(columns: [Column], rows: [[Value]]) {
        self.columns = columns
        self.rows = rows
    }
}
