import LookML

extension SQLTemplate {
    /// Whether any text fragment holds `{%` or `{{`: a memchr for `{` per fragment, so SQL without
    /// Liquid (nearly all) costs almost nothing.
    public var hasLiquid: Bool {
        fragments.contains { fragment in
            if case .text(let text) = fragment { Self.hasLiquid(text) } else { false }
        }
    }

    /// Whether `text` holds `{%` or `{{`. Most SQL fragments are a few bytes (`.column` after
    /// `${TABLE}`), so short ones are read byte by byte; long ones jump between `{` with memchr.
    public static func hasLiquid(_ text: String) -> Bool {
        let open = UInt8(ascii: "{"), percent = UInt8(ascii: "%")
        if let found = text.utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            let n = bytes.count
            var i = 0
            while i + 1 < n {
                if n - i > 64 {
                    guard let at = ByteSearch.first(open, in: bytes, from: i, to: n - 1) else { return false }
                    i = at
                }
                if bytes[i] == open && (bytes[i + 1] == percent || bytes[i + 1] == open) { return true }
                i += 1
            }
            return false
        }) {
            return found
        }
        var previousBrace = false
        for b in text.utf8 {
            if previousBrace && (b == percent || b == open) { return true }
            previousBrace = b == open
        }
        return false
    }
}
