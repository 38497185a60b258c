import TestSupport
import Foundation
import Presentation
import SemanticModel
import SpyglassCore

/// The demo project's dashboards, run once for all rendering tests.
struct DemoReport: Sendable {
    var dashboard: Dashboard
    var outcomes: [TileOutcome]
    var report: Report
}

enum DemoReports {
    /// A fixed generation time, so dates in the output are known.
    static let generatedAt = Date(timeIntervalSince1970: 1_795_244_400)  // 2026-11-21 07:00 UTC

    static let workspace: Workspace? = try? Workspace.open(projectRoot: SpyglassProcess.repositoryRoot, databaseURL: nil)

    static let all: [DemoReport] = {
        guard let workspace else { return [] }
        return workspace.project.dashboards.map { dashboard in
            let outcomes = (try? workspace.runDashboard(dashboard)) ?? []
            return DemoReport(dashboard: dashboard, outcomes: outcomes,
                              report: workspace.report(of: dashboard, outcomes: outcomes, generatedAt: generatedAt))
        }
    }()
}
