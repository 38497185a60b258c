import TestSupport
import Foundation
import Testing

/// `spyglass report` as cron runs it: the real binary, the demo project, real exit codes.
@Suite("spyglass report", .serialized)
struct ReportCommandTests {
    static let root = SpyglassProcess.repositoryRoot
    static let broken = SpyglassProcess.fixtures + "/broken"

    static func report(_ arguments: [String], project: String = root) throws -> SpyglassProcess.Result {
        try SpyglassProcess.run(["report"] + arguments + ["--project", project])
    }

    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "/spyglass-report-\(getpid())-\(UUID().uuidString)-\(name)"
    }

    @Test(arguments: ["text", "markdown", "html", "csv", "json"])
    func everyFormatOfEveryDashboard(format: String) throws {
        for dashboard in ["business_health", "product_usage"] {
            let result = try Self.report([dashboard, "--format", format])
            #expect(result.code == 0, "\(dashboard) \(format): \(result.stderr)")
            #expect(!result.stdout.isEmpty)
        }
    }

    @Test func emailNeedsARecipientAndIsAMessage() throws {
        let missing = try Self.report(["business_health", "--format", "email"])
        #expect(missing.code == 2)
        #expect(missing.stderr.contains("--to"))
        #expect(missing.stdout.isEmpty)

        let bad = try Self.report(["business_health", "--format", "email", "--to", "team@example.com", "--cc", "not an address"])
        #expect(bad.code == 2)
        #expect(bad.stderr.contains("--cc: 'not an address' is not an email address"))
        #expect(bad.stdout.isEmpty)

        let sent = try Self.report(["product_usage", "--format", "email", "--to", "team@example.com", "--subject", "Usage {date}"])
        #expect(sent.code == 0, "\(sent.stderr)")
        let mail = try #require(try Python.json(Python.describeMail, input: Data(sent.stdout.utf8)) as? [String: Any])
        let subject = try #require(mail["subject"] as? String)
        #expect(subject.hasPrefix("Usage 20") && subject.count == "Usage 2026-11-21".count)
        #expect((mail["from"] as? String)?.contains("@") == true)
        #expect((mail["tree"] as? [String: Any])?["type"] as? String == "multipart/mixed")
    }

    /// `--tile` prints what `spyglass query` prints for the same query.
    @Test func csvOfOneTileEqualsTheQuery() throws {
        let tile = try Self.report(["business_health", "--format", "csv", "--tile", "top_accounts"])
        #expect(tile.code == 0, "\(tile.stderr)")
        let query = try SpyglassProcess.run([
            "query", "licenses", "--project", Self.root, "--format", "csv",
            "--fields", "accounts.account_name,accounts.segment,accounts.region,licenses.total_seats,licenses.total_arr",
            "--filter", "licenses.is_trial=No", "--sorts", "licenses.total_arr desc", "--limit", "15",
        ])
        #expect(query.code == 0, "\(query.stderr)")
        #expect(tile.stdout == query.stdout)
        #expect(tile.stdout.components(separatedBy: "\r\n").count == 17)  // header, 15 rows, final ""
    }

    @Test func unknownNamesAreNamed() throws {
        let dashboard = try Self.report(["no_such_dashboard"])
        #expect(dashboard.code == 1)
        #expect(dashboard.stderr.contains("'no_such_dashboard'"))
        let tile = try Self.report(["business_health", "--tile", "no_such_tile"])
        #expect(tile.code == 2)
        #expect(tile.stderr.contains("'no_such_tile'"))
        let filter = try Self.report(["business_health", "--filter", "no_such_filter=x"])
        #expect(filter.code == 2)
        #expect(filter.stderr.contains("'no_such_filter'"))
        for result in [dashboard, tile, filter] {
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    /// A dashboard filter narrows the tiles that listen to it.
    @Test func filterOverridesADashboardFilter() throws {
        let all = try Self.report(["business_health", "--format", "csv", "--tile", "top_accounts"])
        let emea = try Self.report(["business_health", "--format", "csv", "--tile", "top_accounts", "--filter", "region=EMEA"])
        #expect(emea.code == 0, "\(emea.stderr)")
        let regions = emea.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { $0.split(separator: ",")[2] }
        #expect(!regions.isEmpty && regions.allSatisfy { $0 == "EMEA" })
        #expect(all.stdout != emea.stdout)
    }

    @Test func ifRowsPrintsNothingWhenEveryTileIsEmpty() throws {
        let empty = try Self.report(["product_usage", "--filter", "edition=no such edition", "--if-rows"])
        #expect(empty.code == 0, "\(empty.stderr)")
        #expect(empty.stdout.isEmpty)
        let shown = try Self.report(["product_usage", "--filter", "edition=no such edition"])
        #expect(shown.code == 0)
        #expect(shown.stdout.contains("(no rows)"))
        let rows = try Self.report(["product_usage", "--if-rows"])
        #expect(rows.code == 0)
        #expect(rows.stdout.contains("Product Usage"))
    }

    @Test func ifChangedPrintsOnlyWhenResultsChange() throws {
        let state = Self.temporaryPath("state")
        defer { try? FileManager.default.removeItem(atPath: state) }
        let first = try Self.report(["business_health", "--if-changed", state])
        #expect(first.code == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Business Health"))
        let hash = try String(contentsOfFile: state, encoding: .utf8)
        #expect(hash.count == 77)  // "hmac-sha256:" + 64 hex digits + LF

        let second = try Self.report(["business_health", "--if-changed", state])
        #expect(second.code == 0)
        #expect(second.stdout.isEmpty)

        // Other results (a filter) are a change.
        let third = try Self.report(["business_health", "--if-changed", state, "--filter", "region=EMEA"])
        #expect(third.code == 0)
        #expect(third.stdout.contains("Business Health"))
        #expect(try String(contentsOfFile: state, encoding: .utf8) != hash)
    }

    /// The alert compares the tile's first row (the current month) and names the value in the subject.
    @Test func alertSendsOnlyWhenCrossed() throws {
        let json = try Self.report(["business_health", "--format", "json", "--tile", "active_servers_by_month"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let tile = try #require((object["tiles"] as? [[String: Any]])?.first)
        let rows = try #require((tile["result"] as? [String: Any])?["rows"] as? [[String: Any]])
        let current = try #require(rows.first?["server_daily_activity.reporting_servers"] as? Int)

        let crossed = try Self.report(["business_health", "--format", "email", "--to", "ops@example.com",
                                       "--alert", "server_daily_activity.reporting_servers > \(current - 1)"])
        #expect(crossed.code == 0, "\(crossed.stderr)")
        let mail = try #require(try Python.json(Python.describeMail, input: Data(crossed.stdout.utf8)) as? [String: Any])
        let formatted = current.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        let threshold = (current - 1).formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        #expect(mail["subject"] as? String == "[alert] Active Servers (latest month) \(formatted) > \(threshold) - Business Health")

        let quiet = try Self.report(["business_health", "--format", "email", "--to", "ops@example.com",
                                     "--alert", "server_daily_activity.reporting_servers>=\(current + 1)"])
        #expect(quiet.code == 0, "\(quiet.stderr)")
        #expect(quiet.stdout.isEmpty)

        let equal = try Self.report(["business_health", "--alert", "server_daily_activity.reporting_servers = \(current)"])
        #expect(equal.stdout.contains("ALERT: Active Servers (latest month) \(formatted) = \(formatted)"))

        let unknown = try Self.report(["business_health", "--alert", "servers.no_such_field > 1"])
        #expect(unknown.code == 2)
        #expect(unknown.stderr.contains("servers.no_such_field"))
        let malformed = try Self.report(["business_health", "--alert", "server_daily_activity.reporting_servers ~ 1"])
        #expect(malformed.code == 2)
        #expect(malformed.stdout.isEmpty)
    }

    /// Bug: on a fresh machine the first `spyglass report` failed with "cannot move the demo database":
    /// every tile, running in parallel, started its own build of the demo into the same temporary
    /// file. Tiles now resolve their warehouse one at a time before running together.
    @Test func firstReportOnAFreshMachineBuildsTheDemoOnce() throws {
        let home = Self.temporaryPath("xdg")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try SpyglassProcess.run(["report", "business_health", "--project", Self.root, "--format", "json"],
                                             environment: ["XDG_DATA_HOME": home])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"dashboard\": \"business_health\""))
        let builds = result.stderr.components(separatedBy: "\n").filter { $0.contains("Generating the Parley demo world") }
        #expect(builds.count == 1)
    }

    /// Regression guard for the brief's "never a half-empty report": a tile whose table is gone
    /// fails the report (exit 1, the tile named), prints nothing, mails nothing and leaves
    /// --if-changed's state alone.
    @Test func aFailingTileFailsTheWholeReport() throws {
        let state = Self.temporaryPath("state")
        defer { try? FileManager.default.removeItem(atPath: state) }
        for format in ["text", "csv", "email"] {
            var arguments = ["broken", "--format", format, "--if-changed", state]
            if format == "email" { arguments += ["--to", "ops@example.com"] }
            let result = try Self.report(arguments, project: Self.broken)
            #expect(result.code == 1, "\(format): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            let lines = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("spyglass: Generating") && !$0.hasPrefix("spyglass: Loading") }
            #expect(lines.count == 1)
            #expect(result.stderr.contains("tile 'missing_tile' of dashboard 'broken' failed"))
            #expect(!FileManager.default.fileExists(atPath: state))
        }
        // The good tile alone still reports.
        let good = try Self.report(["broken", "--tile", "accounts_by_region"], project: Self.broken)
        #expect(good.code == 0, "\(good.stderr)")
        #expect(good.stdout.contains("Accounts by Region"))
    }
}
