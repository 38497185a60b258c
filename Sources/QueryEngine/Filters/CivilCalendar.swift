/// Proleptic Gregorian arithmetic on wall-clock dates, with no time zone involved.
///
/// Day, week, month, quarter and year periods are wall-clock concepts (a "day" in a DST zone can be
/// 23 or 25 hours), so they are computed here with integer day numbers instead of by adding seconds.
enum CivilCalendar {
    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The inverse of `dayNumber`.
    static func civil(dayNumber z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// 0 for Monday … 6 for Sunday: our weeks start on Monday.
    static func weekdayFromMonday(dayNumber: Int) -> Int {
        // 1970-01-01 was a Thursday (3 days after Monday).
        ((dayNumber % 7) + 7 + 3) % 7
    }

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
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let rest = total - days * 86_400
        let (y, m, d) = civil(dayNumber: days)
        return FilterDateTime(year: y, month: m, day: d, hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60)
    }
}
