import TestSupport

/// Generated hostile values: what a business user could type into a filter, a parameter or a
/// dashboard filter, built from pieces that break naive escaping on some database or setting.
enum HostileValues {
    /// The attacks reproduced by the review, verbatim.
    static let reported = [
        "\\') OR (1=1) --",
        "\\'); SELECT token FROM secrets --",
        "\\' UNION SELECT token FROM secrets --",
        "x\\'||(SELECT token FROM secrets LIMIT 1)||\\'",
    ]

    static let pieces: [String] = [
        "'", "''", "\\", "\\'", "\\\\'", "\\\\", "\"", "`", "--", "/*", "*/", ";", "$$", "$1", "?1", "?", ":1", "@p",
        "%", "_", "^", "^%", ",", "-", "NULL", "EMPTY", "-NULL", "null", "x", "O'Brien", "alice", "1", "0", "-1",
        "1e309", "NaN", "2024-01-05", "yes", "No", "today", "last 7 days", "before 2024/01/01", ">=2", "[1,5]",
        " OR 1=1", ") OR (1=1", "' OR '1'='1", "'; DROP TABLE accounts; --", " UNION SELECT token FROM secrets",
        "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{1B}[31m", "\u{1B}]0;pwned\u{07}", "\u{7F}", "\u{85}", "\u{2028}",
        "\u{2029}", "\u{FEFF}", "\u{202E}", "é", "É", "ß", "東京", "😀", "\u{E000}", "\u{E001}", "\u{E000}41\u{E001}", "\u{E010}", "\u{E010}41\u{E011}",
        "e'", "E'\\x27'", "U&'\\0027'", " ", "  ", "{{", "{%", "%}", "${TABLE}", "&", "=",
    ]

    /// `count` values from a fixed seed: the reported attacks, a few with NUL (refused), a few very
    /// long ones, and the rest one to six random pieces each.
    static func generate(count: Int, seed: UInt64 = 0x5EED_1515) -> [String] {
        var random = SeededRandom(seed: seed)
        var values = reported
        values.append(contentsOf: ["a\u{0}b", "\u{0}", "\\'\u{0}--"])
        for i in 0..<24 {
            let piece = pieces[random.below(pieces.count)]
            values.append(String(repeating: piece, count: 2_000 + i * 97))
        }
        while values.count < count {
            let n = 1 + random.below(6)
            values.append((0..<n).map { _ in pieces[random.below(pieces.count)] }.joined())
        }
        return values
    }
}
