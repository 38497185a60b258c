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
        // A FIFO would block in open() until a writer appears, beyond any statement timeout; a device
        // or directory is no database either. Only a regular file (or a link to one) is opened.
        var info = stat()
        if !isURI, stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw WarehouseError.cannotConnect("cannot open SQLite database \(path): it is not a regular file (a FIFO, device or directory)")
        }
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create, !readOnly { flags |= SQLITE_OPEN_CREATE }
        if isURI { flags |= SQLITE_OPEN_URI }
        do {
            return try openAndProbe(path, flags: flags, shownAs: path)
        } catch let error as WarehouseError {
            // A WAL-mode file needs its -shm (and -wal) beside it; in a directory we cannot write, SQLite
            // cannot create them and refuses to read at all. Nobody can be writing through WAL there
            // without those files, so the file is read as immutable instead.
            guard readOnly, !isURI, error.detail.hasSuffix("attempt to write a readonly database") || error.detail.hasSuffix("unable to open database file"),
                  access(directory(of: path), W_OK) != 0 else { throw error }
            return try openAndProbe(uri(path) + "?mode=ro&immutable=1", flags: flags | SQLITE_OPEN_URI, shownAs: path)
        }
    }

    /// The directory holding `path` ("." for a bare file name).
    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `path` as a `file:` URI, every byte but unreserved ones and '/' percent-encoded.
    private static func uri(_ path: String) -> String {
        var out = "file:"
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    private static func openAndProbe(_ name: String, flags: Int32, shownAs path: String) throws -> OpaquePointer {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(name, &db, flags, nil)
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

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
