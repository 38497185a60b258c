/// A problem building the demo warehouse, as one sentence for the user. Database errors
/// (`WarehouseError`) pass through unchanged so the CLI keeps their exit codes.
public struct DemoWarehouseError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) { self.description = description }
}
