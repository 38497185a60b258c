/// A filter expression the user wrote that Spyglass cannot accept.
///
/// `description` is one sentence that names the field, quotes the text and says what was expected,
/// e.g. "invalid filter for 'orders.amount': expected a number, range or comparison but found 'abc'
/// in '>abc'".
public struct FilterError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The field the filter was written for (`orders.amount`).
    public var field: String
    /// The whole filter text as the user wrote it.
    public var text: String
    /// What the grammar expected at the failing spot (`a number, range or comparison`).
    public var expected: String
    /// The offending piece of text; empty when the text ended too early.
    public var found: String

    public init(field: String, text: String, expected: String, found: String) {
        self.field = field
        self.text = text
        self.expected = expected
        self.found = found
    }

    public var description: String {
        let foundPart = found.isEmpty ? "the text ended" : "found '\(Self.printable(found))'"
        return "invalid filter for '\(field)': expected \(expected) but \(foundPart) in '\(Self.printable(text))'"
    }

    /// Control characters (NUL, newlines) would break the one-line message, so they are shown escaped.
    static func printable(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
