/// A 1-based line and column in a template's source.
public struct LiquidLocation: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }

    /// The location of byte `offset` in `source` (columns count characters, as an editor does).
    static func of(_ offset: Int, in source: String) -> LiquidLocation {
        var line = 1, column = 1, seen = 0
        for scalar in source.unicodeScalars {
            if seen >= offset { break }
            seen += String(scalar).utf8.count
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return LiquidLocation(line: line, column: column)
    }
}

/// A malformed template or a failed evaluation, at the place in the template that caused it.
public struct LiquidError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public var location: LiquidLocation
    public init(_ message: String, at location: LiquidLocation) {
        self.message = message
        self.location = location
    }
    /// `line:column: message`.
    public var description: String { "\(location): \(message)" }
}
