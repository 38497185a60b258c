import Foundation
import QueryEngine
import SemanticModel

/// A query as kept on disk (history, looks): the parts of a `QuerySpec` a user picks.
public struct SavedQuery: Codable, Hashable, Sendable {
    public struct Filter: Codable, Hashable, Sendable {
        public var field: String
        public var expression: String
    }

    public var explore: String
    public var fields: [String]
    public var filters: [Filter]
    /// "view.field desc" or "view.field".
    public var sorts: [String]
    public var pivots: [String]
    public var limit: Int?
    public var totals: Bool
    public var rowTotals: Bool

    public init(_ spec: QuerySpec) {
        explore = spec.explore
        fields = spec.fields
        filters = spec.filters.map { Filter(field: $0.field, expression: $0.expression) }
        sorts = spec.sorts.map { $0.descending ? "\($0.field) desc" : $0.field }
        pivots = spec.pivots
        limit = spec.limit
        totals = spec.totals
        rowTotals = spec.rowTotals
    }

    public var spec: QuerySpec {
        QuerySpec(explore: explore, fields: fields,
                  filters: filters.map { FilterCondition(field: $0.field, expression: $0.expression) },
                  sorts: sorts.map { text in
                      let parts = text.split(separator: " ")
                      return SortKey(field: String(parts.first ?? ""), descending: parts.count > 1 && parts[1].lowercased() == "desc")
                  },
                  pivots: pivots, limit: limit, totals: totals, rowTotals: rowTotals)
    }

    /// The same query as a command line anyone can paste (`spyglass explore … --fields … --filter …`),
    /// every argument quoted for a POSIX shell when it needs it. `project` adds `--project`.
    public func commandLine(subcommand: String = "explore", project: String? = nil) -> String {
        var words = ["spyglass", subcommand, explore]
        if let project { words += ["--project", project] }
        if !fields.isEmpty { words += ["--fields", fields.joined(separator: ",")] }
        for filter in filters { words += ["--filter", "\(filter.field)=\(filter.expression)"] }
        if !sorts.isEmpty { words += ["--sorts", sorts.joined(separator: ",")] }
        if !pivots.isEmpty { words += ["--pivots", pivots.joined(separator: ",")] }
        if let limit { words += ["--limit", String(limit)] }
        if totals { words.append("--totals") }
        if rowTotals { words.append("--row-totals") }
        return words.map(Self.shellQuoted).joined(separator: " ")
    }

    /// `word` as a POSIX shell reads it back: unchanged when it is only safe characters, else in
    /// single quotes (a quote inside becomes `'\''`).
    public static func shellQuoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./,:=@%+")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// A named saved query (Looker's "Look").
public struct SavedLook: Codable, Hashable, Sendable {
    public var name: String
    public var query: SavedQuery
    public var savedAt: Date
}

/// Per-project query history and saved looks, under `$XDG_STATE_HOME/spyglass/projects/<project>/`
/// (`~/.local/state` when unset), one JSON file each, replaced atomically on every write. The
/// project folder is the project directory's name and a hash of its full path, so two checkouts
/// of one project keep their own work.
public struct SavedWorkStore: Sendable {
    public let directory: String
    /// Where copied text also goes when the terminal's clipboard (OSC 52) may not reach:
    /// `$XDG_STATE_HOME/spyglass/clipboard.txt`.
    public let clipboardPath: String
    /// The most queries the history keeps (newest first).
    public static let historyLimit = 200

    public init(projectRoot: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        var base = environment["XDG_STATE_HOME"] ?? ""
        if base.isEmpty || !base.hasPrefix("/") {
            base = (environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) + "/.local/state"
        }
        let path = URL(fileURLWithPath: projectRoot).standardizedFileURL.path
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let name = URL(fileURLWithPath: path).lastPathComponent.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        directory = base + "/spyglass/projects/" + (name.isEmpty ? "project" : name) + "-" + String(hash, radix: 16)
        clipboardPath = base + "/spyglass/clipboard.txt"
    }

    /// Writes `text` to `clipboardPath` (replacing it) and returns the path.
    public func writeClipboard(_ text: String) throws -> String {
        do {
            try FileManager.default.createDirectory(atPath: (clipboardPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: clipboardPath), options: .atomic)
        } catch {
            throw SpyglassError(.usage, "cannot write '\(clipboardPath)': \(error.localizedDescription)")
        }
        return clipboardPath
    }

    private var historyPath: String { directory + "/history.json" }
    private var looksPath: String { directory + "/looks.json" }

    /// The queries run, newest first; empty when there are none (or the file is unreadable).
    public func history() -> [SavedQuery] { read([SavedQuery].self, historyPath) ?? [] }

    /// Puts `query` first in the history (moving it there if it was already in it).
    public func remember(_ query: SavedQuery) throws {
        var all = history().filter { $0 != query }
        all.insert(query, at: 0)
        try write(Array(all.prefix(Self.historyLimit)), historyPath)
    }

    /// The saved looks by name.
    public func looks() -> [SavedLook] {
        (read([SavedLook].self, looksPath) ?? []).sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    public func look(named name: String) throws -> SavedLook {
        let all = looks()
        if let look = all.first(where: { $0.name == name }) ?? all.first(where: { $0.name.lowercased() == name.lowercased() }) { return look }
        let known = all.map(\.name)
        if let guess = Suggest.closest(to: name, among: known) {
            throw SpyglassError(.usage, "no saved look '\(name)'; did you mean '\(guess)'? ('spyglass looks' lists them)")
        }
        throw SpyglassError(.usage, known.isEmpty
            ? "no saved look '\(name)': this project has none yet (save one with w in an explore)"
            : "no saved look '\(name)'; saved looks: \(known.joined(separator: ", "))")
    }

    /// Saves (or replaces) the look `name`.
    public func save(look name: String, query: SavedQuery, at date: Date = Date()) throws {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw SpyglassError(.usage, "a look needs a name") }
        var all = looks().filter { $0.name != trimmed }
        all.append(SavedLook(name: trimmed, query: query, savedAt: date))
        try write(all, looksPath)
    }

    private func read<T: Decodable>(_ type: T.Type, _ path: String) -> T? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(type, from: data)
    }

    private func write<T: Encodable>(_ value: T, _ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            try encoder.encode(value).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SpyglassError(.usage, "cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}

extension Workspace {
    /// This project's history and looks.
    public var savedWork: SavedWorkStore { SavedWorkStore(projectRoot: projectRoot) }
}
