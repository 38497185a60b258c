/// How many terminal columns text occupies: wide East Asian and emoji characters take two, combining
/// marks and other zero-width scalars none. Works per grapheme cluster so that a letter with its
/// combining accents is one cell.
enum DisplayWidth {
    /// Columns of one grapheme cluster (0, 1 or 2).
    @inline(__always)
    static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        let first = scalars.first!.value
        if first < 0x7F { return first < 0x20 ? 0 : 1 }
        if first < 0x300 { return first < 0xA0 ? 0 : 1 }
        var width = scalarWidth(first)
        if width == 1, scalars.count > 1, scalars.contains(where: { $0.value == 0xFE0F }),
           scalars.first!.properties.isEmoji {
            width = 2 // text-default emoji followed by VS16 renders as emoji.
        }
        return width
    }

    /// Columns of a string.
    static func of(_ text: String) -> Int {
        for byte in text.utf8 where byte >= 0x7F || byte < 0x20 { return slowWidth(text) }
        return text.utf8.count
    }

    private static func slowWidth(_ text: String) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The longest prefix of `text` that fits in `width` columns, ending in `…` when cut.
    static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        result.append("…")
        return result
    }

    static func scalarWidth(_ v: UInt32) -> Int {
        // Combining marks, zero-width joiners, variation selectors.
        if (0x300...0x36F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || (0xFE20...0xFE2F).contains(v) || (0x200B...0x200F).contains(v)
            || (0xFE00...0xFE0F).contains(v) || v == 0x2060 || v == 0xAD {
            return 0
        }
        if let scalar = Unicode.Scalar(v) {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format, .control: return 0
            default: break
            }
        }
        if (0x1100...0x115F).contains(v) || (0x231A...0x231B).contains(v) || (0x2329...0x232A).contains(v)
            || (0x23E9...0x23EC).contains(v) || v == 0x23F0 || v == 0x23F3 || (0x25FD...0x25FE).contains(v)
            || (0x2614...0x2615).contains(v) || (0x2648...0x2653).contains(v) || v == 0x267F || v == 0x2693
            || v == 0x26A1 || (0x26AA...0x26AB).contains(v) || (0x26BD...0x26BE).contains(v)
            || (0x26C4...0x26C5).contains(v) || v == 0x26CE || v == 0x26D4 || v == 0x26EA
            || (0x26F2...0x26F3).contains(v) || v == 0x26F5 || v == 0x26FA || v == 0x26FD || v == 0x2705
            || (0x270A...0x270B).contains(v) || v == 0x2728 || v == 0x274C || v == 0x274E
            || (0x2753...0x2755).contains(v) || v == 0x2757 || (0x2795...0x2797).contains(v) || v == 0x27B0
            || v == 0x27BF || (0x2B1B...0x2B1C).contains(v) || v == 0x2B50 || v == 0x2B55
            || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v) || (0xA960...0xA97F).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE10...0xFE19).contains(v)
            || (0xFE30...0xFE6F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            || (0x16FE0...0x18CFF).contains(v) || (0x1B000...0x1B2FF).contains(v) || v == 0x1F004 || v == 0x1F0CF
            || v == 0x1F18E || (0x1F191...0x1F19A).contains(v) || (0x1F200...0x1F251).contains(v)
            || (0x1F300...0x1F64F).contains(v) || (0x1F680...0x1F6FF).contains(v) || (0x1F7E0...0x1F7EB).contains(v)
            || (0x1F90C...0x1F9FF).contains(v) || (0x1FA70...0x1FAFF).contains(v)
            || (0x20000...0x2FFFD).contains(v) || (0x30000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }
}
