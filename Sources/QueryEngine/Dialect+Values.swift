/// User values as bind parameters.
///
/// The planner renders SQL as text in one pass, and a user's value can land anywhere a model template
/// puts it (a filter, a Liquid parameter inside a measure, a derived table). Rather than thread a
/// parameter list through every renderer, `valueLiteral` writes a *marker* holding the value in hex:
/// `U+E010 <hex of the UTF-8 bytes> U+E011`. The marker has no quote, backslash or other SQL meaning, so
/// nothing the planner does to the text can split it, and the user's bytes never appear in the text at
/// all. `CompiledQuery.bindValues` then turns each statement into two forms:
/// - the readable SQL (`sql`, what `spyglass sql` prints): each marker becomes `stringLiteral(value)`,
///   byte for byte what was printed before values were bound;
/// - the executable statement (`statement`): each marker becomes the dialect's placeholder (`$1`, `?1`)
///   and its value goes into the parameter list, one parameter per distinct value, so an expression
///   that appears twice (SELECT and GROUP BY, a CTE and the outer query) stays textually identical.
/// A dialect without placeholders (`placeholder` returns nil) gets the literal in both forms.
extension Dialect {
    /// A user-supplied text value: a marker that becomes a bind parameter when the statement runs and the
    /// dialect's string literal when it is printed. Throws where `stringLiteral` would (a NUL byte).
    public func valueLiteral(_ s: String) throws -> String {
        _ = try stringLiteral(s)
        return ValueMarker.encode(s)
    }

    /// Default: no bind parameters; values are written as literals.
    public func placeholder(_ index: Int) -> String? { nil }
}

extension FilterSQLDialect {
    /// Default for filter-only dialects (tests, tools): the plain literal.
    public func valueLiteral(_ s: String) throws -> String { try stringLiteral(s) }
}

/// The marker codec: `U+E010` hex `U+E011`. Only hex digits between the two private-use characters form
/// a marker; anything else (a model that happens to contain U+E010) is left as it is. (U+E000/U+E001
/// are the Liquid renderer's `${…}` placeholders; the two must not share characters.)
enum ValueMarker {
    static let open: Unicode.Scalar = "\u{E010}"
    static let close: Unicode.Scalar = "\u{E011}"
    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    static func encode(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        out.append(open)
        for byte in value.utf8 {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        out.append(close)
        return String(out)
    }

    /// Whether `text` holds a marker's opening character: a value to be bound, which a caller must not
    /// put inside a quoted literal (a placeholder there would be plain text).
    static func occurs(in text: String) -> Bool { text.unicodeScalars.contains(open) }

    /// `sql` with every marker replaced by `replacement(value)`.
    static func replace(in sql: String, _ replacement: (String) throws -> String) rethrows -> String {
        guard sql.unicodeScalars.contains(open) else { return sql }
        let scalars = Array(sql.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == open, let (value, end) = decode(scalars, from: i + 1) {
                out.append(contentsOf: try replacement(value).unicodeScalars)
                i = end + 1
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// The value whose hex starts at `start`, and the index of its closing marker.
    private static func decode(_ scalars: [Unicode.Scalar], from start: Int) -> (String, Int)? {
        var bytes: [UInt8] = []
        var i = start
        while i + 1 < scalars.count, let high = nibble(scalars[i]), let low = nibble(scalars[i + 1]) {
            bytes.append(high << 4 | low)
            i += 2
        }
        guard i < scalars.count, scalars[i] == close else { return nil }
        return (String(decoding: bytes, as: UTF8.self), i)
    }

    private static func nibble(_ s: Unicode.Scalar) -> UInt8? {
        switch s.value {
        case 0x30...0x39: UInt8(s.value - 0x30)
        case 0x61...0x66: UInt8(s.value - 0x61 + 10)
        default: nil
        }
    }
}
