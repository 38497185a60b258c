import Foundation
import Presentation
import SpyglassCore
import Testing
import TestSupport

/// The same dashboards on the demo loaded into a real PostgreSQL (a throwaway cluster): tiles run in
/// parallel on pooled libpq connections and the report reads as on SQLite.
@Suite("Reports on PostgreSQL")
struct PostgresReportTests {
    @Test func everyDashboardReadsAsOnSQLite() throws {
        let url = try TestPostgres.createDatabase(prefix: "report")
        let built = try SpyglassProcess.run(["demo", "--postgres", url])
        try #require(built.code == 0, "\(built.stderr)")
        let workspace = try Workspace.open(projectRoot: SpyglassProcess.repositoryRoot, databaseURL: url)
        #expect(DemoReports.all.count == 2)
        for demo in DemoReports.all {
            let outcomes = try workspace.runDashboard(demo.dashboard)
            #expect(outcomes.compactMap(\.error).isEmpty, "\(outcomes.compactMap(\.error).map(\.message))")
            let report = workspace.report(of: demo.dashboard, outcomes: outcomes, generatedAt: DemoReports.generatedAt)
            let postgres = ReportRenderer.text(report).split(separator: "\n", omittingEmptySubsequences: false)
            let sqlite = ReportRenderer.text(demo.report).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(postgres.count == sqlite.count)
            for (p, s) in zip(postgres, sqlite) where p != s {
                Issue.record("\(demo.dashboard.name): PostgreSQL '\(p)' but SQLite '\(s)'")
                break
            }
            #expect(report.fingerprint.count == 32)
        }
    }
}
