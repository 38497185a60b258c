import Foundation

/// Paths a project leaves out of loading, from `.spyglassignore` at its root: one path or glob per
/// line, relative to the root (`Tests/`, `scratch/*.lkml`), `#` comments. A repository that keeps
/// LookML test fixtures beside its real model lists their folders here.
struct ProjectIgnore {
    static let fileName = ".spyglassignore"

    private var patterns: [String] = []

    init(root: String) {
        guard let data = FileManager.default.contents(atPath: root + "/" + Self.fileName) else { return }
        for raw in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            while line.hasPrefix("/") { line.removeFirst() }
            while line.hasSuffix("/") { line.removeLast() }
            if !line.isEmpty { patterns.append(line) }
        }
    }

    /// True when the project-relative `path` (a file or a folder) is ignored, or lies in an ignored folder.
    func ignores(_ path: String) -> Bool {
        guard !patterns.isEmpty else { return false }
        for pattern in patterns {
            if path == pattern || path.hasPrefix(pattern + "/") { return true }
            if pattern.contains("*") || pattern.contains("?") || pattern.contains("[") {
                if fnmatch(pattern, path, FNM_PATHNAME) == 0 { return true }
            }
        }
        return false
    }
}
