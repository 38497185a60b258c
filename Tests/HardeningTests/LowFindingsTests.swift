import Foundation
import QueryEngine
import SemanticModel
import Testing
import TestSupport

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
}
