import Foundation
import Testing
import TestSupport

/// The command line as a business user and cron meet it: `whoami`, `--as`, refusals, hidden fields,
/// per-recipient reports (each generated message parsed with Python's `email` and compared with
/// hand-written SQL per recipient) and `validate`'s access checks.
@Suite("access on the command line", .serialized)
struct AccessCommandTests {
    static let root = Result { try ShopFixture.project() }

    static func spyglass(_ arguments: [String], project: String? = nil, dialect: String = "sqlite") throws -> SpyglassProcess.Result {
        try SpyglassProcess.run(arguments + ["--project", project ?? root.get(), "--database", try ShopFixture.warehouse(dialect)])
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "spyglass-access-out-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func whoamiIsTheSystemAccountAndAsShowsTheOtherUser() throws {
        let me = try Self.spyglass(["whoami", "--format", "json"])
        #expect(me.code == 0, "\(me.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(me.stdout.utf8)) as? [String: Any])
        let account = ShopFixture.account
        #expect(json["user"] as? String == account)
        #expect(json["account"] as? String == account)
        // USER is not who you are.
        let spoofed = try SpyglassProcess.run(["whoami", "--format", "json", "--project", try Self.root.get()], environment: ["USER": "bob", "LOGNAME": "bob"])
        #expect((try JSONSerialization.jsonObject(with: Data(spoofed.stdout.utf8)) as? [String: Any])?["user"] as? String == account)

        let bob = try Self.spyglass(["whoami", "--as", "bob"])
        #expect(bob.code == 0, "\(bob.stderr)")
        #expect(bob.stdout.contains("bob (as, run by \(account)) <bob@example.com>"))
        #expect(bob.stdout.contains("  country: FR,BR"))
        #expect(bob.stdout.contains("  can_see_revenue: yes"))
    }

    @Test func asIsRefusedForAUserWhoMayNotImpersonate() throws {
        // The same project, but the test account (root in CI) is an ordinary user here.
        let account = ShopFixture.account
        let project = try ShopFixture.project(users: ShopFixture.users.replacingOccurrences(of: "    can_impersonate: true", with: "    attributes: {country: \"US\"}"))
        for command in [["whoami"], ["query", "orders", "--fields", "customers.country,orders.count"], ["fields", "orders"],
                        ["report", "shop", "--format", "email", "--to-users", "alice"]] {
            let result = try Self.spyglass(command + ["--as", "alice"], project: project)
            #expect(result.code == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("--as alice: \(account) may not run Spyglass as another user"), "\(result.stderr)")
            #expect(!result.stdout.contains("DE"))
        }
        // The report's own recipients need impersonation too.
        let report = try Self.spyglass(["report", "shop", "--format", "email", "--to-users", "alice"], project: project)
        #expect(report.code == 2 && report.stderr.contains("may not run Spyglass as another user"), "\(report.stderr)")
        // Running as yourself needs no grant: the account sees only US.
        let own = try Self.spyglass(["query", "orders", "--fields", "customers.country,orders.count", "--format", "csv", "--as", account], project: project)
        #expect(own.code == 0, "\(own.stderr)")
        #expect(own.stdout.hasPrefix("customers.country,orders.count\r\nUS,"), "\(own.stdout)")
        #expect(own.stdout.split(separator: "\r\n").count == 2)
    }

    @Test func aUserWithoutTheAttributeGetsOneSentence() throws {
        let result = try Self.spyglass(["query", "orders", "--fields", "orders.count", "--as", "carol"])
        #expect(result.code == 1)
        #expect(result.stderr == "spyglass: error: explore 'orders' needs the user attribute 'country', which carol does not have\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func guardedFieldsAndExploresAreAbsentFromListings() throws {
        for (user, sees) in [("alice", false), ("bob", true)] {
            let fields = try Self.spyglass(["fields", "orders", "--format", "json", "--as", user])
            #expect(fields.code == 0, "\(fields.stderr)")
            #expect(fields.stdout.contains("orders.total_amount") == sees)
            #expect(fields.stdout.contains("orders.amount") == sees)
            let explores = try Self.spyglass(["explores", "--as", user])
            #expect(explores.stdout.contains("revenue_audit") == sees)
            let query = try Self.spyglass(["query", "orders", "--fields", "orders.total_amount", "--as", user])
            #expect((query.code == 0) == sees, "\(user): \(query.stderr)")
            if !sees {
                #expect(query.stderr.contains("unknown field 'orders.total_amount' in explore 'orders'"))
                #expect(!query.stderr.contains("did you mean"))
            }
        }
    }

