import DemoWarehouse
import Testing
import Warehouse

/// The stories the demo promises a new user, checked in SQL on the built SQLite database.
@Suite("Demo data shapes")
struct DemoDataShapeTests {
    var url: String { get throws { try DemoFixture.sqlite.get().url } }

    func int(_ sql: String) throws -> Int { try DemoFixture.int(sql, in: url) }

    @Test func usersOnSeveralPlatformsMakeDailyUniquesExceedMonthlyUniques() throws {
        let monthly = try int("SELECT COUNT(DISTINCT user_id) FROM fct_events WHERE event_at >= '2026-09-01' AND event_at < '2026-10-01'")
        let sumOfDaily = try int("""
            SELECT SUM(n) FROM (SELECT COUNT(DISTINCT user_id) AS n FROM fct_events
            WHERE event_at >= '2026-09-01' AND event_at < '2026-10-01' GROUP BY substr(event_at, 1, 10)) AS d
            """)
        #expect(sumOfDaily > 2 * monthly)
        // The same user shows up on two platforms on one day: per-platform uniques add up to more.
        let sumOfPlatforms = try int("""
            SELECT SUM(n) FROM (SELECT COUNT(DISTINCT user_id) AS n FROM fct_events
            WHERE event_at >= '2026-09-01' AND event_at < '2026-10-01' GROUP BY platform) AS p
            """)
        #expect(sumOfPlatforms > monthly * 12 / 10)
    }

    @Test func weekendsAreQuieterAndTheBusinessGrows() throws {
        let weekday = try int("SELECT COUNT(*) FROM fct_events WHERE strftime('%w', event_at) IN ('2','3')")
        let weekend = try int("SELECT COUNT(*) FROM fct_events WHERE strftime('%w', event_at) IN ('0','6')")
        #expect(weekend * 2 < weekday)
        let early = try int("SELECT COUNT(DISTINCT user_id) FROM fct_events WHERE event_at LIKE '2023-09%'")
        let late = try int("SELECT COUNT(DISTINCT user_id) FROM fct_events WHERE event_at LIKE '2026-09%'")
        #expect(late > 2 * early)
    }

    @Test func callsExistOnlyAfterRelease9() throws {
        #expect(try int("SELECT COUNT(*) FROM fct_events WHERE event_name = 'call_started' AND event_at < '2024-10-16'") == 0)
        #expect(try int("SELECT COUNT(*) FROM fct_events WHERE event_name = 'call_started' AND server_version LIKE '8.%'") == 0)
        #expect(try int("SELECT COUNT(*) FROM fct_events WHERE event_name = 'call_started'") > 1000)
        // The rebuilt mobile apps: mobile's share of events rises after 9.0.
        let before = try int("SELECT 1000 * SUM(platform IN ('ios','android')) / COUNT(*) FROM fct_events WHERE server_version LIKE '8.%'")
        let after = try int("SELECT 1000 * SUM(platform IN ('ios','android')) / COUNT(*) FROM fct_events WHERE server_version LIKE '9.%'")
        #expect(after > before + 30, "mobile share per mille before 9.0: \(before), after: \(after)")
    }

    @Test func theBrokenDesktopUpdateIsADipWorthSpotting() throws {
        let before = try int("SELECT COUNT(DISTINCT user_id) FROM fct_events WHERE platform = 'desktop' AND event_at >= '2025-07-28' AND event_at < '2025-08-04'")
        let during = try int("SELECT COUNT(DISTINCT user_id) FROM fct_events WHERE platform = 'desktop' AND event_at >= '2025-08-04' AND event_at < '2025-08-11'")
        #expect(during * 3 < before, "desktop weekly uniques before: \(before), during the dip: \(during)")
        let tickets = try int("SELECT COUNT(*) FROM fct_support_tickets WHERE category = 'desktop_app' AND created_at >= '2025-08-04' AND created_at < '2025-08-14'")
        #expect(tickets >= 10)
    }

    @Test func theLaunchDaySpikeStandsOut() throws {
        let spike = try int("SELECT COUNT(*) FROM dim_servers WHERE install_date BETWEEN '2024-03-12' AND '2024-03-14'")
        let usual = try int("SELECT COUNT(*) FROM dim_servers WHERE install_date BETWEEN '2024-02-01' AND '2024-02-29'")
        // Three days against a month: per day, at least 5× the usual rate.
        #expect(spike * 29 > 5 * 3 * max(1, usual))
    }

    @Test func nullsSitWhereRealDataHasThem() throws {
        #expect(try int("SELECT COUNT(*) FROM dim_servers WHERE account_id IS NULL AND edition <> 'community'") == 0)
        #expect(try int("SELECT COUNT(*) FROM dim_servers WHERE account_id IS NULL") > 50)
        #expect(try int("SELECT COUNT(*) FROM fct_opportunities WHERE close_date IS NULL AND stage LIKE 'Closed%'") == 0)
        #expect(try int("SELECT COUNT(*) FROM fct_opportunities WHERE close_date IS NULL") > 0)
        #expect(try int("SELECT COUNT(*) FROM fct_support_tickets WHERE satisfaction_score IS NULL") > 0)
        #expect(try int("SELECT COUNT(*) FROM fct_support_tickets WHERE first_response_minutes IS NULL") > 0)
        #expect(try int("SELECT COUNT(*) FROM fct_opportunities WHERE loss_reason IS NOT NULL AND stage <> 'Closed Lost'") == 0)
    }

    /// Regression: the first generator indexed a table of dates that stopped at 2026-10-31 and
    /// crashed on the end date of a license renewed in the last year. Contracts and expected close
    /// dates legitimately run past the period; facts never start after it.
    @Test func licenseEndDatesPastThePeriodAreStored() throws {
        #expect(try int("SELECT COUNT(*) FROM fct_licenses WHERE ends_on > '2026-10-31'") > 10)
        #expect(try int("SELECT COUNT(*) FROM fct_opportunities WHERE expected_close_date > '2026-10-31'") > 0)
        #expect(try int("SELECT COUNT(*) FROM fct_licenses WHERE starts_on > '2026-10-31'") == 0)
        #expect(try int("SELECT COUNT(*) FROM fct_events WHERE event_at >= '2026-11-01' OR event_at < '2023-01-01'") == 0)
        #expect(try int("SELECT COUNT(*) FROM fct_support_tickets WHERE resolved_at >= '2026-11-01'") == 0)
    }

    @Test func theFunnelNarrowsFromInstallsToPaying() throws {
        let installed = try int("SELECT COUNT(*) FROM dim_servers")
        let activated = try int("SELECT COUNT(*) FROM dim_servers WHERE activated_date IS NOT NULL")
        let paying = try int("SELECT COUNT(*) FROM dim_servers WHERE converted_date IS NOT NULL")
        #expect(installed > activated && activated > paying && paying > 0)
        // Every paying server has a won new-business opportunity or started paying before 2023.
        #expect(try int("""
            SELECT COUNT(*) FROM dim_servers s WHERE s.converted_date >= '2023-01-01' AND NOT EXISTS
              (SELECT 1 FROM fct_opportunities o WHERE o.server_id = s.server_id AND o.stage = 'Closed Won')
            """) == 0)
    }
}
