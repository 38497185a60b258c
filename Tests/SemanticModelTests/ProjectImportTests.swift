import Foundation
import Testing
@testable import SemanticModel

/// Project imports (manifest `local_dependency` / `remote_dependency`), seeded into copies of the
/// hub-and-spoke corpus project: each mistake once, at the place it was written.
@Suite("Project imports")
struct ProjectImportTests {
    private func diagnostics(_ edit: (FixtureProject) throws -> Void) throws -> [String] {
        let copy = try FixtureProject.copy(of: CorpusTests.corpus + "/hub_spoke")
        defer { copy.remove() }
        try edit(copy)
        return copy.load().diagnostics.map(\.description)
    }

    @Test func includeOfAProjectTheManifestDoesNotImport() throws {
        let found = try diagnostics {
            try $0.replace("include: \"//marketing_block/views/*.view\"", with: "include: \"//marketing/views/*.view\"", in: "sales.model.lkml")
        }
        #expect(found == [
            "explores/users.explore.lkml:13:10: error: unknown view 'campaigns' in explore 'campaigns'",
            "sales.model.lkml:5:10: error: include '//marketing/views/*.view' names project 'marketing', which manifest.lkml "
                + "does not import; add local_dependency: { project: \"marketing\" } or a remote_dependency",
        ])
    }

    @Test func importedProjectNotCheckedOutIsReportedOnceAtItsDeclaration() throws {
        let found = try diagnostics { try FileManager.default.removeItem(atPath: $0.root + "/imported_projects/marketing_block") }
        #expect(found == [
            "explores/users.explore.lkml:13:10: error: unknown view 'campaigns' in explore 'campaigns'",
            "manifest.lkml:11:20: error: imported project 'marketing_block' is not checked out: put it in "
                + "imported_projects/marketing_block or name its directory in spyglass.dependencies (marketing_block = path)",
        ])
    }

    @Test func checkoutElsewhereNamedInTheDependenciesFile() throws {
        let elsewhere = NSTemporaryDirectory() + "spyglass-hub-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let copy = try FixtureProject.copy(of: CorpusTests.corpus + "/hub_spoke")
        defer { copy.remove() }
        try FileManager.default.moveItem(atPath: copy.root + "/imported_projects/hub", toPath: elsewhere)
        try copy.write("# where the hub is checked out\nhub = \(elsewhere)\n", to: "spyglass.dependencies")
        let project = copy.load()
        #expect(project.diagnostics.map(\.description) == [])
        #expect(project.model(named: "sales")?.views["users"]?.sqlTableName == "sales_mart.users")
    }

    @Test func overridingAConstantThatIsNotExported() throws {
        let found = try diagnostics {
            try $0.replace("constant: currency {\n  value: \"EUR\"\n}", with: "constant: currency {\n  value: \"EUR\"\n  export: none\n}",
                           in: "imported_projects/hub/manifest.lkml")
            try $0.replace("  override_constant: schema {", with: "  override_constant: currency {\n    value: \"USD\"\n  }\n  override_constant: schema {",
                           in: "manifest.lkml")
        }
        #expect(found == ["manifest.lkml:6:22: error: constant 'currency' of project 'hub' cannot be overridden: its export is none"])
    }

    @Test func constantThatMustBeOverriddenIsNot() throws {
        let found = try diagnostics {
            try $0.replace("  override_constant: schema {\n    value: \"sales_mart\"\n  }\n", with: "", in: "manifest.lkml")
        }
        #expect(found == ["manifest.lkml:4:1: error: project 'hub' requires override_constant: schema { value: \"…\" } "
            + "in its local_dependency or remote_dependency"])
    }

    @Test func overridingAConstantTheProjectDoesNotHave() throws {
        let found = try diagnostics {
            try $0.replace("override_constant: ads_dataset {", with: "override_constant: ad_dataset {", in: "manifest.lkml")
        }
        #expect(found == ["manifest.lkml:14:22: error: project 'marketing_block' has no constant 'ad_dataset' to override"])
    }
}
