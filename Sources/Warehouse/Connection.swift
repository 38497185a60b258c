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

    /// `stream` with values bound to the statement's placeholders (`$1` on PostgreSQL, `?1` on SQLite),
    /// `parameters[0]` to the first, sent as text the database types as it would an untyped literal.
    /// User values travel this way and never inside the SQL text. A connection that cannot bind keeps
    /// the default below, which refuses any parameter.
    func stream(_ sql: String, parameters: [String], onColumns: ([Column]) throws -> Void, onRow: ([Value]) throws -> Void) throws

    /// Buffers the whole result; more than `maxRows` rows → `WarehouseError.tooManyRows(maxRows)`.
    func query(_ sql: String, maxRows: Int) throws -> ResultSet

    /// Stops the statement running on this connection (from another thread); the running call
    /// throws `WarehouseError.cancelled`. Does nothing when no statement is running.
    func cancel()
}

extension Connection {
    /// Default for connectors without bind parameters: statements without values run as they are.
    public func stream(_ sql: String, parameters: [String], onColumns: ([Column]) throws -> Void, onRow: ([Value]) throws -> Void) throws {
        guard parameters.isEmpty else {
            throw WarehouseError.unsupported("the \(dialectName) connection cannot bind parameters, so it cannot run a statement with user values")
        }
        try stream(sql, onColumns: onColumns, onRow: onRow)
    }

    public func query(_ sql: String, maxRows: Int) throws -> ResultSet {
        try query(sql, parameters: [], maxRows: maxRows)
    }

    /// `query` with bound values (see `stream(_:parameters:onColumns:onRow:)`).
    public func query(_ sql: String, parameters: [String], maxRows: Int) throws -> ResultSet {
        var columns: [Column] = []
        var rows: [[Value]] = []
        try stream(sql, parameters: parameters, onColumns: { columns = $0 }, onRow: { row in
            guard rows.count < maxRows else { throw WarehouseError.tooManyRows(maxRows) }
            rows.append(row)
        })
        return ResultSet(columns: columns, rows: rows)
    }
}
