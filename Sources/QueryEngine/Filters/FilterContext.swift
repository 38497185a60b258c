import Foundation

/// The clock and zone that relative date filters (`today`, `last 7 days`) are resolved against.
///
/// Injected rather than read from the system so a query's SQL is reproducible and testable.
public struct FilterContext: Sendable {
    /// The instant the query runs.
    public var now: Date
    /// The query time zone: periods start at local midnight / Monday / the 1st in this zone.
    public var timeZone: TimeZone

    public init(now: Date, timeZone: TimeZone) {
        self.now = now
        self.timeZone = timeZone
    }
}
