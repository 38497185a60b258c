import Gregorian

/// Proleptic Gregorian arithmetic on wall-clock dates, with no time zone involved.
///
/// Day, week, month, quarter and year periods are wall-clock concepts (a "day" in a DST zone can be
/// 23 or 25 hours), so they are computed here with integer day numbers instead of by adding seconds.
enum CivilCalendar {
    // Day arithmetic lives in the Gregorian target, shared with Warehouse and DemoWarehouse; these
    // forwarders keep the filter code's names.
    static func isLeap(_ y: Int) -> Bool { Civil.isLeapYear(y) }

    static func daysInMonth(year: Int, month: Int) -> Int { Civil.daysInMonth(year: year, month: month) }

    /// Days since 1970-01-01.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int { Civil.dayNumber(year: year, month: month, day: day) }

    /// The inverse of `dayNumber`.
    static func civil(dayNumber: Int) -> (year: Int, month: Int, day: Int) { Civil.date(dayNumber: dayNumber) }

    /// 0 for Monday … 6 for Sunday: our weeks start on Monday.
    static func weekdayFromMonday(dayNumber: Int) -> Int { Civil.weekday(dayNumber: dayNumber) - 1 }

    static func addingDays(_ t: FilterDateTime, _ n: Int) -> FilterDateTime {
        let (y, m, d) = civil(dayNumber: dayNumber(year: t.year, month: t.month, day: t.day) + n)
        return FilterDateTime(year: y, month: m, day: d, hour: t.hour, minute: t.minute, second: t.second)
    }

    /// Adds months keeping the day, clamped to the target month's length (Jan 31 + 1 month = Feb 28).
    static func addingMonths(_ t: FilterDateTime, _ n: Int) -> FilterDateTime {
        let index = t.year * 12 + (t.month - 1) + n
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        var out = t
        out.year = y
        out.month = m
        out.day = min(t.day, daysInMonth(year: y, month: m))
        return out
    }

    /// Wall-clock seconds arithmetic, ignoring any zone's offset changes.
    static func addingSeconds(_ t: FilterDateTime, _ n: Int) -> FilterDateTime {
        let total = dayNumber(year: t.year, month: t.month, day: t.day) * 86_400
            + t.hour * 3600 + t.minute * 60 + t.second + n
        let (days, rest) = Civil.split(secondsSinceEpoch: total)
        let (y, m, d) = civil(dayNumber: days)
        return FilterDateTime(year: y, month: m, day: d, hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60)
    }
}
