import Foundation
import Testing
@testable import SemanticModel

/// The corpus: projects in the shapes of public production Looker projects and blocks
/// (Fixtures/Corpus/README.md says which shapes, from where). Looker accepts each of them as
/// written, so `validate` must report exactly the real mistakes listed here and nothing else.
@Suite("Corpus projects validate as Looker reads them")
struct CorpusTests {
    static let corpus = FixtureProject.fixtures + "/Corpus"

    private func diagnostics(_ project: String) -> [String] {
        ProjectLoader.load(root: Self.corpus + "/" + project).diagnostics.map(\.description)
    }

    @Test func retailerOnBigQuery() {
        #expect(diagnostics("retail_bq") == [
            "dashboards/archived.dashboard.lookml:1:1: warning: dashboard file is not included by any model, so Looker does not read it; "
                + "add include: \"/dashboards/archived.dashboard.lookml\" to a model to use it",
        ])
        let project = ProjectLoader.load(root: Self.corpus + "/retail_bq")
        #expect(project.dashboards.map(\.name) == ["business_pulse", "regional_pulse"])
        let regional = project.dashboards.first { $0.name == "regional_pulse" }
        // Extended: the parent's filters and tiles, its own 'revenue' tile in the parent's place.
        #expect(regional?.title == "Regional Pulse")
        #expect(regional?.filters.map(\.name) == ["date", "state"])
        #expect(regional?.elements.map(\.name) == ["revenue", "revenue_by_brand", "buyers_and_catalogue", "notes"])
        #expect(regional?.elements.first?.fields == ["order_items.total_sale_price", "users.count"])
        let byBrand = project.dashboards.first?.elements.first { $0.name == "revenue_by_brand" }
        #expect(byBrand?.fields == ["products.brand", "order_items.total_sale_price", "order_items.count"])
        #expect(byBrand?.dynamicFields.map(\.name) == ["average_item_price", "distinct_buyers"])
        #expect(byBrand?.dynamicFields.map(\.kind) == [.tableCalculation, .measure])
        let merged = project.dashboards.first?.elements.first { $0.name == "buyers_and_catalogue" }
        #expect(merged?.mergedQueries.map(\.explore) == ["order_items", "products"])
        #expect(merged?.mergedQueries.last?.joinFields.map(\.field) == ["products.category"])
        #expect(project.dashboards.allSatisfy { $0.model == "retail" })
    }
}
