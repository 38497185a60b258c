import LookML

extension SQLTemplate {
    /// Whether any text fragment holds `{%` or `{{`: a memchr for `{` per fragment, so SQL without
    /// Liquid (nearly all) costs almost nothing.
    public var hasLiquid: Bool {
        fragments.contains { fragment in
            if case .text(let text) = fragment { Self.hasLiquid(text) } else { false }
        }
    }

    /// Whether `text` holds `{%` or `{{`.
    public static func hasLiquid(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var i = 0
            while let at = ByteSearch.first(UInt8(ascii: "{"), in: bytes, from: i, to: bytes.count) {
                if at + 1 < bytes.count && (bytes[at + 1] == UInt8(ascii: "%") || bytes[at + 1] == UInt8(ascii: "{")) { return true }
                i = at + 1
            }
            return false
        }
    }
}
