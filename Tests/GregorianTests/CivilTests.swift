import Gregorian
import Testing

/// The shared day arithmetic, checked against dates whose day numbers and weekdays are known from
/// outside this code (POSIX time, published calendars), and by round trips over a wide range.
@Suite struct CivilTests {
    /// The date as [year, month, day], so expectations compare plain arrays.
    func ymd(_ dayNumber: Int) -> [Int] { let d = Civil.date(dayNumber: dayNumber); return [d.year, d.month, d.day] }
    func split(_ seconds: Int) -> [Int] { let s = Civil.split(secondsSinceEpoch: seconds); return [s.dayNumber, s.secondOfDay] }

    @Test func epochIsDayZeroAndAThursday() {
        #expect(Civil.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(ymd(0) == [1970, 1, 1])
        #expect(Civil.weekday(dayNumber: 0) == 4)
    }

    @Test func knownDayNumbers() {
        // POSIX time of midnight divided by 86,400 (e.g. `date -u -d 2000-02-29 +%s`).
        #expect(Civil.dayNumber(year: 1969, month: 12, day: 31) == -1)
        #expect(Civil.dayNumber(year: 2000, month: 2, day: 29) == 11_016)
        #expect(Civil.dayNumber(year: 2000, month: 3, day: 1) == 11_017)
        #expect(Civil.dayNumber(year: 2100, month: 2, day: 28) == 47_540)
        #expect(Civil.dayNumber(year: 2100, month: 3, day: 1) == 47_541)
        #expect(Civil.dayNumber(year: 1900, month: 1, day: 1) == -25_567)
        #expect(Civil.dayNumber(year: 1, month: 1, day: 1) == -719_162)
    }

    @Test func yearZeroAndNegativeYears() {
        // Year 0 (1 BC) is a leap year in the proleptic calendar; it directly precedes year 1.
        #expect(Civil.isLeapYear(0))
        #expect(Civil.dayNumber(year: 0, month: 12, day: 31) == -719_163)
        #expect(Civil.dayNumber(year: 0, month: 3, day: 1) - Civil.dayNumber(year: 0, month: 2, day: 28) == 2)
        #expect(Civil.dayNumber(year: 0, month: 1, day: 1) == -719_528)
        #expect(ymd(-719_528) == [0, 1, 1])
        // -1 (2 BC) is not a leap year; -4 is; -100 is not; -400 is.
        #expect(!Civil.isLeapYear(-1))
        #expect(Civil.isLeapYear(-4))
        #expect(!Civil.isLeapYear(-100))
        #expect(Civil.isLeapYear(-400))
        #expect(Civil.dayNumber(year: -1, month: 12, day: 31) == Civil.dayNumber(year: 0, month: 1, day: 1) - 1)
        #expect(ymd(Civil.dayNumber(year: -400, month: 2, day: 29)) == [-400, 2, 29])
    }

    @Test func leapYearsAndMonthLengths() {
        #expect(Civil.isLeapYear(2000))
        #expect(!Civil.isLeapYear(1900))
        #expect(!Civil.isLeapYear(2100))
        #expect(Civil.isLeapYear(2024))
        #expect(!Civil.isLeapYear(2023))
        #expect(Civil.daysInMonth(year: 2000, month: 2) == 29)
        #expect(Civil.daysInMonth(year: 2100, month: 2) == 28)
        #expect((1...12).map { Civil.daysInMonth(year: 2023, month: $0) } == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
        // Month lengths agree with the day numbers of the first of consecutive months.
        for year in [1899, 1900, 1999, 2000, 2023, 2024, 2100] {
            for month in 1...12 {
                let next = month == 12 ? (year + 1, 1) : (year, month + 1)
                let length = Civil.dayNumber(year: next.0, month: next.1, day: 1) - Civil.dayNumber(year: year, month: month, day: 1)
                #expect(length == Civil.daysInMonth(year: year, month: month), "\(year)-\(month)")
            }
        }
    }

    @Test func weekdays() {
        #expect(Civil.weekday(dayNumber: Civil.dayNumber(year: 2000, month: 2, day: 29)) == 2) // Tuesday
        #expect(Civil.weekday(dayNumber: Civil.dayNumber(year: 2100, month: 3, day: 1)) == 1) // Monday
        #expect(Civil.weekday(dayNumber: Civil.dayNumber(year: 2023, month: 1, day: 1)) == 7) // Sunday
        #expect(Civil.weekday(dayNumber: Civil.dayNumber(year: 1969, month: 12, day: 31)) == 3) // Wednesday
        #expect(Civil.weekday(dayNumber: Civil.dayNumber(year: 1, month: 1, day: 1)) == 1) // Monday
    }

    @Test func roundTripsEveryDayOverEightCenturies() {
        // Walk day by day from 1600-01-01 to 2400-12-31 counting the calendar independently.
        var (year, month, day) = (1600, 1, 1)
        var number = Civil.dayNumber(year: 1600, month: 1, day: 1)
        var previousWeekday = Civil.weekday(dayNumber: number - 1)
        var failures = 0
        while year <= 2400 {
            let back = Civil.date(dayNumber: number)
            if [back.year, back.month, back.day] != [year, month, day] || Civil.dayNumber(year: year, month: month, day: day) != number { failures += 1 }
            let weekday = Civil.weekday(dayNumber: number)
            if weekday != previousWeekday % 7 + 1 { failures += 1 }
            previousWeekday = weekday
            number += 1
            day += 1
            if day > Civil.daysInMonth(year: year, month: month) {
                day = 1
                month += 1
                if month > 12 { month = 1; year += 1 }
            }
        }
        #expect(failures == 0)
        #expect(number == Civil.dayNumber(year: 2401, month: 1, day: 1))
    }

    @Test func roundTripsAcrossEraBoundaries() {
        for number in stride(from: -1_000_000, through: 1_000_000, by: 997) {
            let (y, m, d) = Civil.date(dayNumber: number)
            #expect((1...12).contains(m) && d >= 1 && d <= Civil.daysInMonth(year: y, month: m))
            #expect(Civil.dayNumber(year: y, month: m, day: d) == number)
        }
    }

    @Test func splitsSecondsTowardMinusInfinity() {
        #expect(split(0) == [0, 0])
        #expect(split(86_399) == [0, 86_399])
        #expect(split(86_400) == [1, 0])
        #expect(split(-1) == [-1, 86_399])
        #expect(split(-86_400) == [-1, 0])
        #expect(split(-86_401) == [-2, 86_399])
        // 2000-02-29 12:34:56 UTC is POSIX 951827696.
        #expect(split(951_827_696) == [11_016, 12 * 3600 + 34 * 60 + 56])
    }
}
