#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Named warehouse connections for a project, read from `<project>/spyglass.connections`:
///
///     # comment
///     warehouse = postgresql://analyst:${WAREHOUSE_PASSWORD}@db.internal/analytics
///     local     = sqlite:demo.db
///
/// `${NAME}` is replaced from the environment; a missing variable is an error naming it and the line.
/// Relative SQLite paths are resolved against the project root; `~/` against `HOME`.
public struct ConnectionSettings: Sendable, Equatable {
    /// The file name looked for at the project root.
    public static let fileName = "spyglass.connections"

    /// Connection name → URL, after interpolation.
    public private(set) var urls: [String: String]

    public init(urls: [String: String] = [:]) {
        self.urls = urls
    }

    /// Reads the project's settings file; a project without one has no named connections.
    public static func load(projectRoot: String, environment: [String: String]) throws -> ConnectionSettings {
        let path = projectRoot.hasSuffix("/") ? projectRoot + fileName : projectRoot + "/" + fileName
        guard let text = try readFile(path) else { return ConnectionSettings() }
        return try parse(text, path: path, projectRoot: projectRoot, environment: environment)
    }

    /// Parses settings text; `path` only labels errors.
    public static func parse(_ text: String, path: String = fileName, projectRoot: String = ".",
                             environment: [String: String]) throws -> ConnectionSettings {
        var urls: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = trim(rawLine)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let lineNumber = index + 1
            guard let equals = line.firstIndex(of: "=") else {
                throw ConnectionSettingsError(path: path, line: lineNumber, message: "expected `name = URL`")
            }
            let name = String(trim(line[..<equals]))
            let value = String(trim(line[line.index(after: equals)...]))
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else {
                throw ConnectionSettingsError(path: path, line: lineNumber, message: "invalid connection name \"\(name)\"")
            }
            guard !value.isEmpty else {
                throw ConnectionSettingsError(path: path, line: lineNumber, message: "connection \(name) has no URL")
            }
            guard urls[name] == nil else {
                throw ConnectionSettingsError(path: path, line: lineNumber, message: "connection \(name) is defined twice")
            }
            var url = try interpolate(value, environment: environment, path: path, line: lineNumber)
            url = resolveSQLitePath(url, projectRoot: projectRoot, environment: environment)
            urls[name] = url
        }
        return ConnectionSettings(urls: urls)
    }

    /// The URL for a connection name (a model's `connection:`), or nil when it is not configured.
    public func url(for connectionName: String) -> String? {
        urls[connectionName]
    }

    /// Configured names, sorted.
    public var names: [String] { urls.keys.sorted() }

    private static func interpolate(_ value: String, environment: [String: String], path: String, line: Int) throws -> String {
        guard value.contains("${") else { return value }
        var out = ""
        var rest = value[...]
        while let open = rest.firstRange(of: "${") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw ConnectionSettingsError(path: path, line: line, message: "unterminated ${ in the URL")
            }
            let name = String(rest[open.upperBound..<close])
            guard let replacement = environment[name] else {
                throw ConnectionSettingsError(path: path, line: line, message: "environment variable \(name) is not set")
            }
            out += replacement
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// Relative SQLite paths (`sqlite:x.db`, or a bare `data/x.db`) are relative to the project, not
    /// to wherever spyglass happens to run; `~/` is the user's home.
    private static func resolveSQLitePath(_ url: String, projectRoot: String, environment: [String: String]) -> String {
        let prefix: String
        var path: Substring
        if url.hasPrefix("sqlite:") {
            prefix = "sqlite:"
            path = url.dropFirst("sqlite:".count)
            if path.hasPrefix("//") { path = path.dropFirst(2) }
        } else if (try? Warehouse.Target(url)) == .sqlite(url) {
            prefix = ""
            path = url[...]
        } else {
            return url
        }
        if path.hasPrefix("/") || path.hasPrefix("file:") { return prefix + path }
        if path.hasPrefix("~/"), let home = environment["HOME"] {
            return prefix + home + "/" + path.dropFirst(2)
        }
        let root = projectRoot.hasSuffix("/") ? String(projectRoot.dropLast()) : projectRoot
        return prefix + root + "/" + path
    }

    private static func trim(_ s: Substring) -> Substring {
        var t = s
        while let f = t.first, f == " " || f == "\t" || f == "\r" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\t" || l == "\r" { t = t.dropLast() }
        return t
    }

    /// nil when the file does not exist; unreadable files throw.
    private static func readFile(_ path: String) throws -> String? {
        guard let file = fopen(path, "rb") else {
            if errno == ENOENT { return nil }
            throw ConnectionSettingsError(path: path, line: 0, message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
