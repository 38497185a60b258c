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
    /// Guarded by `handleLock`: `PQcancel` only reads it, so another thread may use it while a
    /// statement runs (libpq documents this).
    private var cancelHandle: OpaquePointer?
    private let queryLock = Lock()
    /// Separate from `state` because `PQcancel` opens a connection and may block; the row loop's
    /// check of `cancelRequested` must never wait behind it.
    private let handleLock = Lock()
    /// Guards `running` and `cancelRequested`.
    private let state = Lock()
    private var running = false
    private var cancelRequested = false
    /// Set when a statement was given up mid-flight: the session must be reset before reuse.
    private var needsReset = false

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
        sql += "SET extra_float_digits = 3; "
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
        let send = state.withLock { () -> Bool in
            guard running else { return false }
            cancelRequested = true
            return true
        }
        if send { sendCancelRequest() }
    }

    func stream(_ sql: String, onColumns: ([Column]) throws -> Void, onRow: ([Value]) throws -> Void) throws {
        try queryLock.withLock {
            try reconnectIfBroken()
            state.withLock {
                running = true
                cancelRequested = false
            }
            defer { state.withLock { running = false } }
            var delivered = false
            do {
                try run(sql, onColumns: onColumns, onRow: onRow, delivered: &delivered)
            } catch WarehouseError.cannotConnect(let message) where !delivered {
                // The server closed an idle session (restart, idle timeout, pg_terminate_backend) and we
                // only learn it now. Nothing reached the caller and the statement is read-only, so
                // running it once more on a fresh session is safe.
                needsReset = true
                do {
                    try reconnectIfBroken()
                } catch {
                    throw WarehouseError.cannotConnect(message)
                }
                try run(sql, onColumns: onColumns, onRow: onRow, delivered: &delivered)
            }
        }
    }

    private func run(_ sql: String, onColumns: ([Column]) throws -> Void, onRow: ([Value]) throws -> Void,
                     delivered: inout Bool) throws {
        // The extended protocol (QueryParams) refuses several statements in one string, which keeps
        // "one read-only statement" true whatever text arrives.
        guard PQsendQueryParams(conn, sql, 0, nil, nil, nil, nil, 0) == 1 else {
            throw PostgresSession.connectionErrorOrMessage(conn)
        }
        _ = PQsetSingleRowMode(conn)

        var waiter = Waiter(timeoutMilliseconds: options.statementTimeoutMilliseconds)
        var decoder: PostgresRowDecoder?
        var failure: Error?
        while let result = try nextResult(&waiter) {
            defer { PQclear(result) }
            if failure != nil { continue }  // draining after we gave up on the statement
            switch PQresultStatus(result) {
            case PGRES_SINGLE_TUPLE, PGRES_TUPLES_OK:
                do {
                    if decoder == nil {
                        let d = PostgresRowDecoder(result)
                        decoder = d
                        delivered = true
                        try onColumns(d.columns)
                    }
                    let rows = PQntuples(result)
                    var r: Int32 = 0
                    while r < rows {
                        try onRow(decoder!.row(result, r))
                        r += 1
                    }
                    // Rows already buffered client-side would keep coming after a server-side cancel.
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
        if decoder == nil {
            delivered = true
            try onColumns([])
        }
    }

    /// Tracks one statement's wait for results: when a cancel was last sent, and a client-side
    /// deadline in case the server stops answering altogether (statement_timeout cannot fire then).
    private struct Waiter {
        var lastCancelSent: UInt64 = 0
        let deadline: UInt64

        init(timeoutMilliseconds: Int) {
            deadline = timeoutMilliseconds > 0 ? SQLiteWatch.now() + UInt64(timeoutMilliseconds + 15_000) * 1_000_000 : 0
        }
    }

    /// The next result, waiting on the socket in short slices rather than blocking in libpq, so a
    /// cancel that raced the statement's start (the server ignores a cancel that arrives before the
    /// statement) is re-sent until it lands, and a dead server cannot hang the caller forever.
    private func nextResult(_ waiter: inout Waiter) throws -> OpaquePointer? {
        while PQisBusy(conn) != 0 {
            var descriptor = pollfd(fd: PQsocket(conn), events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 100)
            if PQconsumeInput(conn) == 0 { break }  // the failure surfaces as an error result
            let now = SQLiteWatch.now()
            if state.withLock({ cancelRequested }), now - waiter.lastCancelSent > 250_000_000 {
                waiter.lastCancelSent = now
                abandon()
            }
            if waiter.deadline != 0, now > waiter.deadline {
                needsReset = true
                throw WarehouseError.timeout(
                    "PostgreSQL stopped answering: no result \(options.timeoutText) plus 15 s after the statement started")
            }
        }
        return PQgetResult(conn)
    }

    /// Stops the server sending the rest of a result we no longer want; the remaining results are
    /// drained by the caller so the session is ready for the next statement.
    private func abandon() {
        sendCancelRequest()
    }

    private func sendCancelRequest() {
        handleLock.withLock {
            guard let cancelHandle else { return }
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(cancelHandle, &buffer, Int32(buffer.count))
        }
    }

    private func mapFailure(_ result: OpaquePointer) -> WarehouseError {
        let error = PostgresSession.queryError(result, conn: conn)
        let sqlState = PostgresSession.sqlState(result)
        // Class 08 (connection exception) and 57P01-57P03 (shutdown, crash, cannot connect now) mean
        // the session is gone, whatever PQstatus says at this instant.
        if sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState) {
            needsReset = true
            return .cannotConnect("lost the connection to PostgreSQL at \(PostgresSession.string(PQhost(conn))):\(PostgresSession.string(PQport(conn))): \(error.detail)")
        }
        if case .queryFailed(let message) = error, message == "cannot insert multiple commands into a prepared statement" {
            return .unsupported("only one SQL statement can run at a time on PostgreSQL")
        }
        guard sqlState == "57014" else { return error }
        if state.withLock({ cancelRequested }) { return .cancelled }
        if case .queryFailed(let message) = error, message.contains("statement timeout") {
            return .timeout("the query ran longer than the statement timeout of \(options.timeoutText)")
        }
        return .cancelled
    }

    /// A session killed by a server restart is reopened once before the next statement.
    private func reconnectIfBroken() throws {
        // Reading pending input notices a server that closed the session while we were idle.
        if PQstatus(conn) == CONNECTION_OK, !needsReset, PQconsumeInput(conn) == 1 { return }
        needsReset = false
        PQreset(conn)
        guard PQstatus(conn) == CONNECTION_OK else {
            throw WarehouseError.cannotConnect(PostgresSession.connectFailure(conn, conninfo: conninfo))
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        try Self.configure(conn, options: options)
        let fresh = PQgetCancel(conn)
        handleLock.withLock {
            if let cancelHandle { PQfreeCancel(cancelHandle) }
            cancelHandle = fresh
        }
    }
}
