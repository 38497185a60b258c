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
    /// float text (extra_float_digits = 3), standard strings (a backslash is an ordinary character in
    /// '…', which the query engine's literals rely on; a role, a database, PGOPTIONS or the URL's
    /// `options=` can turn it off), and the read-only flag and timeout the caller chose.
    private static func configure(_ conn: OpaquePointer, options: ConnectionOptions) throws {
        var sql = "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'; "
        sql += "SET extra_float_digits = 3; SET standard_conforming_strings = on; "
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
        if let problem = settingsProblem(conn) { throw WarehouseError.cannotConnect("cannot set up the PostgreSQL session: \(problem)") }
    }

    /// Why the session's settings cannot be trusted for the next statement, or nil. libpq tracks
    /// `standard_conforming_strings` from the server's ParameterStatus messages, so this costs nothing.
    private static func settingsProblem(_ conn: OpaquePointer) -> String? {
        let value = PostgresSession.string(PQparameterStatus(conn, "standard_conforming_strings"))
        guard value != "on" else { return nil }
        return "standard_conforming_strings is \(value.isEmpty ? "not reported" : value) on this session, and Spyglass runs statements only with it on"
    }

    /// Runs `sql` on the session outside any statement's transaction, as a connection pooler or a
    /// server-side change could leave it. Tests use it to prove `stream` refuses an unsafe session.
    func runOnSessionForTesting(_ sql: String) throws {
        try queryLock.withLock { try PostgresSession.exec(conn, sql) }
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
        try stream(sql, parameters: [], onColumns: onColumns, onRow: onRow)
    }

    /// Each statement runs in its own transaction (`BEGIN READ ONLY` … `ROLLBACK` on a read-only
    /// session), so nothing a statement does to the session — `set_config(…, false)` of the read-only
    /// flag, the timeout or the string syntax, a large object — outlives it.
    ///
    /// Retrying: only the `BEGIN` is ever sent twice. It is the first thing sent on a session that was
    /// idle, so if it fails for a lost connection (the server closed an idle session: a restart, an idle
    /// timeout, `pg_terminate_backend`) nothing of the caller's has run, and it is sent again on a fresh
    /// session. Once the statement has been sent, a lost connection (57P01 included: a DBA or a
    /// shutdown terminated it) is reported, never re-run.
    func stream(_ sql: String, parameters: [String], onColumns: ([Column]) throws -> Void, onRow: ([Value]) throws -> Void) throws {
        guard !parameters.contains(where: { $0.utf8.contains(0) }) else {
            throw WarehouseError.unsupported("a value bound to the statement contains a NUL character, which PostgreSQL text cannot hold")
        }
        try queryLock.withLock {
            state.withLock { cancelRequested = false }
            var types = [Oid](repeating: 0, count: parameters.count)
            while true {
                state.withLock { running = true }
                var retryWithTypes: [Oid]?
                do {
                    defer {
                        // A cancel is for the statement; one landing on our ROLLBACK would only fail it.
                        state.withLock { running = false }
                        endTransaction()
                    }
                    try beginTransaction()
                    if let problem = Self.settingsProblem(conn) {
                        needsReset = true  // the next statement sets the session up again
                        throw WarehouseError.unsupported("PostgreSQL's \(problem)")
                    }
                    if state.withLock({ cancelRequested }) { throw WarehouseError.cancelled }
                    var delivered = false
                    do {
                        try run(sql, parameters: parameters, types: types, onColumns: onColumns, onRow: onRow, delivered: &delivered)
                    } catch let failure as IndeterminateParameter where !delivered && failure.index < types.count && types[failure.index] == 0 {
                        // `concat($1, …)`: PostgreSQL could not infer the value's type where an untyped
                        // literal would have been read as text; nothing ran, so say text and send it again.
                        types[failure.index] = 25
                        retryWithTypes = types
                    }
                }
                if retryWithTypes == nil { return }
            }
        }
    }

    /// Opens the statement's transaction, on a fresh session once if the idle one was lost.
    private func beginTransaction() throws {
        let begin = options.readOnly ? "BEGIN READ ONLY" : "BEGIN"
        try reconnectIfBroken()
        do {
            try command(begin)
        } catch WarehouseError.cannotConnect(let message) {
            needsReset = true
            do {
                try reconnectIfBroken()
            } catch {
                throw WarehouseError.cannotConnect(message)
            }
            try command(begin)
        }
    }

    /// Ends the statement's transaction: ROLLBACK on a read-only session (undoing any session change
    /// the statement made), COMMIT otherwise. A session that cannot end it is reset before reuse.
    private func endTransaction() {
        guard !needsReset, PQstatus(conn) == CONNECTION_OK else { return }
        switch PQtransactionStatus(conn) {
        case PQTRANS_INTRANS, PQTRANS_INERROR:
            let inError = PQtransactionStatus(conn) == PQTRANS_INERROR
            do {
                try command(options.readOnly || inError ? "ROLLBACK" : "COMMIT")
            } catch {
                needsReset = true
            }
        case PQTRANS_IDLE:
            break  // the statement itself ended the transaction (COMMIT in model SQL)
        default:
            needsReset = true
        }
    }

    /// Runs a command of ours (BEGIN, COMMIT, ROLLBACK) with the same bounded wait as a statement.
    private func command(_ sql: String) throws {
        guard PQsendQueryParams(conn, sql, 0, nil, nil, nil, nil, 0) == 1 else {
            throw PostgresSession.connectionErrorOrMessage(conn)
        }
        var waiter = Waiter(timeoutMilliseconds: options.statementTimeoutMilliseconds, resendsCancel: false)
        var failure: WarehouseError?
        while let result = try nextResult(&waiter) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: break
            default: failure = failure ?? mapFailure(result)
            }
        }
        if let failure { throw failure }
        if PQstatus(conn) != CONNECTION_OK { throw PostgresSession.connectionError(conn) }
    }

    /// PostgreSQL could not infer the type of parameter `index` (0-based): SQLSTATE 42P18.
    private struct IndeterminateParameter: Error {
        let index: Int
    }

    private func run(_ sql: String, parameters: [String], types: [Oid], onColumns: ([Column]) throws -> Void,
                     onRow: ([Value]) throws -> Void, delivered: inout Bool) throws {
        // The extended protocol (QueryParams) refuses several statements in one string, which keeps
        // "one read-only statement" true whatever text arrives. Values go as text with type 0
        // (unknown) unless a retry said text, so PostgreSQL types them as it would an untyped literal.
        let sent = PostgresSession.withCStringArray(parameters) { values in
            types.withUnsafeBufferPointer { oids in
                PQsendQueryParams(conn, sql, Int32(parameters.count), parameters.isEmpty ? nil : oids.baseAddress,
                                  parameters.isEmpty ? nil : values, nil, nil, 0)
            }
        }
        guard sent == 1 else {
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
                if PostgresSession.sqlState(result) == "42P18", let index = Self.parameterNumber(in: result), index <= parameters.count {
                    failure = IndeterminateParameter(index: index - 1)
                } else {
                    failure = mapFailure(result)
                }
            }
        }
        if let failure { throw failure }
        if PQstatus(conn) != CONNECTION_OK { throw PostgresSession.connectionError(conn) }
        if decoder == nil {
            delivered = true
            try onColumns([])
        }
    }

    /// N from "could not determine data type of parameter $N" (the number survives translation).
    private static func parameterNumber(in result: OpaquePointer) -> Int? {
        let message = PostgresSession.string(PQresultErrorField(result, Int32(UInt8(ascii: "M"))))
        guard let dollar = message.lastIndex(of: "$") else { return nil }
        return Int(message[message.index(after: dollar)...].prefix(while: \.isNumber))
    }

    /// Tracks one statement's wait for results: when a cancel was last sent, and a client-side
    /// deadline in case the server stops answering altogether (statement_timeout cannot fire then).
    private struct Waiter {
        var lastCancelSent: UInt64 = 0
        let deadline: UInt64
        /// False for our own BEGIN/ROLLBACK: a cancel is meant for the caller's statement.
        let resendsCancel: Bool

        init(timeoutMilliseconds: Int, resendsCancel: Bool = true) {
            self.resendsCancel = resendsCancel
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
            if waiter.resendsCancel, state.withLock({ cancelRequested }), now - waiter.lastCancelSent > 250_000_000 {
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
