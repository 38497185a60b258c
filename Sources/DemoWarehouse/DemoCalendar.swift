import Gregorian
import Warehouse

/// The demo's fixed period and the dated story inside it (releases, the spike, the dip).
///
/// Days are plain integers counted from the first day of the period (2023-01-01 is day 0), so the
/// generator never touches the current date and never parses strings in its hot loops.
enum DemoCalendar {
    /// First day of the data (day 0).
    static let start = LocalDate(year: 2023, month: 1, day: 1)
    /// Last day of the data, inclusive.
    static let end = LocalDate(year: 2026, month: 10, day: 31)
    static let startEpochDay = epochDay(start)
    /// Index of the last day (1399).
    static let lastDay = epochDay(end) - startEpochDay

    /// Days before the period that legacy servers and their first users may date from.
    static let firstLegacyDay = -900

    /// Contract end dates and expected close dates run past the period, up to this many days.
    static let lastFutureDay = lastDay + 800

    /// The dates of days `firstLegacyDay...lastFutureDay`, precomputed: the event loop formats
    /// hundreds of thousands of timestamps.
    private static let dates: [LocalDate] = (firstLegacyDay...lastFutureDay).map { civil(startEpochDay + $0) }

    @inline(__always)
    static func date(_ day: Int) -> LocalDate {
        let index = day - firstLegacyDay
        return index >= 0 && index < dates.count ? dates[index] : civil(startEpochDay + day)
    }

    @inline(__always)
    static func timestamp(_ day: Int, second: Int) -> LocalDateTime {
        LocalDateTime(date: date(day), hour: second / 3600, minute: second / 60 % 60, second: second % 60)
    }

    /// 0 = Sunday … 6 = Saturday.
    @inline(__always)
    static func weekday(_ day: Int) -> Int { Civil.weekday(dayNumber: startEpochDay + day) % 7 }

    @inline(__always)
    static func isWeekend(_ day: Int) -> Bool { let w = weekday(day); return w == 0 || w == 6 }

    static func day(_ year: Int, _ month: Int, _ dayOfMonth: Int) -> Int {
        epochDay(LocalDate(year: year, month: month, day: dayOfMonth)) - startEpochDay
    }

    // MARK: The story

    /// "Featured on Hacker News": installs jump for three days, mostly tire-kickers on the free
    /// edition whose servers go quiet within weeks.
    static let spikeDay = day(2024, 3, 12)
    /// The desktop app 9.10 auto-update that crashed on launch: desktop usage collapses for a week
    /// and recovers over three more days; desktop support tickets and detractors pile up.
    static let dipStart = day(2025, 8, 4)
    static let dipEnd = day(2025, 8, 13)
    /// Server 9.0 (Calls, Playbooks, the rebuilt mobile apps): after it, mobile usage and mobile NPS rise.
    static let major9Day = day(2024, 10, 16)
    /// Server 10.0 (AI summaries and reply suggestions).
    static let major10Day = day(2025, 10, 16)

    /// Multiplier on installs/signups for the spike.
    static func isSpike(_ day: Int) -> Bool { day >= spikeDay && day < spikeDay + 3 }

    static func spikeFactor(_ day: Int) -> Double {
        switch day - spikeDay {
        case 0: 60
        case 1: 30
        case 2: 12
        default: 1
        }
    }

    /// Probability multiplier for using the desktop app on a day (the broken 9.10 update).
    static func desktopFactor(_ day: Int) -> Double {
        if day < dipStart || day > dipEnd { return 1 }
        let since = day - dipStart
        return since < 7 ? 0.15 : 0.15 + 0.28 * Double(since - 6)
    }

    /// Server releases: a minor every month on the 16th since 2022-06 (7.0), majors 8.0 (2023-07),
    /// 9.0 (2024-10), 10.0 (2025-10).
    static let releases: [(version: String, major: Int, day: Int)] = {
        var result: [(String, Int, Int)] = []
        var year = 2022, month = 6, index = 0
        let majorStarts = [(8, 13), (9, 28), (10, 40)]
        while true {
            let d = day(year, month, 16)
            if d > lastDay { break }
            var major = 7, first = 0
            for (m, at) in majorStarts where index >= at { major = m; first = at }
            result.append(("\(major).\(index - first).0", major, d))
            index += 1
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        return result
    }()

    /// The release index a server runs on `day` given how far behind it upgrades.
    static func releaseIndex(onDay day: Int, lag: Int) -> Int {
        let target = day - lag
        var lo = 0, hi = releases.count - 1
        if releases[0].day > target { return 0 }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if releases[mid].day <= target { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    // MARK: Civil calendar (the shared Gregorian day numbers)

    static func epochDay(_ date: LocalDate) -> Int { Civil.dayNumber(year: date.year, month: date.month, day: date.day) }

    static func civil(_ epochDay: Int) -> LocalDate {
        let (year, month, day) = Civil.date(dayNumber: epochDay)
        return LocalDate(year: year, month: month, day: day)
    }
}
