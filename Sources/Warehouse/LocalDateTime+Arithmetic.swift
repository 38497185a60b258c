import Gregorian

/// Calendar arithmetic for converting offset timestamps to UTC, on the shared proleptic Gregorian
/// day numbers (no Foundation calendar on the hot path).
extension LocalDate {
    /// Days since 1970-01-01.
    var daysSinceEpoch: Int { Civil.dayNumber(year: year, month: month, day: day) }

    init(daysSinceEpoch: Int) {
        let (year, month, day) = Civil.date(dayNumber: daysSinceEpoch)
        self.init(year: year, month: month, day: day)
    }
}

extension LocalDateTime {
    func addingSeconds(_ delta: Int) -> LocalDateTime {
        let total = date.daysSinceEpoch * Civil.secondsPerDay + hour * 3600 + minute * 60 + second + delta
        let (days, rest) = Civil.split(secondsSinceEpoch: total)
        return LocalDateTime(date: LocalDate(daysSinceEpoch: days), hour: rest / 3600,
                             minute: rest % 3600 / 60, second: rest % 60, nanosecond: nanosecond)
    }
}
