import Foundation
import Presentation
import QueryEngine
import SemanticModel
import SpyglassCore
import Testing
import TestSupport
import Warehouse

/// HIGH #1 of the hardening review: user values through every channel, on SQLite and on PostgreSQL
/// with both settings of `standard_conforming_strings`. No row outside `sql_always_where` may come
/// back, a parameter must read back exactly as typed, the three databases must agree, and no table
/// may change.
@Suite("Hostile values", .serialized)
struct HostileValueTests {
    /// Where a value goes. `nameFilters` sends it twice in one query, as a dashboard filter value (which
    /// becomes a string filter on `accounts.name`, the same path as `--filter`) and as the value of a
    /// `{% condition %}` filter on the same column, so every row must also say `name_matches = Yes`.
    enum Channel: String, CaseIterable, Sendable {
        case nameFilters, numberFilter, dateFilter, yesnoFilter, parameter
    }

    /// What one value did through one channel on one database.
    enum Outcome: Equatable, Sendable {
        case rows([Int64])
        case refused
    }

    struct Finding: Sendable, CustomStringConvertible {
        var database: String
        var channel: Channel
        var value: String
        var problem: String
        var description: String { "\(database) \(channel.rawValue) \(value.debugDescription.prefix(120)): \(problem)" }
    }

    static func spec(_ channel: Channel, _ value: String, workspace: Workspace) throws -> QuerySpec? {
        var spec = QuerySpec(explore: "accounts", fields: ["accounts.id", "accounts.count"])
        switch channel {
        case .nameFilters:
            guard !value.isEmpty else { return nil }
            let dashboard = try workspace.dashboard(named: "hostile")
            spec = try workspace.spec(for: dashboard.elements[0], in: dashboard, filterValues: ["who": value])
            spec.fields = ["accounts.id", "accounts.name_matches", "accounts.count"]
            spec.filters.append(FilterCondition(field: "accounts.name_filter", expression: value))
        case .numberFilter: spec.filters = [FilterCondition(field: "accounts.amount", expression: value)]
        case .dateFilter: spec.filters = [FilterCondition(field: "accounts.created_date", expression: value)]
        case .yesnoFilter: spec.filters = [FilterCondition(field: "accounts.active", expression: value)]
        case .parameter:
            spec.fields = ["accounts.id", "accounts.echo", "accounts.count"]
            spec.filters = [FilterCondition(field: "accounts.label_param", expression: value)]
        }
        spec.sorts = [SortKey(field: "accounts.id", descending: false)]
        return spec
    }

    /// Runs every value through every channel on one database; returns outcomes keyed by channel and
    /// value index, and anything that broke a rule.
    static func run(_ values: [String], on database: HostileFixture.Database, projectRoot: String)
        throws -> (outcomes: [Channel: [Outcome?]], findings: [Finding]) {
        let workspace = try Workspace.open(projectRoot: projectRoot, databaseURL: database.url)
        var outcomes: [Channel: [Outcome?]] = [:]
        var findings: [Finding] = []
        let visible = HostileFixture.visibleIDs
        for channel in Channel.allCases {
            var column: [Outcome?] = []
            for value in values {
                func note(_ problem: String) { findings.append(Finding(database: database.name, channel: channel, value: value, problem: problem)) }
                guard let spec = try spec(channel, value, workspace: workspace) else {
                    column.append(nil)
                    continue
                }
                do {
                    let table = try workspace.run(spec)
                    let ids = table.rows.compactMap { row -> Int64? in
                        if case .int(let id) = row[0] { return id }
                        note("a row without an integer id: \(row)")
                        return nil
                    }
                    let outside = ids.filter { !visible.contains($0) }
                    if !outside.isEmpty { note("rows outside sql_always_where: \(outside)") }
                    if channel == .parameter {
                        if Set(ids) != visible { note("expected every visible row, got \(ids)") }
                        for row in table.rows where row[1] != .string(value) { note("the parameter read back as \(row[1])") }
                    }
                    if channel == .nameFilters {
                        for row in table.rows where row[1] != .string("Yes") { note("a row the filter kept but {% condition %} did not match: \(row)") }
                    }
                    column.append(.rows(ids))
                } catch let error as SpyglassError {
                    if error.kind != .model { note("refused with exit \(error.exitCode): \(error.message)") }
                    column.append(.refused)
                }
            }
            outcomes[channel] = column
        }
        return (outcomes, findings)
    }

