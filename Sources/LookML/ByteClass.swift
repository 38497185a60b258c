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
        // Bit masks over the two ASCII halves keep this branch-light in the hottest loop.
        if c <= 0x20 || c == 0x7F { return false }
        if c < 64 { return (punctuationBelow64 >> UInt64(c)) & 1 == 0 }
        if c < 128 { return (punctuationFrom64 >> UInt64(c - 64)) & 1 == 0 }
        return true
    }

    /// `"` `#` `,` `:` `;` as bits of a mask indexed by byte value.
    private static let punctuationBelow64: UInt64 =
        1 << 0x22 | 1 << 0x23 | 1 << 0x2C | 1 << 0x3A | 1 << 0x3B
    /// `[` `]` `{` `}` as bits of a mask indexed by byte value minus 64.
    private static let punctuationFrom64: UInt64 =
        1 << (0x5B - 64) | 1 << (0x5D - 64) | 1 << (0x7B - 64) | 1 << (0x7D - 64)

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
