import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening SQLite files and turning SQLite failures into `WarehouseError`s.
enum SQLiteSession {
    /// SQLite copies bound text immediately (the C macro SQLITE_TRANSIENT does not import).
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    static func open(path: String, readOnly: Bool, create: Bool) throws -> OpaquePointer {
        // `file:` names are SQLite URIs (mode=ro, cache=shared…); plain paths are never parsed as URIs,
        // so a file literally named "file?x" still works.
        let isURI = path.hasPrefix("file:")
        if !isURI, !create, access(path, F_OK) != 0 {
            throw WarehouseError.cannotConnect("SQLite database file not found: \(path)")
        }
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create, !readOnly { flags |= SQLITE_OPEN_CREATE }
        if isURI { flags |= SQLITE_OPEN_URI }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let detail = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_close_v2(db)
            throw WarehouseError.cannotConnect("cannot open SQLite database \(path): \(detail)")
        }
        sqlite3_busy_timeout(db, 5000)
        sqlite3_extended_result_codes(db, 1)
        // Reading the schema proves the file is a database, so a text file fails here, not mid-query.
        var probe: OpaquePointer?
        let check = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &probe, nil)
        let stepped = check == SQLITE_OK ? sqlite3_step(probe) : check
        sqlite3_finalize(probe)
        guard stepped == SQLITE_ROW else {
            let detail = String(cString: sqlite3_errmsg(db))
            sqlite3_close_v2(db)
            throw WarehouseError.cannotConnect("cannot open SQLite database \(path): \(detail)")
        }
        return db
    }

    static func error(_ db: OpaquePointer) -> WarehouseError {
        .queryFailed(String(cString: sqlite3_errmsg(db)))
    }

    static func quoteQualified(_ name: String) -> String {
        PostgresSession.quoteQualified(name)  // same double-quote rules
    }
}
