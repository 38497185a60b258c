import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only (by default) PostgreSQL session over libpq, streaming rows in single-row mode.
final class PostgresConnection: Connection, @unchecked Sendable {
    let dialectName = "postgres"
    private let conninfo: String
    private let options: ConnectionOptions
    /// Guarded by `queryLock`: only the thread running a statement touches the PGconn.
    private var conn: OpaquePointer
    /// Guarded by `state`: `PQcancel` only reads it, so another thread may use it while a
    /// statement runs (libpq documents this).
    private var cancelHandle: OpaquePointer?
    private let queryLock = Lock()
    private let state = Lock()
    private var running = false
    private var cancelRequested = false

    init(conninfo: String, options: ConnectionOptions) throws {
        self.conninfo = conninfo
        self.options = options
        conn = try PostgresSession.open(conninfo)
        do {
            try Self.configure(conn, options: options)
        } catch {
            PQfinish(conn)
            throw error
        }
        cancelHandle = PQgetCancel(conn)
    }

    deinit {
        if let cancelHandle { PQfreeCancel(cancelHandle) }
        PQfinish(conn)
    }

    /// Session settings every statement relies on: UTC so timestamptz values arrive as UTC wall
    /// time (the query engine converts zones itself), ISO dates for the byte parser, shortest exact
    /// float text (extra_float_digits = 3), and the read-only flag and timeout the caller chose.
    private static func configure(_ conn: OpaquePointer, options: ConnectionOptions) throws {
        var sql = "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'; "
        sql += "SET IntervalStyle = 'iso_8601'; SET extra_float_digits = 3; "
        sql += "SET statement_timeout = \(options.statementTimeoutMilliseconds); "
        if options.readOnly { sql += "SET default_transaction_read_only = on; " }
        do {
            try PostgresSession.exec(conn, sql)
        } catch let error as WarehouseError {
            if case .queryFailed(let message) = error {
                throw WarehouseError.cannotConnect("cannot set up the PostgreSQL session: \(message)")
            }
            throw error
        }
    }

    func cancel() {
        state.withLock {
            guard running else { return }
            cancelRequested = true
            if let cancelHandle {
                var buffer = [CChar](repeating: 0, count: 256)
                _ = PQcancel(cancelHandle, &buffer, Int32(buffer.count))
            }
        }
    }

    func stream(_ sql: String, onColumns: ([Column]) throws -> Void, onRow: ([Value]) throws -> Void) throws {
        try queryLock.withLock {
            try reconnectIfBroken()
            state.withLock {
                running = true
                cancelRequested = false
            }
            defer { state.withLock { running = false } }
            try run(sql, onColumns: onColumns, onRow: onRow)
        }
    }

    private func run(_ sql: String, onColumns: ([Column]) throws -> Void, onRow: ([Value]) throws -> Void) throws {
        // The extended protocol (QueryParams) refuses several statements in one string, which keeps
        // "one read-only statement" true whatever text arrives.
        guard PQsendQueryParams(conn, sql, 0, nil, nil, nil, nil, 0) == 1 else {
            throw PostgresSession.connectionErrorOrMessage(conn)
        }
        _ = PQsetSingleRowMode(conn)

        var decoder: PostgresRowDecoder?
        var failure: Error?
        while let result = PQgetResult(conn) {
            defer { PQclear(result) }
            if failure != nil { continue }  // draining after we gave up on the statement
            switch PQresultStatus(result) {
            case PGRES_SINGLE_TUPLE, PGRES_TUPLES_OK:
                do {
                    if decoder == nil {
                        let d = PostgresRowDecoder(result)
                        decoder = d
                        try onColumns(d.columns)
                    }
                    let rows = PQntuples(result)
                    var r: Int32 = 0
                    while r < rows {
                        try onRow(decoder!.row(result, r))
                        r += 1
                    }
                    if state.withLock({ cancelRequested }) { throw WarehouseError.cancelled }
                } catch {
                    failure = error
                    abandon()
                }
            case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
                break
            default:
                failure = mapFailure(result)
            }
        }
        if let failure { throw failure }
        if PQstatus(conn) != CONNECTION_OK { throw PostgresSession.connectionError(conn) }
        if decoder == nil { try onColumns([]) }
    }

    /// Stops the server sending the rest of a result we no longer want; the remaining results are
    /// drained by the caller so the session is ready for the next statement.
    private func abandon() {
        guard let cancelHandle else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancelHandle, &buffer, Int32(buffer.count))
    }

    private func mapFailure(_ result: OpaquePointer) -> WarehouseError {
        let error = PostgresSession.queryError(result, conn: conn)
        guard PostgresSession.sqlState(result) == "57014" else { return error }
        if state.withLock({ cancelRequested }) { return .cancelled }
        if case .queryFailed(let message) = error, message.contains("statement timeout") {
            return .timeout("the query ran longer than the statement timeout of \(options.timeoutText)")
        }
        return .cancelled
    }

    /// A session killed by a server restart is reopened once before the next statement.
    private func reconnectIfBroken() throws {
        guard PQstatus(conn) != CONNECTION_OK else { return }
        PQreset(conn)
        guard PQstatus(conn) == CONNECTION_OK else {
            throw WarehouseError.cannotConnect(PostgresSession.connectFailure(conn, conninfo: conninfo))
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        try Self.configure(conn, options: options)
        let fresh = PQgetCancel(conn)
        state.withLock {
            if let cancelHandle { PQfreeCancel(cancelHandle) }
            cancelHandle = fresh
        }
    }
}

extension PostgresSession {
    /// After a failed send: a dead session is a connection error, anything else libpq's message.
    static func connectionErrorOrMessage(_ conn: OpaquePointer) -> WarehouseError {
        if PQstatus(conn) != CONNECTION_OK { return connectionError(conn) }
        return .queryFailed(firstLine(string(PQerrorMessage(conn))))
    }
}
