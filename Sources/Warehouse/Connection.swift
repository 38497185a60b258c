/// An open session on one warehouse database. One statement runs at a time (concurrent calls wait
/// their turn; a callback must not call back into the same connection); `cancel()` may be called
/// from any other thread while a statement runs. The session closes when the last reference goes.
public protocol Connection: AnyObject, Sendable {
    /// "postgres" or "sqlite": the SQL dialect the query engine must render for this connection.
    var dialectName: String { get }

    /// Runs one read-only statement and hands its rows over one at a time, so memory stays flat
    /// however many rows come back. `onColumns` is called exactly once, before the first row (also
    /// when there are no rows). Throws `WarehouseError`, or whatever a callback throws (after the
    /// statement has been stopped and the session made ready for the next one).
    func stream(_ sql: String, onColumns: ([Column]) throws -> Void, onRow: ([Value]) throws -> Void) throws

    /// Buffers the whole result; more than `maxRows` rows → `WarehouseError.tooManyRows(maxRows)`.
    func query(_ sql: String, maxRows: Int) throws -> ResultSet

    /// Stops the statement running on this connection (from another thread); the running call
    /// throws `WarehouseError.cancelled`. Does nothing when no statement is running.
    func cancel()
}

extension Connection {
    public func query(_ sql: String, maxRows: Int) throws -> ResultSet {
        var columns: [Column] = []
        var rows: [[Value]] = []
        try stream(sql, onColumns: { columns = $0 }, onRow: { row in
            guard rows.count < maxRows else { throw WarehouseError.tooManyRows(maxRows) }
            rows.append(row)
        })
        return ResultSet(columns: columns, rows: rows)
    }
}
