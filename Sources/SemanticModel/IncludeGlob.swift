/// An `include:` pattern resolved against the project's file list.
///
/// Looker's rules: a leading `/` anchors at the project root, otherwise the pattern is relative to
/// the including file's directory (`../` allowed); `*` matches within one path segment and `**`
/// any number of segments; the `.lkml`/`.lookml` extension may be left off (`*.view` matches
/// `orders.view.lkml`).
struct IncludeGlob {
    /// The pattern as a project-relative path, split into segments (`..` and `.` resolved).
    let segments: [[UInt8]]
    /// False when the pattern climbs above the project root or names a remote project.
    let isValid: Bool

    /// - Parameters:
    ///   - pattern: the include's text.
    ///   - directory: the including file's directory, relative to the root ("" for the root).
    init(_ pattern: String, relativeTo directory: String) {
        if pattern.hasPrefix("//") {
            segments = []
            isValid = false
            return
        }
        let full = pattern.hasPrefix("/") ? String(pattern.dropFirst()) : (directory.isEmpty ? pattern : directory + "/" + pattern)
        var parts: [[UInt8]] = []
        var valid = true
        for part in full.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if part.elementsEqual(".".utf8) { continue }
            if part.elementsEqual("..".utf8) {
                if parts.isEmpty { valid = false } else { parts.removeLast() }
                continue
            }
            parts.append(Array(part))
        }
        segments = parts
        isValid = valid && !parts.isEmpty
    }

    /// Whether `path` (project-relative, `/`-separated) is included by this pattern.
    func matches(_ path: String) -> Bool {
        guard isValid else { return false }
        let pathSegments = path.utf8.split(separator: UInt8(ascii: "/")).map(Array.init)
        guard let last = pathSegments.last else { return false }
        // The extension may be omitted: try the file name with and without it.
        var lastVariants = [last]
        for ext in [".lkml", ".lookml"] where last.count > ext.utf8.count && last.suffix(ext.utf8.count).elementsEqual(ext.utf8) {
            lastVariants.append(Array(last.dropLast(ext.utf8.count)))
        }
        var candidate = pathSegments
        for variant in lastVariants {
            candidate[candidate.count - 1] = variant
            if Self.match(segments[...], candidate[...]) { return true }
        }
        return false
    }

    /// Segment-wise match with `**` spanning zero or more segments. Patterns have at most a couple
    /// of `**`, so the backtracking stays small.
    private static func match(_ pattern: ArraySlice<[UInt8]>, _ path: ArraySlice<[UInt8]>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first.elementsEqual("**".utf8) {
            let rest = pattern.dropFirst()
            var tail = path
            while true {
                if match(rest, tail) { return true }
                if tail.isEmpty { return false }
                tail = tail.dropFirst()
            }
        }
        guard let segment = path.first, wildcard(first[...], segment[...]) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// `*` within one segment: the classic greedy matcher with one backtrack point, linear-ish.
    static func wildcard(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        let star = UInt8(ascii: "*")
        var p = pattern.startIndex, t = text.startIndex
        var starP = -1, starT = -1
        while t < text.endIndex {
            if p < pattern.endIndex && pattern[p] == star {
                starP = p; starT = t; p += 1
            } else if p < pattern.endIndex && pattern[p] == text[t] {
                p += 1; t += 1
            } else if starP >= 0 {
                p = starP + 1; starT += 1; t = starT
            } else {
                return false
            }
        }
        while p < pattern.endIndex && pattern[p] == star { p += 1 }
        return p == pattern.endIndex
    }
}