    /// Parses .eml files with Python's strict `email` parser: To, Subject and each CSV attachment.
    static let readMail = #"""
import sys, json, email
from email import policy
out = {}
for path in sys.argv[1:]:
    msg = email.message_from_bytes(open(path, "rb").read(), policy=policy.default)
    parts = {}
    for part in msg.walk():
        if part.get_filename():
            parts[part.get_filename()] = part.get_content() if isinstance(part.get_content(), str) else part.get_content().decode("utf-8")
    out[path.rsplit("/", 1)[-1]] = {"to": str(msg["To"]), "subject": str(msg["Subject"]), "attachments": parts}
print(json.dumps(out))
"""#

    static func readMail(_ paths: [String]) throws -> [String: [String: Any]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", readMail] + paths
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
    }

    /// CSV text as rows of cells (the fixture has no commas or quotes in the tiles it checks).
    static func csvRows(_ text: String) -> [[String]] {
        text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.dropFirst().map { $0.components(separatedBy: ",").map { $0.isEmpty ? "∅" : $0 } }
    }

    @Test(arguments: ShopFixture.dialects)
    func everyRecipientGetsOnlyTheirOwnRows(dialect: String) throws {
        let url = try ShopFixture.warehouse(dialect)
        let dir = try Self.temporaryDirectory()
        let result = try Self.spyglass(["report", "shop", "--format", "email", "--to-users", "alice,bob", "--out-dir", dir], dialect: dialect)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["alice.eml", "bob.eml"])
        let mails = try Self.readMail(["alice", "bob"].map { "\(dir)/\($0).eml" })
        for user in ["alice", "bob"] {
            let mail = try #require(mails["\(user).eml"])
            #expect(mail["to"] as? String == "\(user)@example.com")
            let attachments = try #require(mail["attachments"] as? [String: String])
            let byCountry = try #require(attachments["by_country.csv"])
            #expect(Self.csvRows(byCountry) == (try ShopFixture.rows("""
                SELECT c.country, COUNT(DISTINCT o.id), SUM(oi.qty) FROM orders o LEFT JOIN customers c ON o.customer_id = c.id
                LEFT JOIN order_items oi ON oi.order_id = o.id
                WHERE c.country IN \(ShopFixture.countryList(user)) AND o.status <> 'cancelled' GROUP BY c.country ORDER BY c.country
                """, on: url)), "\(user) on \(dialect)")
            let byStatus = try #require(attachments["by_status.csv"])
            #expect(Self.csvRows(byStatus) == (try ShopFixture.rows("""
                SELECT o.status, COUNT(*) FROM orders o LEFT JOIN customers c ON o.customer_id = c.id
                WHERE c.country IN \(ShopFixture.countryList(user)) AND o.status <> 'cancelled' GROUP BY o.status ORDER BY 1
                """, on: url)))
        }
    }

    @Test func deliverPipesOneMessagePerRecipientAndAsSendsToOne() throws {
        let dir = try Self.temporaryDirectory()
        // Each run of the command gets one message on stdin; count them by the files it makes.
        let command = "f=$(mktemp \(dir)/msg.XXXXXX) && cat > \"$f\""
        let result = try Self.spyglass(["report", "shop", "--format", "email", "--to-users", "alice", "--to-users", "bob", "--deliver", command])
        #expect(result.code == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).map { "\(dir)/\($0)" }
        #expect(files.count == 2)
        let recipients = try Self.readMail(files).values.compactMap { $0["to"] as? String }.sorted()
        #expect(recipients == ["alice@example.com", "bob@example.com"])

        let one = try Self.spyglass(["report", "shop", "--format", "email", "--as", "alice"])
        #expect(one.code == 0, "\(one.stderr)")
        #expect(one.stdout.contains("To: alice@example.com"))
        #expect(!one.stdout.contains("bob@example.com"))
    }

    @Test func oneFailingRecipientFailsTheRunAndSendsNothing() throws {
        let dir = try Self.temporaryDirectory()
        let result = try Self.spyglass(["report", "shop", "--format", "email", "--to-users", "alice,carol,bob", "--out-dir", dir])
        #expect(result.code == 1)
        #expect(result.stderr.contains("the report for recipient 'carol' failed, so none was sent"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)

        let delivered = try Self.temporaryDirectory()
        let piped = try Self.spyglass(["report", "shop", "--format", "email", "--to-users", "alice,carol", "--deliver", "cat > \(delivered)/$$.eml"])
        #expect(piped.code == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: delivered).isEmpty)

        let unknown = try Self.spyglass(["report", "shop", "--format", "email", "--to-users", "alice,nobody_here", "--out-dir", dir])
        #expect(unknown.code == 2)
        #expect(unknown.stderr.contains("nobody_here"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func cronGatesApplyPerRecipient() throws {
        let dir = try Self.temporaryDirectory()
        let state = try Self.temporaryDirectory() + "/state"
        // alice's DE has 90 orders, bob's BR 95 (hand-checked in AccessEnforcementTests): only bob's fires.
        // The by-country grid holds one row per country, so each country is checked as its own series.
        let alert = ["--alert", "orders.count > 92", "--tile", "by_country", "--per-series"]
        let first = try Self.spyglass(["report", "shop", "--format", "email", "--to-users", "alice,bob", "--out-dir", dir, "--if-changed", state] + alert)
        #expect(first.code == 0, "\(first.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["bob.eml"])
        #expect(FileManager.default.fileExists(atPath: state + ".bob"))
        #expect(!FileManager.default.fileExists(atPath: state + ".alice"))
        // Unchanged since the last run: nothing for anyone.
        try FileManager.default.removeItem(atPath: dir + "/bob.eml")
        let second = try Self.spyglass(["report", "shop", "--format", "email", "--to-users", "alice,bob", "--out-dir", dir, "--if-changed", state] + alert)
        #expect(second.code == 0, "\(second.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        // --if-rows: a status no one has leaves every recipient without rows.
        let empty = try Self.spyglass(["report", "shop", "--format", "email", "--to-users", "alice,bob", "--out-dir", dir, "--if-rows", "--filter", "status=no such status"])
        #expect(empty.code == 0, "\(empty.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func validateReportsAccessMistakes() throws {
        let project = try ShopFixture.project()
        let model = try String(contentsOfFile: project + "/shop.model.lkml", encoding: .utf8)
            .replacingOccurrences(of: "  required_access_grants: [can_see_revenue]\n  access_filter",
                                  with: "  required_access_grants: [can_see_payroll]\n  access_filter")
            .replacingOccurrences(of: "explore: customers {\n  access_filter: {\n    field: customers.country\n    user_attribute: country",
                                  with: "explore: customers {\n  access_filter: {\n    field: customers.countr\n    user_attribute: region")
            + """