    @Test func generatedHostileValuesThroughEveryChannelOnEveryDatabase() throws {
        let started = ContinuousClock.now
        let fixture = try HostileFixture.make()
        let values = HostileValues.generate(count: 2_050)
        #expect(values.count >= 2_000)
        let before = try fixture.databases.map(HostileFixture.checksum)

        // The three databases in parallel: each is its own workspace and session pool.
        let results = ResultSlots<(outcomes: [Channel: [Outcome?]], findings: [Finding])>(count: fixture.databases.count)
        DispatchQueue.concurrentPerform(iterations: fixture.databases.count) { i in
            results.set(i, Result { try Self.run(values, on: fixture.databases[i], projectRoot: fixture.projectRoot) })
        }
        var all: [(outcomes: [Channel: [Outcome?]], findings: [Finding])] = []
        for result in results.values { all.append(try result.get()) }
        let findings = all.flatMap(\.findings)
        #expect(findings.isEmpty, "\(findings.count) findings, first: \(findings.prefix(10).map(\.description).joined(separator: "\n"))")

        // Differential: the same value through the same channel does the same on every database.
        var disagreements: [String] = []
        var ran = 0, refused = 0
        for channel in Channel.allCases {
            for (i, value) in values.enumerated() {
                let seen = all.map { $0.outcomes[channel]![i] }
                if case .rows? = seen[0] { ran += 1 } else if seen[0] == .refused { refused += 1 }
                if Set(seen.map { "\(String(describing: $0))" }).count > 1 {
                    disagreements.append("\(channel.rawValue) \(value.debugDescription.prefix(80)): \(seen)")
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.prefix(10).joined(separator: "\n"))")
        // The suite must actually run queries, not only collect refusals: nearly every value runs through
        // the name filters and the parameter (NUL and the Liquid renderer's reserved U+E000/U+E001 are
        // refused), and some parse as numbers or dates.
        #expect(ran > values.count * 3 / 2, "only \(ran) queries ran (\(refused) refused)")

        let after = try fixture.databases.map(HostileFixture.checksum)
        #expect(before == after, "a table changed")
        let seconds = Double((ContinuousClock.now - started) / .milliseconds(1)) / 1000
        print("Hostile values: \(values.count) values × \(Channel.allCases.count) channels × \(fixture.databases.count) databases, \(ran) ran and \(refused) refused per database, \(seconds) s")
    }

    /// The reported attack, through the command line as a script would send it: a query filter and a
    /// dashboard filter value, on each database.
    @Test func reportedAttackThroughTheCommandLineReturnsNoHiddenRow() throws {
        let fixture = try HostileFixture.make()
        let values = HostileValues.reported + ["O'Brien", "\\'", "back\\slash", "-\\'%", "x\u{1B}[2J", "1\n2"]
        let visible = HostileFixture.visibleIDs
        for database in fixture.databases {
            for value in values {
                let runs = [
                    ["query", "accounts", "--fields", "accounts.id,accounts.count", "--filter=accounts.name=\(value)", "--format", "csv"],
                    ["query", "accounts", "--fields", "accounts.id,accounts.echo", "--filter=accounts.label_param=\(value)", "--format", "csv"],
                    ["report", "hostile", "--filter=who=\(value)", "--format", "csv", "--tile", "rows"],
                ]
                for arguments in runs {
                    let result = try SpyglassProcess.run(arguments + ["--project", fixture.projectRoot, "--database", database.url])
                    #expect(result.code == 0 || result.code == 1, "\(database.name) \(arguments[0]) \(value.debugDescription): exit \(result.code) \(result.stderr)")
                    let ids = result.stdout.split(separator: "\r\n").dropFirst().compactMap { Int64($0.split(separator: ",").first ?? "") }
                    #expect(ids.allSatisfy(visible.contains), "\(database.name) \(arguments[0]) \(value.debugDescription): \(ids)")
                    #expect(!result.stdout.contains("top-secret-token"))
                }
            }
        }
    }

    /// Reported: `--filter "users.locale=\') OR (1=1) --"` returned rows `sql_always_where` hides when
    /// the server has standard_conforming_strings off. The printed SQL (escaped literals) still shows
    /// why: run on such a session it leaks, while the statement Spyglass executes binds the value.
    @Test func sqlInjectionWithStandardConformingStringsOff() throws {
        let fixture = try HostileFixture.make()
        let off = fixture.databases[2]
        let workspace = try Workspace.open(projectRoot: fixture.projectRoot, databaseURL: off.url)
        var spec = QuerySpec(explore: "accounts", fields: ["accounts.id", "accounts.count"])
        spec.filters = [FilterCondition(field: "accounts.name", expression: "\\') OR (1=1) --")]
        let compiled = try workspace.compile(spec)
        #expect(compiled.statement.parameters == ["\\') OR (1=1) --"])
        #expect(!compiled.statement.text.contains("OR (1=1)"))
        #expect(compiled.sql.contains("'\\'') OR (1=1) --'"))

        // The attack is real on this fixture: the literal SQL on a session with the setting off.
        // (Two calls: PostgreSQL lexes a whole multi-statement string before running its SET.)
        let owner = try Warehouse.openLoader(off.ownerURL)
        try owner.execute("SET standard_conforming_strings = off")
        try owner.execute("CREATE TABLE leak AS \(compiled.sql)")
        owner.close()
        let leaked = try Warehouse.connect(off.ownerURL).query("SELECT count(*) FROM leak", maxRows: 1).rows
        #expect(leaked != [[.int(0)]], "the fixture no longer reproduces the attack:\n\(compiled.sql)")

        // What Spyglass runs returns nothing: no name is that text.
        #expect(try workspace.run(spec).rows.isEmpty)
    }
}

/// Results filled in by concurrent workers, one slot each.
final class ResultSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<T, Error>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<T, Error>) { lock.withLock { slots[i] = value } }
    var values: [Result<T, Error>] { lock.withLock { slots.map { $0! } } }
}
