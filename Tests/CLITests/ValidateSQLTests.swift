import Foundation
import Testing
import TestSupport

/// `spyglass validate --sql` on the real binary: every field of every explore compiled, each
/// failure at its field's file:line:col, a count per explore on stderr, exit 1 when any fails.
@Suite("validate --sql")
struct ValidateSQLTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SemanticModelTests/Fixtures/Corpus").path

    @Test func cleanProjectCompilesEveryField() throws {
        let result = try SpyglassProcess.run(["validate", "--sql", "--project", SpyglassProcess.fixtures + "/tiny"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(": 0 do not compile"), "\(result.stderr)")
    }

    @Test func failuresAreReportedAtTheFieldWithACountPerExplore() throws {
        let result = try SpyglassProcess.run(["validate", "--sql", "--dialect", "postgres", "--project", Self.corpus + "/real_mistakes"])
        #expect(result.code == 1)
        #expect(result.stdout.contains("views/orders.view.lkml:13:14: error: field 'orders.customer_region' does not compile in explore 'orders_quick': "
            + "'orders.customer_region' references '${customers.region}', but 'customers' is not joined in explore 'orders_quick'\n"
            + "  dimension: customer_region {\n             ^"), "\(result.stdout)")
        #expect(result.stderr.contains("explore 'mistakes/orders': 1 of 8 fields do not compile"), "\(result.stderr)")
        #expect(result.stderr.contains("explore 'mistakes/orders_quick': 2 of 5 fields do not compile"), "\(result.stderr)")
        #expect(result.stderr.contains("compiled 16 fields in 3 explores: 3 do not compile"), "\(result.stderr)")
    }

    @Test func dialectOnlyWithSQL() throws {
        let result = try SpyglassProcess.run(["validate", "--dialect", "postgres", "--project", SpyglassProcess.fixtures + "/tiny"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("--dialect is only taken with --sql"), "\(result.stderr)")
    }
}
