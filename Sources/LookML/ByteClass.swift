/// Byte-level character classes for the LookML lexer.
///
/// The parser works on UTF-8 bytes; every structural character of LookML is ASCII, so a token
/// boundary is never inside a multi-byte scalar and slicing at these boundaries yields valid UTF-8.
enum ByteClass {
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let quote: UInt8 = 0x22  // "
    static let hash: UInt8 = 0x23  // #
    static let dollar: UInt8 = 0x24  // $
    static let comma: UInt8 = 0x2C  // ,
    static let colon: UInt8 = 0x3A  // :
    static let semicolon: UInt8 = 0x3B  // ;
    static let at: UInt8 = 0x40  // @
    static let leftBracket: UInt8 = 0x5B  // [
    static let backslash: UInt8 = 0x5C  // \
    static let rightBracket: UInt8 = 0x5D  // ]
    static let leftBrace: UInt8 = 0x7B  // {
    static let rightBrace: UInt8 = 0x7D  // }

    /// Space, tab, CR, LF, vertical tab and form feed: the separators between tokens.
    @inline(__always)
    static func isWhitespace(_ c: UInt8) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0D)
    }

    /// Space, tab and CR: whitespace that does not end a line (CR belongs to a CRLF ending).
    @inline(__always)
    static func isHorizontalSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0B || c == 0x0C
    }

    /// Bytes an unquoted token may contain: anything printable except LookML's punctuation.
    /// Bytes of non-ASCII scalars count, so `label: café` does not split a scalar in two.
    @inline(__always)
    static func isBare(_ c: UInt8) -> Bool {
        // One bit test against a mask per ASCII half keeps the hottest loop short.
        if c >= 0x80 { return true }
        let mask = c < 64 ? notBareBelow64 : notBareFrom64
        return (mask >> UInt64(c & 63)) & 1 == 0
    }

    /// Controls, space, `"` `#` `,` `:` `;` as bits of a mask indexed by byte value.
    private static let notBareBelow64: UInt64 =
        (1 << 0x21) - 1 | 1 << 0x22 | 1 << 0x23 | 1 << 0x2C | 1 << 0x3A | 1 << 0x3B
    /// `[` `]` `{` `}` and DEL as bits of a mask indexed by byte value minus 64.
    private static let notBareFrom64: UInt64 =
        1 << (0x5B - 64) | 1 << (0x5D - 64) | 1 << (0x7B - 64) | 1 << (0x7D - 64) | 1 << (0x7F - 64)

    @inline(__always)
    static func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }

    @inline(__always)
    static func isIdentifierContinue(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || (c >= 0x30 && c <= 0x39)
    }

    /// True for the first byte of a Unicode scalar (columns count scalars, not bytes).
    @inline(__always)
    static func startsScalar(_ c: UInt8) -> Bool {
        c & 0xC0 != 0x80
    }
}
