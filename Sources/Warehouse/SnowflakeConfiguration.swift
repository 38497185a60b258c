/// Everything a `snowflake://` URL says, parsed without connecting:
///
///     snowflake://USER[:PASSWORD]@ACCOUNT[/DATABASE[/SCHEMA]]?warehouse=WH&role=ROLE
///         &private_key_file=PATH&authenticator=snowflake_jwt|snowflake&query_tag=TAG
///         &host=HOST&port=PORT&protocol=http|https
///
/// `host`, `port` and `protocol` reach a non-default endpoint (as gosnowflake's DSN allows); the
/// default is `https://ACCOUNT.snowflakecomputing.com:443`. A private key file means key-pair
/// authentication unless `authenticator=snowflake` says otherwise; an encrypted PKCS#8 key takes its
/// passphrase from `SNOWFLAKE_PRIVATE_KEY_PASSPHRASE`.
struct SnowflakeConfiguration: Equatable, Sendable {
    enum Authenticator: Equatable, Sendable {
        case password
        case keyPair
    }

    var user: String
    var password: String
    var account: String
    var database: String?
    var schema: String?
    var warehouse: String?
    var role: String?
    var privateKeyFile: String?
    var authenticator: Authenticator
    var queryTag: String
    var host: String
    var port: Int
    var useTLS: Bool

    /// `protocol://host:port`.
    var baseURL: String { "\(useTLS ? "https" : "http")://\(host):\(port)" }

    init(_ url: String) throws {
        func bad(_ why: String) -> WarehouseError {
            .unsupported("the Snowflake URL \"\(Redactor.redact(url))\" \(why)")
        }
        guard url.lowercased().hasPrefix("snowflake://") else { throw bad("must start with snowflake://") }
        var rest = Substring(url.dropFirst("snowflake://".count))
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        // The user information ends at the last '@' before the path (a password may contain '@' only percent-encoded).
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { throw bad("names no user (snowflake://USER@ACCOUNT/…)") }
        let userInfo = rest[..<at]
        let account = rest[rest.index(after: at)..<authorityEnd]
        let path = rest[authorityEnd...].split(separator: "/", omittingEmptySubsequences: true)
        if let colon = userInfo.firstIndex(of: ":") {
            user = try Self.decode(userInfo[..<colon], url: url)
            password = try Self.decode(userInfo[userInfo.index(after: colon)...], url: url)
        } else {
            user = try Self.decode(userInfo, url: url)
            password = ""
        }
        guard !user.isEmpty else { throw bad("names no user (snowflake://USER@ACCOUNT/…)") }
        self.account = try Self.decode(account, url: url)
        guard !self.account.isEmpty else { throw bad("names no account (snowflake://USER@ACCOUNT/…)") }
        guard path.count <= 2 else { throw bad("has more than DATABASE/SCHEMA in its path") }
        database = try path.first.map { try Self.decode($0, url: url) }
        schema = try path.count > 1 ? Self.decode(path[1], url: url) : nil

        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decode(parts[0], url: url).lowercased()
            parameters[key] = try parts.count > 1 ? Self.decode(parts[1], url: url) : ""
        }
        let known: Set = ["warehouse", "role", "private_key_file", "authenticator", "query_tag", "host", "port", "protocol",
                          "password"]
        if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
            throw bad("has an unknown parameter \"\(unknown)\"; known: \(known.sorted().joined(separator: ", "))")
        }
        if let p = parameters["password"] { password = p }
        warehouse = parameters["warehouse"].flatMap { $0.isEmpty ? nil : $0 }
        role = parameters["role"].flatMap { $0.isEmpty ? nil : $0 }
        privateKeyFile = parameters["private_key_file"].flatMap { $0.isEmpty ? nil : $0 }
        queryTag = parameters["query_tag"].flatMap { $0.isEmpty ? nil : $0 } ?? "spyglass"
        switch parameters["authenticator"]?.lowercased() {
        case nil, "": authenticator = privateKeyFile == nil ? .password : .keyPair
        case "snowflake": authenticator = .password
        case "snowflake_jwt": authenticator = .keyPair
        case let other?: throw bad("has authenticator \"\(other)\"; use snowflake (password) or snowflake_jwt (key pair)")
        }
        if authenticator == .keyPair, privateKeyFile == nil {
            throw bad("asks for key-pair authentication but has no private_key_file=PATH")
        }
        switch parameters["protocol"]?.lowercased() {
        case nil, "", "https": useTLS = true
        case "http": useTLS = false
        case let other?: throw bad("has protocol \"\(other)\"; use https or http")
        }
        if let p = parameters["port"] {
            guard let n = Int(p), (1...65535).contains(n) else { throw bad("has port \"\(p)\"; use a number from 1 to 65535") }
            port = n
        } else {
            port = useTLS ? 443 : 80
        }
        host = parameters["host"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(self.account).snowflakecomputing.com"
    }

    /// Percent-decoding; malformed escapes are an error rather than silently kept.
    static func decode(_ text: Substring, url: String) throws -> String {
        guard text.contains("%") || text.contains("+") else { return String(text) }
        var bytes: [UInt8] = []
        var i = text.utf8.startIndex
        let utf8 = text.utf8
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte == UInt8(ascii: "%") {
                let h1 = utf8.index(after: i)
                guard h1 != utf8.endIndex, utf8.index(after: h1) != utf8.endIndex,
                      let high = hex(utf8[h1]), let low = hex(utf8[utf8.index(after: h1)]) else {
                    throw WarehouseError.unsupported("the Snowflake URL \"\(Redactor.redact(url))\" has a malformed %-escape")
                }
                bytes.append(high << 4 | low)
                i = utf8.index(h1, offsetBy: 2)
            } else {
                bytes.append(byte)
                i = utf8.index(after: i)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
