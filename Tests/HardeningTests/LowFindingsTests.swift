import Foundation
import QueryEngine
import SemanticModel
import Testing
import SpyglassCore
import TestSupport
import Warehouse

/// LOW #8 of the hardening review: crashes and silent failures.
@Suite("Low findings")
struct LowFindingsTests {
    /// Reported: `--limit` × the pivot column cap overflowed (QueryPlanner, a trap) for a huge limit.
    @Test func limitTimesPivotCapOverflowIsCappedNotATrap() throws {
        let fixture = try HostileFixture.make()
        let project = ProjectLoader.load(root: fixture.projectRoot)
        var options = CompileOptions()
        options.maxRowLimit = Int.max
        var spec = QuerySpec(explore: "accounts", fields: ["accounts.name", "accounts.active", "accounts.count"])
        spec.pivots = ["accounts.active"]
        spec.limit = Int.max / 2
        let compiled = try QueryCompiler.compile(spec, project: project, dialect: try Dialects.named("sqlite"), options: options)
        #expect(compiled.rowLimit == Int.max)
    }

    /// Reported: an unwritable stdout exited 1 without a word.
    @Test func unwritableStandardOutputExitsOneWithASentence() throws {
        let fixture = try HostileFixture.make()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SpyglassProcess.binary)
        process.arguments = ["fields", "accounts", "--project", fixture.projectRoot]
        process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let err = Pipe()
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(stderr == "spyglass: error: cannot write the output to standard output: No space left on device\n")
    }

    /// Reported: `validate` accepted a `type: list` measure with only `list_field` (Looker's way to
    /// write it), which queries then rejected for having no sql.
    @Test func listMeasureWithListFieldQueriesAndOneWithoutIsAValidateError() throws {
        let fixture = try HostileFixture.make()
        for database in fixture.databases.prefix(2) {
            let workspace = try Workspace.open(projectRoot: fixture.projectRoot, databaseURL: database.url)
            #expect(workspace.project.diagnostics.filter { $0.severity == .error }.isEmpty, "\(workspace.project.diagnostics)")
            var spec = QuerySpec(explore: "accounts", fields: ["accounts.active", "accounts.names"])
            spec.sorts = [SortKey(field: "accounts.active", descending: false)]
            let table = try workspace.run(spec)
            // Hand-written: the distinct names of the visible rows, per active flag.
            let connection = try Warehouse.connect(database.ownerURL)
            for row in table.rows {
                guard case .string(let flag) = row[0], case .string(let list) = row[1] else {
                    Issue.record("\(database.name): unexpected row \(row)")
                    continue
                }
                let active = flag == "Yes" ? "TRUE" : "FALSE"
                let expected = try connection.query("SELECT DISTINCT name FROM accounts WHERE tenant = 'visible' AND active = \(active)", maxRows: 100)
                    .rows.compactMap { if case .string(let s) = $0[0] { s } else { nil } }
                #expect(Set(list.split(separator: ",").map(String.init)) == Set(expected), "\(database.name) \(flag): \(list)")
            }
            #expect(table.rows.count == 2)
        }

        let root = NSTemporaryDirectory() + "spyglass-list-\(getpid())-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try "connection: \"x\"\ninclude: \"/*.view.lkml\"\nexplore: a {}\n".write(toFile: root + "/m.model.lkml", atomically: true, encoding: .utf8)
        try "view: a {\n  sql_table_name: a ;;\n  dimension: name {}\n  measure: names { type: list }\n  measure: bad { type: list list_field: nope }\n}\n"
            .write(toFile: root + "/a.view.lkml", atomically: true, encoding: .utf8)
        let messages = ProjectLoader.load(root: root).diagnostics.map(\.description)
        #expect(messages.contains("a.view.lkml:4:26: error: measure 'names' of type list needs list_field (or sql)"), "\(messages)")
        #expect(messages.contains { $0.hasPrefix("a.view.lkml:5:") && $0.contains("nope") }, "\(messages)")
    }
}
