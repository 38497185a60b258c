import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libpq plumbing shared by `PostgresConnection` and `PostgresLoader`: opening a session (libpq
/// itself reads PG* variables, ~/.pgpass and sslmode, so we pass the URL through untouched) and
/// turning libpq failures into password-free `WarehouseError`s.
enum PostgresSession {
    /// Connects or throws `.cannotConnect("cannot connect to PostgreSQL at HOST:PORT database DB: …")`.
    static func open(_ conninfo: String) throws -> OpaquePointer {
        // Keywords before `dbname` are defaults the expanded URL may override.
        var keywords = ["fallback_application_name"]
        var values = ["spyglass"]
        if getenv("PGCONNECT_TIMEOUT") == nil {
            keywords.append("connect_timeout")
            values.append("10")
        }
        keywords.append("dbname")
        values.append(conninfo)
        let conn = withCStringArray(keywords) { k in
            withCStringArray(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn else {
            throw WarehouseError.cannotConnect("cannot connect to PostgreSQL: libpq is out of memory")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = connectFailure(conn, conninfo: conninfo)
            PQfinish(conn)
            throw WarehouseError.cannotConnect(message)
        }
        // libpq prints NOTICEs and WARNINGs to stderr by default, which would corrupt CLI output.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        return conn
    }

    /// "cannot connect to PostgreSQL at HOST:PORT database DB: <libpq's first line>".
    static func connectFailure(_ conn: OpaquePointer, conninfo: String) -> String {
        let host = string(PQhost(conn))
        let port = string(PQport(conn))
        let database = string(PQdb(conn))
        let detail = firstLine(string(PQerrorMessage(conn)))
        var where_ = ""
        if !host.isEmpty { where_ += " at \(host)" + (port.isEmpty ? "" : ":\(port)") }
        if !database.isEmpty { where_ += " database \(database)" }
        let message = "cannot connect to PostgreSQL\(where_): \(detail.isEmpty ? "unknown error" : detail)"
        return Redactor.scrub(Redactor.redact(message), secrets: [string(PQpass(conn))] + urlPasswords(conninfo))
    }

    /// Runs session setup or fixture SQL that returns no rows.
    static func exec(_ conn: OpaquePointer, _ sql: String) throws {
        guard let result = PQexec(conn, sql) else { throw connectionError(conn) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default: throw queryError(result, conn: conn)
        }
    }

    /// After a failed send: a dead session is a connection error, anything else libpq's message.
    static func connectionErrorOrMessage(_ conn: OpaquePointer) -> WarehouseError {
        if PQstatus(conn) != CONNECTION_OK { return connectionError(conn) }
        return .queryFailed(firstLine(string(PQerrorMessage(conn))))
    }

    /// The error for a failed result: the primary message, first line.
    static func queryError(_ result: OpaquePointer, conn: OpaquePointer) -> WarehouseError {
        if PQstatus(conn) != CONNECTION_OK { return connectionError(conn) }
        var message = string(PQresultErrorField(result, Int32(UInt8(ascii: "M"))))
        if message.isEmpty { message = firstLine(string(PQresultErrorMessage(result))) }
        if message.isEmpty { message = firstLine(string(PQerrorMessage(conn))) }
        return .queryFailed(firstLine(message))
    }

    static func sqlState(_ result: OpaquePointer) -> String {
        string(PQresultErrorField(result, Int32(UInt8(ascii: "C"))))
    }

    /// The session died under us (server restart, network): say where.
    static func connectionError(_ conn: OpaquePointer) -> WarehouseError {
        let host = string(PQhost(conn))
        let port = string(PQport(conn))
        let detail = firstLine(string(PQerrorMessage(conn)))
        return .cannotConnect("lost the connection to PostgreSQL at \(host):\(port): \(detail.isEmpty ? "connection closed" : detail)")
    }

    static func string(_ p: UnsafePointer<CChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    static func string(_ p: UnsafeMutablePointer<CChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    static func firstLine(_ s: String) -> String {
        let line = s.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? ""
        var trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        if trimmed.hasPrefix("ERROR:  ") { trimmed = trimmed.dropFirst("ERROR:  ".count) }
        // libpq nests the server's severity inside its own sentence ("… failed: FATAL:  role …").
        return String(trimmed).replacing("FATAL:  ", with: "").replacing("ERROR:  ", with: "")
    }

    /// Passwords written into the URL, raw and percent-decoded, so messages can be scrubbed of both.
    static func urlPasswords(_ conninfo: String) -> [String] {
        var found: [String] = []
        var errmsg: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(conninfo, &errmsg) {
            var p = options
            while let keyword = p.pointee.keyword {
                if String(cString: keyword) == "password", let value = p.pointee.val {
                    found.append(String(cString: value))
                }
                p += 1
            }
            PQconninfoFree(options)
        }
        if let errmsg { PQfreemem(errmsg) }
        if let schemeEnd = conninfo.firstRange(of: "://") {
            let rest = conninfo[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                found.append(String(rest[rest.index(after: colon)..<at]))
            }
        }
        return found
    }

    /// Quotes an identifier, each dot-separated part on its own (`public.orders` → `"public"."orders"`),
    /// leaving parts that are already quoted alone.
    static func quoteQualified(_ name: String) -> String {
        if name.hasPrefix("\"") { return name }
        return name.split(separator: ".", omittingEmptySubsequences: false)
            .map { "\"" + $0.replacing("\"", with: "\"\"") + "\"" }
            .joined(separator: ".")
    }

    static func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
