import QueryEngine
import SemanticModel
import Testing

@Suite struct ShopFixtureTests {
    @Test func fixtureLoadsWithoutErrors() {
        let errors = ShopFixture.project.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        #expect(ShopFixture.project.models.first?.explores.count == 5)
    }
}
