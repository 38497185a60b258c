import Foundation

/// Turns symbolic date spans into absolute wall-clock bounds [start, end) in the query time zone.
///
/// `now` is read once from the context in its zone. Periods of a day or longer are truncated and
/// shifted on the wall clock (so `today` in a DST zone is midnight to midnight, 23 or 25 hours);
/// hours, minutes and seconds are shifted as elapsed time through Foundation's Calendar, so
/// `last 2 hours` across a DST change covers two real hours.
struct DateRangeResolver {
    let calendar: Calendar
    let now: FilterDateTime

    /// Raised when a span leaves years 1…9999, which no dialect's literal can express.
    struct OutOfRange: Error {}

    init(context: FilterContext) {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = context.timeZone
        cal.firstWeekday = 2  // Monday
        calendar = cal
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: context.now)
        now = FilterDateTime(year: c.year!, month: c.month!, day: c.day!, hour: c.hour!, minute: c.minute!, second: c.second!)
    }

    /// The bounds of a span.
    func range(_ span: DateSpan) throws -> (start: FilterDateTime, end: FilterDateTime) {
        let r: (FilterDateTime, FilterDateTime)
        switch span {
        case .absolute(let t, let u):
            r = (t, add(t, 1, u))
        case .period(let u, let offset):
            let s = add(truncate(now, to: u), offset, u)
            r = (s, add(s, 1, u))
        case .last(let n, let u, let complete):
            let current = truncate(now, to: u)
            r = complete ? (add(current, -n, u), current) : (add(current, -(n - 1), u), add(current, 1, u))
        case .next(let n, let u):
            let current = truncate(now, to: u)
            r = (add(current, 1, u), add(current, n + 1, u))
        case .forDuration(let base, let n, let u):
            let s = try range(base).start
            r = (s, add(s, n, u))
        case .through(let a, let b):
            r = (try range(a).start, try range(b).start)
        }
        guard (1...9999).contains(r.0.year), (1...9999).contains(r.1.year) else { throw OutOfRange() }
        return r
    }

    /// The start of the unit-long period containing `t` (weeks start on Monday).
    func truncate(_ t: FilterDateTime, to unit: DateUnit) -> FilterDateTime {
        switch unit {
        case .second: return t
        case .minute: return FilterDateTime(year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute)
        case .hour: return FilterDateTime(year: t.year, month: t.month, day: t.day, hour: t.hour)
        case .day: return FilterDateTime(year: t.year, month: t.month, day: t.day)
        case .week:
            let dn = CivilCalendar.dayNumber(year: t.year, month: t.month, day: t.day)
            return CivilCalendar.addingDays(FilterDateTime(year: t.year, month: t.month, day: t.day),
                                            -CivilCalendar.weekdayFromMonday(dayNumber: dn))
        case .month: return FilterDateTime(year: t.year, month: t.month, day: 1)
        case .quarter: return FilterDateTime(year: t.year, month: (t.month - 1) / 3 * 3 + 1, day: 1)
        case .year: return FilterDateTime(year: t.year, month: 1, day: 1)
        }
    }

    /// `t` shifted by `n` units: calendar units on the wall clock, clock units as elapsed time.
    func add(_ t: FilterDateTime, _ n: Int, _ unit: DateUnit) -> FilterDateTime {
        if n == 0 { return t }
        switch unit {
        case .day: return CivilCalendar.addingDays(t, n)
        case .week: return CivilCalendar.addingDays(t, 7 * n)
        case .month: return CivilCalendar.addingMonths(t, n)
        case .quarter: return CivilCalendar.addingMonths(t, 3 * n)
        case .year: return CivilCalendar.addingMonths(t, 12 * n)
        case .hour: return addSeconds(t, 3600 * n)
        case .minute: return addSeconds(t, 60 * n)
        case .second: return addSeconds(t, n)
        }
    }

    private func addSeconds(_ t: FilterDateTime, _ seconds: Int) -> FilterDateTime {
        let comps = DateComponents(year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second)
        guard let instant = calendar.date(from: comps) else {
            // Unreachable for validated fields; fall back to wall-clock arithmetic rather than crash.
            return CivilCalendar.addingSeconds(t, seconds)
        }
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                        from: instant.addingTimeInterval(TimeInterval(seconds)))
        return FilterDateTime(year: c.year!, month: c.month!, day: c.day!, hour: c.hour!, minute: c.minute!, second: c.second!)
    }
}
