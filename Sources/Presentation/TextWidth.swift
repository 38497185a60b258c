/// Display columns of text in a terminal: wide characters (CJK, emoji) take 2 columns, combining marks
/// and other zero-width characters take none, everything else takes 1.
///
/// Widths are measured per grapheme cluster (`Character`), so "e" + U+0301 is one column and a flag
/// or a ZWJ emoji sequence is two. ASCII text takes a fast path over its UTF-8 bytes.
public enum TextWidth {
    /// The number of terminal columns `s` occupies.
    public static func of(_ s: String) -> Int {
        var ascii = true
        var count = 0
        for byte in s.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte >= 0x20 && byte != 0x7F { count += 1 }
        }
        if ascii { return count }
        var width = 0
        for character in s { width += of(character) }
        return width
    }

    /// The columns one grapheme cluster occupies (0, 1 or 2).
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x80 {
            // "\r\n" is one Character; controls take no columns.
            return first.value >= 0x20 && first.value != 0x7F ? 1 : 0
        }
        var width = 0
        var sawVariationSelector16 = false
        for scalar in scalars {
            if scalar.value == 0xFE0F { sawVariationSelector16 = true }
            let w = scalarWidth(scalar)
            if w > width { width = w }
        }
        // A text-default symbol followed by VS16 (❤️) is drawn as a wide emoji.
        if sawVariationSelector16 && width == 1 && first.properties.isEmoji { width = 2 }
        return width
    }

    /// `s` cut to at most `width` columns, ending in "…" when anything was cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        if width <= 0 { return "" }
        if of(s) <= width { return s }
        var result = ""
        var used = 0
        for character in s {
            let w = of(character)
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        result.append("…")
        return result
    }

    /// `s` padded with spaces to `width` columns; `right: true` aligns the text to the right (numbers).
    /// Text already as wide as `width` or wider is returned unchanged.
    public static func pad(_ s: String, to width: Int, right: Bool) -> String {
        let missing = width - of(s)
        if missing <= 0 { return s }
        let spaces = String(repeating: " ", count: missing)
        return right ? spaces + s : s + spaces
    }

    /// The width of one scalar taken alone.
    static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return 0
        default:
            break
        }
        // Hangul medial vowels and final consonants combine with the preceding syllable.
        if v >= 0x1160 && v <= 0x11FF { return 0 }
        if isWide(v) { return 2 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, condensed); emoji are found by their
    /// Emoji_Presentation property instead, so text-style symbols (🌡 U+1F321) stay narrow.
    private static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        return (v <= 0x115F)
            || (v >= 0x231A && v <= 0x231B)
            || (v >= 0x2329 && v <= 0x232A)
            || (v >= 0x2E80 && v <= 0x303E)
            || (v >= 0x3041 && v <= 0x33FF)
            || (v >= 0x3400 && v <= 0x4DBF)
            || (v >= 0x4E00 && v <= 0x9FFF)
            || (v >= 0xA000 && v <= 0xA4CF)
            || (v >= 0xA960 && v <= 0xA97F)
            || (v >= 0xAC00 && v <= 0xD7A3)
            || (v >= 0xF900 && v <= 0xFAFF)
            || (v >= 0xFE10 && v <= 0xFE19)
            || (v >= 0xFE30 && v <= 0xFE6F)
            || (v >= 0xFF00 && v <= 0xFF60)
            || (v >= 0xFFE0 && v <= 0xFFE6)
            || (v >= 0x16FE0 && v <= 0x18CFF)
            || (v >= 0x1B000 && v <= 0x1B2FF)
            || (v >= 0x20000 && v <= 0x2FFFD)
            || (v >= 0x30000 && v <= 0x3FFFD)
    }
}
