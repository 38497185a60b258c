/// The timeframes and duration intervals a dimension group can expand into.
///
/// A `type: time` group `created` with timeframe `month` becomes the dimension `created_month` of
/// type `date_month`; a `type: duration` group `open` with interval `day` becomes `days_open` of
/// type `duration_day`. The query engine switches on those types, so this table is the one place
/// that says which exist.
public enum Timeframes {
    /// Every calendar timeframe Looker knows (fiscal ones are in `fiscal`).
    public static let time: [String] = [
        "raw", "time", "time_of_day", "date", "week", "month", "quarter", "year",
        "hour", "hour2", "hour3", "hour4", "hour6", "hour8", "hour12",
        "minute", "minute2", "minute3", "minute5", "minute10", "minute15", "minute30",
        "second", "millisecond", "millisecond2", "millisecond5", "millisecond10", "millisecond50",
        "millisecond100", "millisecond250", "millisecond500", "microsecond",
        "day_of_week", "day_of_week_index", "day_of_month", "day_of_year", "week_of_year",
        "month_name", "month_num", "quarter_of_year", "hour_of_day", "minute_of_hour",
    ]

    /// Fiscal timeframes: the fiscal year starts `fiscal_month_offset` (a model parameter) months
    /// after January.
    public static let fiscal: [String] = ["fiscal_year", "fiscal_quarter", "fiscal_quarter_of_year", "fiscal_month_num"]

    /// Used when a time group has no `timeframes:`.
    public static let defaultTime: [String] = ["raw", "time", "date", "week", "month", "quarter", "year"]

    /// Every duration interval.
    public static let intervals: [String] = ["day", "hour", "minute", "second", "week", "month", "quarter", "year"]

    /// Used when a duration group has no `intervals:`.
    public static let defaultIntervals: [String] = ["day", "hour", "minute", "second", "week", "month", "quarter", "year"]

    /// `datatype:` values of time groups.
    public static let datatypes: Set<String> = ["timestamp", "datetime", "date", "epoch", "yyyymmdd"]

    static let timeSet = Set(time)
    static let fiscalSet = Set(fiscal)
    static let intervalSet = Set(intervals)

    /// The field name of an interval of a duration group: `days_open` for (`day`, `open`).
    public static func durationFieldName(interval: String, group: String) -> String { "\(interval)s_\(group)" }
}
