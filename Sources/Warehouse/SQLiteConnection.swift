import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only (by default) SQLite session. Rows are stepped one at a time; a progress handler
/// enforces the statement timeout and `cancel()` uses `sqlite3_interrupt`.
final class SQLiteConnection: Connection, @unchecked Sendable {
    let dialectName = "sqlite"
    private let db: OpaquePointer
    private let options: ConnectionOptions
    private let queryLock = Lock()
    private let watch: SQLiteWatch

    init(path: String, options: ConnectionOptions) throws {
        self.options = options
        db = try SQLiteSession.open(path: path, readOnly: options.readOnly, create: false)
        watch = SQLiteWatch()
        if options.readOnly {
            // Belt and braces: the file is opened read-only, and query_only also refuses writes to
            // attached or temp databases.
            sqlite3_exec(db, "PRAGMA query_only = ON", nil, nil, nil)
        }
        sqlite3_progress_handler(db, 1000, { context in
            Unmanaged<SQLiteWatch>.fromOpaque(context!).takeUnretainedValue().shouldInterrupt() ? 1 : 0
        }, Unmanaged.passUnretained(watch).toOpaque())
    }

    deinit {
        sqlite3_progress_handler(db, 0, nil, nil)
        sqlite3_close_v2(db)
    }

    func cancel() {
        watch.cancel(db)
    }

    func stream(_ sql: String, onColumns: ([Column]) throws -> Void, onRow: ([Value]) throws -> Void) throws {
        try stream(sql, parameters: [], onColumns: onColumns, onRow: onRow)
    }

    func stream(_ sql: String, parameters: [String], onColumns: ([Column]) throws -> Void, onRow: ([Value]) throws -> Void) throws {
        try queryLock.withLock {
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let prepared: Int32 = sql.withCString { text in
                let rc = sqlite3_prepare_v2(db, text, -1, &statement, &tail)
                if rc == SQLITE_OK, let tail, Self.hasAnotherStatement(db, tail) { return -1 }
                return rc
            }
            if prepared == -1 {
                sqlite3_finalize(statement)
                throw WarehouseError.unsupported("only one SQL statement can run at a time on SQLite")
            }
            guard prepared == SQLITE_OK else { throw SQLiteSession.error(db) }
            guard let statement else {  // only whitespace or comments
                try onColumns([])
                return
            }
            defer { sqlite3_finalize(statement) }
            try Self.bind(parameters, to: statement, db)
            if options.readOnly, sqlite3_stmt_readonly(statement) == 0 {
                throw WarehouseError.queryFailed("the connection is read-only and this statement would write")
            }

            watch.begin(timeoutMilliseconds: options.statementTimeoutMilliseconds)
            defer { watch.end() }
            var decoder = SQLiteRowDecoder(statement)
            var announced = false
            while true {
                let rc = sqlite3_step(statement)
                if rc == SQLITE_ROW {
                    if !announced {
                        decoder.refineTypes(statement)
                        announced = true
                        try onColumns(decoder.columns)
                    }
                    try onRow(decoder.row(statement))
                } else if rc == SQLITE_DONE {
                    break
                } else {
                    throw interruptionOrError(rc)
                }
            }
            if !announced { try onColumns(decoder.columns) }
        }
    }

    /// Binds `parameters` as text to `?1`, `?2`… A count that differs from the statement's
    /// placeholders is refused: an unbound placeholder would silently be NULL.
    private static func bind(_ parameters: [String], to statement: OpaquePointer, _ db: OpaquePointer) throws {
        let expected = Int(sqlite3_bind_parameter_count(statement))
        guard expected == parameters.count else {
            throw WarehouseError.unsupported("the statement has \(expected) placeholders but \(parameters.count) values were given")
        }
        for (i, value) in parameters.enumerated() {
            let rc = value.withCString { sqlite3_bind_text(statement, Int32(i + 1), $0, Int32(strlen($0)), SQLiteSession.transient) }
            guard rc == SQLITE_OK else { throw SQLiteSession.error(db) }
            guard !value.utf8.contains(0) else {
                throw WarehouseError.unsupported("a value bound to the statement contains a NUL character, which SQLite text cannot hold here")
            }
        }
    }

    private func interruptionOrError(_ rc: Int32) -> WarehouseError {
        guard rc == SQLITE_INTERRUPT else { return SQLiteSession.error(db) }
        switch watch.reason {
        case .timeout: return .timeout("the query ran longer than the statement timeout of \(options.timeoutText)")
        case .cancelled, .none: return .cancelled
        }
    }

    /// True when text after the first statement holds another statement (not just `;`, spaces or
    /// comments).
    private static func hasAnotherStatement(_ db: OpaquePointer, _ tail: UnsafePointer<CChar>) -> Bool {
        guard tail.pointee != 0 else { return false }
        var next: OpaquePointer?
        let rc = sqlite3_prepare_v2(db, tail, -1, &next, nil)
        defer { sqlite3_finalize(next) }
        return rc != SQLITE_OK || next != nil
    }
}
