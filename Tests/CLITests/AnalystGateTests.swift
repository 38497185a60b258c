import Foundation
import Testing
import TestSupport

/// Issue 13, item 8: every command says which project it used; the demo is used only when no
/// project was asked for, and says so; unknown names get a "did you mean".
@Suite("Analyst gates")
struct AnalystGateTests {
    static let tiny = SpyglassProcess.fixtures + "/tiny"

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "spyglass-gate-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Bug: outside a project every command silently used the demo, and `validate` printed
    /// "0 errors" for the wrong project.
    @Test func outsideAProjectTheDemoIsNamed() throws {
        let empty = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let result = try SpyglassProcess.run(["explores"], directory: empty)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("using the bundled demo"), "\(result.stderr)")
        #expect(result.stdout.contains("parley/events"))
    }

    @Test func aProjectAskedForIsNeverReplacedByTheDemo() throws {
        let empty = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let result = try SpyglassProcess.run(["validate", "--project", empty])
        #expect(result.code == 2)
        #expect(result.stderr.contains("holds no .lkml files"), "\(result.stderr)")
        #expect(!result.stderr.contains("0 errors"))
        #expect(!result.stderr.contains("bundled demo"))
    }

    /// Without --project, every command names the project it found; with it, the command line
    /// already does, and an error stays one line.
    @Test func everyCommandNamesItsProject() throws {
        for arguments in [["validate"], ["explores"], ["dashboards"]] {
            let inside = try SpyglassProcess.run(arguments, directory: Self.tiny)
            let root = URL(fileURLWithPath: Self.tiny).resolvingSymlinksInPath().path
            #expect(inside.stderr.hasPrefix("spyglass: project "), "\(arguments): \(inside.stderr)")
            #expect(inside.stderr.contains(URL(fileURLWithPath: root).lastPathComponent), "\(inside.stderr)")
        }
        let named = try SpyglassProcess.run(["explores", "--project", Self.tiny])
        #expect(!named.stderr.contains("spyglass: project"))
    }

    /// Bug: `spyglass qeury` said "2 unexpected arguments".
    @Test func unknownNamesGetADidYouMean() throws {
        let typo = try SpyglassProcess.run(["qeury", "users", "--fields", "users.count"])
        #expect(typo.code == 2)
        #expect(typo.stderr == "spyglass: error: unknown command 'qeury'; did you mean 'query'? (see 'spyglass help')\n")
        let board = try SpyglassProcess.run(["report", "busines_health", "--project", SpyglassProcess.repositoryRoot])
        #expect(board.stderr.contains("unknown dashboard 'busines_health'; did you mean 'business_health'?"), "\(board.stderr)")
        let tile = try SpyglassProcess.run(["report", "business_health", "--tile", "top_acounts", "--project", SpyglassProcess.repositoryRoot])
        #expect(tile.stderr.contains("did you mean 'top_accounts'?"), "\(tile.stderr)")
        let field = try SpyglassProcess.run(["sql", "events", "--fields", "events.platfrom", "--project", SpyglassProcess.repositoryRoot])
        #expect(field.stderr.contains("did you mean 'events.platform'?"), "\(field.stderr)")
    }
}
