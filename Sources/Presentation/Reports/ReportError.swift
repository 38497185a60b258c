/// A report input that cannot be used (an alert that does not parse, an address that is not one),
/// as one sentence naming the culprit. The front end shows it as a usage error.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
