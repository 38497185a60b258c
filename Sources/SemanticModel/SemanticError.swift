/// A request the semantic model cannot answer (an unknown or ambiguous explore, say), as one
/// sentence a user can act on. Model problems found while loading are `Diagnostic`s instead.
public struct SemanticError: Error, CustomStringConvertible, Hashable, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
