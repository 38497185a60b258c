/// Plain 7-bit ASCII forms of the typographic characters model text and formatted values contain,
/// for `--ascii` output.
///
/// Applied to cell texts before a table is laid out, never to finished lines: `€` becomes `EUR`,
/// three columns for one, and a line rewritten after padding would lose its alignment.
public enum ASCIIText {
    /// The minus sign, dashes, quotes and ellipses by their ASCII forms, currency signs by their
    /// codes, anything else outside ASCII by "?".
    public static func transliterate(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII { out.unicodeScalars.append(scalar); continue }
            switch scalar.value {
            case 0x2212, 0x2013, 0x2014: out += "-"
            case 0x2018, 0x2019: out += "'"
            case 0x201C, 0x201D: out += "\""
            case 0x2026: out += "~"
            case 0x20AC: out += "EUR"
            case 0x00A3: out += "GBP"
            case 0x00A5: out += "JPY"
            case 0x00B7, 0x2022: out += "*"
            case 0x00A0, 0x202F: out += " "
            case 0x2205: out += "NULL"
            default: out += "?"
            }
        }
        return out
    }
}
