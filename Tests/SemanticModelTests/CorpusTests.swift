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
            "dashboards/business_pulse.dashboard.lookml:37:11: warning: element 'revenue_by_brand' shows dynamic fields (average_item_price), "
                + "which Spyglass does not evaluate yet; running the tile is refused",
            "dashboards/business_pulse.dashboard.lookml:64:11: warning: element 'buyers_and_catalogue' merges the results of 2 queries, "
                + "which Spyglass does not run yet; the tile shows no data",
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
        let model = project.model(named: "retail")
        #expect(model?.explores.map(\.name).sorted() == ["brand_rankings", "customers", "order_items", "order_items_lite", "products"])
        #expect(model?.explore(named: "customers")?.join(named: "user_tags")?.sql != nil)
    }

    @Test func hubAndSpokeWithImportedProjects() {
        #expect(diagnostics("hub_spoke") == [])
        let project = ProjectLoader.load(root: Self.corpus + "/hub_spoke")
        #expect(project.projectName == "sales_spoke")
        #expect(project.importedProjects == ["hub", "marketing_block"])
        let model = project.model(named: "sales")
        // The hub's model file is not a model of the spoke.
        #expect(project.models.map(\.name) == ["sales"])
        #expect(model?.label == "Sales (EUR)")
        #expect(model?.explores.map(\.name).sorted() == ["campaigns", "orders", "users"])
        // override_constant reaches the imported files; the spoke's refinement of a hub view applies.
        #expect(model?.views["orders"]?.sqlTableName == "sales_mart.orders")
        #expect(model?.views["campaigns"]?.sqlTableName == "paid_media.campaigns")
        #expect(model?.views["orders"]?.field(named: "large_order_count") != nil)
        #expect(model?.explore(named: "users")?.joins.map(\.name) == ["orders", "user_order_facts"])
    }

    @Test func vendorBlockWithConstantsParametersAndAccessFilters() {
        #expect(diagnostics("warehouse_usage") == [])
    }

    /// A project with real mistakes: each is reported once, where it was written, naming the
    /// explore that cannot resolve it; the same reference in an explore that can is not blamed.
    @Test func realMistakesAreAllFound() {
        #expect(diagnostics("real_mistakes") == [
            "dashboards/overview.dashboard.lookml:9:11: warning: element 'by_region' shows dynamic fields (share), "
                + "which Spyglass does not evaluate yet; running the tile is refused",
            "dashboards/overview.dashboard.lookml:9:11: error: unknown dashboard filter 'regoin' in listen of element 'by_region' of dashboard 'overview'",
            "dashboards/overview.dashboard.lookml:14:7: error: unknown field 'orders.cnt' in explore 'orders' "
                + "(expression of dynamic field 'share' of element 'by_region' of dashboard 'overview')",
            "mistakes.model.lkml:19:12: error: unknown view 'customer' in fields of explore 'customers'",
            "views/orders.view.lkml:15:10: error: view 'customers' is not accessible in explore 'orders_quick': "
                + "'${customers.region}' in orders.customer_region needs a join named 'customers' there",
            "views/orders.view.lkml:20:10: error: unknown field 'segmnet' in view 'customers' referenced as '${customers.segmnet}'",
        ])
    }
}
