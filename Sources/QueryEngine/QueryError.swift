/// A query the compiler refuses, told in one sentence that names the field, explore or dialect at fault.
public struct QueryError: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// "… is not supported by the <dialect> dialect" — a construct a dialect cannot express.
    static func unsupported(_ what: String, dialect: String) -> QueryError {
        QueryError("\(what) is not supported by the \(dialect) dialect")
    }
}
