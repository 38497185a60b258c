/// Calendar arithmetic for converting offset timestamps to UTC (proleptic Gregorian, Howard
/// Hinnant's days-from-civil algorithm, so no Foundation calendar is needed on the hot path).
extension LocalDate {
    /// Days since 1970-01-01.
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    init(daysSinceEpoch z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }
}

extension LocalDateTime {
    func addingSeconds(_ delta: Int) -> LocalDateTime {
        var total = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second + delta
        var days = total / 86_400
        total -= days * 86_400
        if total < 0 {
            total += 86_400
            days -= 1
        }
        return LocalDateTime(date: LocalDate(daysSinceEpoch: days), hour: total / 3600,
                             minute: total % 3600 / 60, second: total % 60, nanosecond: nanosecond)
    }
}
