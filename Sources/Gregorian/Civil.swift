/// Proleptic Gregorian day arithmetic on plain integers: no time zone, no Foundation calendar.
///
/// A "day number" counts days since 1970-01-01 (day 0); earlier days are negative. Years are
/// astronomical: year 0 is 1 BC and negative years go further back, so every `Int` date round-trips.
/// The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days`: a few integer
/// operations with no tables and no loops, so they are cheap enough for hot loops that format
/// hundreds of thousands of timestamps. Everything is `@inlinable` for the same reason: callers in
/// other modules get the arithmetic inlined rather than a call per date.
///
/// Inputs are not validated: a month outside 1...12 or a day past the month's end gives an
/// unspecified (but non-crashing) day number. Callers validate with `daysInMonth(year:month:)`.
public enum Civil {
    /// Seconds in one civil day (a day number step); leap seconds do not exist here.
    public static let secondsPerDay = 86_400

    /// Whether `year` has a February 29th (every 4th year, except centuries not divisible by 400).
    @inlinable
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` (1...12) of `year`: 28...31.
    @inlinable
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of the date `year`-`month`-`day` (month 1...12, day 1...31).
    @inlinable
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        // The year is shifted to start in March so the leap day is the last day of the year.
        let y = month <= 2 ? year - 1 : year
        // Eras are 400-year cycles (146,097 days); rounding toward minus infinity for negative years.
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number: the inverse of `dayNumber(year:month:day:)`.
    @inlinable
    public static func date(dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The ISO weekday of a day number: 1 for Monday … 7 for Sunday.
    ///
    /// Monday-first is `weekday - 1`; Sunday-first (0 = Sunday) is `weekday % 7`.
    @inlinable
    public static func weekday(dayNumber: Int) -> Int {
        // 1970-01-01 was a Thursday (ISO 4); the double modulo keeps negative day numbers in range.
        ((dayNumber + 3) % 7 + 7) % 7 + 1
    }

    /// Seconds since 1970-01-01 00:00 split into its day number and the second within that day
    /// (0..<86,400), rounding toward minus infinity so times before 1970 land on the right day.
    @inlinable
    public static func split(secondsSinceEpoch total: Int) -> (dayNumber: Int, secondOfDay: Int) {
        let day = total >= 0 ? total / secondsPerDay : (total - (secondsPerDay - 1)) / secondsPerDay
        return (day, total - day * secondsPerDay)
    }
}