            explore: leaky {
              from: customers
              view_name: customers
              join: orders {
                sql_on: ${orders.customer_id} = ${customers.id} ;;
                relationship: one_to_many
              }
            }
            explore: guarded_orders {
              from: customers
              view_name: customers
              join: orders {
                sql_on: ${orders.customer_id} = ${customers.id} ;;
                relationship: one_to_many
                required_access_grants: [can_see_revenue]
              }
            }
            """
        try model.write(toFile: project + "/shop.model.lkml", atomically: true, encoding: .utf8)
        let views = ShopFixture.views.replacingOccurrences(of: "dimension: status_label {", with: "dimension: big_order { type: yesno sql: ${amount} > 100 ;; }\n  dimension: status_label {")
        try views.write(toFile: project + "/shop.view.lkml", atomically: true, encoding: .utf8)
        let result = try Self.spyglass(["validate"], project: project)
        #expect(result.code == 1)
        let out = result.stdout
        #expect(out.contains("explore 'revenue_audit' requires access grant 'can_see_payroll', which model 'shop' does not define"), "\(out)")
        #expect(out.contains("unknown field 'countr' in view 'customers' in access_filter of explore 'customers'"), "\(out)")
        #expect(out.contains("access_filter of explore 'customers' reads user attribute 'region', which spyglass.users gives no one"), "\(out)")
        #expect(out.contains("field 'orders.big_order' in explore 'orders' reads 'orders.amount', which requires access grant 'can_see_revenue'"), "\(out)")
        #expect(out.contains("explore 'leaky' exposes view 'orders' without access grant 'can_see_revenue', which join 'orders' of explore 'guarded_orders' requires")
                || out.contains("join 'orders' of explore 'leaky' exposes view 'orders' without access grant 'can_see_revenue', which join 'orders' of explore 'guarded_orders' requires"), "\(out)")
    }
}
