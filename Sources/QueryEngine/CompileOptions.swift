import Foundation

/// Knobs of one compilation that do not belong to the user's pick: the clock, the time zone and limits.
public struct CompileOptions: Sendable {
    /// The instant relative date filters ("7 days", "this month") are resolved against; injectable for tests.
    public var now: Date
    /// The zone timestamps are shown and filtered in (`convert_tz: yes` fields are converted from UTC).
    public var queryTimeZone: TimeZone
    /// The row limit used when the spec gives none.
    public var defaultRowLimit: Int
    /// The largest row limit a spec may ask for.
    public var maxRowLimit: Int
    /// The most pivot values (columns) a pivoted query returns; the first ones in pivot order are kept.
    public var pivotColumnLimit: Int
    /// The current user's attributes (`spyglass.users`), read by access filters, access grants and Liquid's `_user_attributes`.
    public var userAttributes: [String: String] = [:]
    /// Who the query runs for, as refusals name them ("… which alice does not have").
    public var userName: String = "the current user"
    /// How many native derived tables deep this compile is (a guard against explores that feed each other).
    var nesting = 0

    public init(now: Date = Date(), queryTimeZone: TimeZone = TimeZone(identifier: "UTC")!, defaultRowLimit: Int = 5000,
                maxRowLimit: Int = 1_000_000, pivotColumnLimit: Int = 50) {
        self.now = now
        self.queryTimeZone = queryTimeZone
        self.defaultRowLimit = defaultRowLimit
        self.maxRowLimit = maxRowLimit
        self.pivotColumnLimit = pivotColumnLimit
    }
}
