import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A PostgreSQL connection string as libpq itself reads it (`PQconninfoParse`), so messages are built
/// from the fields libpq will use rather than from a second, differing reading of the text.
///
/// A URL whose user name or password holds an unencoded `/` or `@` is read by libpq with part of the
/// password as the host, port or database (`postgresql://u:pa/ss@h/db` is host `u`, port `pa`,
/// database `ss@h/db`), so any message naming those fields would print the password. Such a URL is
/// refused before connecting, with advice and no echo.
struct PostgresConninfo {
    /// libpq's keyword → value, for keywords the string sets.
    let fields: [String: String]

    init(_ conninfo: String) throws {
        var errmsg: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errmsg) else {
            if let errmsg { PQfreemem(errmsg) }
            // libpq's message quotes the text it could not read, which may be the password.
            throw WarehouseError.cannotConnect(
                "cannot connect to PostgreSQL: libpq cannot read the connection string; check its quoting and percent-encoding")
        }
        defer { PQconninfoFree(options) }
        var fields: [String: String] = [:]
        var p = options
        while let keyword = p.pointee.keyword {
            if let value = p.pointee.val { fields[String(cString: keyword)] = String(cString: value) }
            p += 1
        }
        self.fields = fields
        if Self.isURI(conninfo), ["host", "hostaddr", "port", "dbname"].contains(where: { fields[$0]?.contains("@") == true }) {
            throw WarehouseError.cannotConnect(
                "cannot connect to PostgreSQL: the URL's user name or password contains '/' or '@', which libpq reads as the start of the host or database; percent-encode them in the URL (/ as %2F, @ as %40, # as %23, ? as %3F)")
        }
    }

    static func isURI(_ conninfo: String) -> Bool {
        let lower = conninfo.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// What a message must never contain: the password libpq will send, and the text it was written
    /// as in the URL (percent-encoded, or quoted in a keyword string).
    func secrets(in conninfo: String) -> [String] {
        guard let password = fields["password"], !password.isEmpty else { return [] }
        var found = [password]
        if Self.isURI(conninfo), let schemeEnd = conninfo.firstRange(of: "://") {
            // libpq's reading: the user info ends at the first '@' before the first '/'.
            let rest = conninfo[schemeEnd.upperBound...]
            let authority = rest[..<(rest.firstIndex(of: "/") ?? rest.endIndex)]
            if let at = authority.firstIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                found.append(String(authority[authority.index(after: colon)..<at]))
            }
        }
        return found.filter { !$0.isEmpty }
    }
}
