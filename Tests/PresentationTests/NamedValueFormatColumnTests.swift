import Foundation
import Presentation
import SemanticModel
import Testing
import Warehouse

/// A field formatted by a model's `named_value_format`, loaded from real LookML, formats as Looker
/// shows it everywhere Presentation prints values (cells, tables, reports' single values).
@Suite("Named value formats in columns")
struct NamedValueFormatColumnTests {
    /// Loads a one-model project whose `sales.revenue` uses the model's `euro_k` by name.
    private static func revenueField() throws -> Field {
        let root = NSTemporaryDirectory() + "spyglass-formats-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/views", withIntermediateDirectories: true)
        try """
            connection: "demo"
            include: "/views/*.view.lkml"

            named_value_format: euro_k {
              value_format: "\\"€\\"#,##0.0,\\" K\\""
            }

            explore: sales {}
            """.write(toFile: root + "/shop.model.lkml", atomically: true, encoding: .utf8)
        try """
            view: sales {
              sql_table_name: sales ;;
              dimension: amount { type: number sql: ${TABLE}.amount ;; }
              measure: revenue { type: sum sql: ${amount} ;; value_format_name: euro_k }
            }
            """.write(toFile: root + "/views/sales.view.lkml", atomically: true, encoding: .utf8)
        let project = ProjectLoader.load(root: root)
        #expect(project.diagnostics.map(\.description) == [])
        return try #require(project.model(named: "shop")?.views["sales"]?.field(named: "revenue"))
    }

    @Test func cellsFormatWithTheModelsPattern() throws {
        let column = ResultTable.Column(field: try Self.revenueField())
        #expect(ValueFormatter.format(.double(1234.5), for: column) == "€1.2 K")
        #expect(ValueFormatter.format(.decimal("1234.5"), for: column) == "€1.2 K")
        #expect(ValueFormatter.format(.int(-98_765), for: column) == "-€98.8 K")
        // SQLite hands sums back as text sometimes; still a number.
        #expect(ValueFormatter.format(.string("1234.5"), for: column) == "€1.2 K")
    }

    @Test func textTableShowsTheFormattedValue() throws {
        let table = ResultTable(columns: [ResultTable.Column(field: try Self.revenueField())], rows: [[.double(1234.5)], [.int(2_000_000)]])
        let text = Renderer.render(table, as: .table)
        #expect(text.contains("€1.2 K"))
        #expect(text.contains("€2,000.0 K"))
        #expect(!text.contains("1234.5"))
        // ASCII output spells the sign (before layout, so the column stays aligned).
        let ascii = Renderer.render(table, as: .table, options: RenderOptions(ascii: true))
        #expect(ascii.contains("    EUR1.2 K\n") && ascii.contains("EUR2,000.0 K\n"))
        #expect(!ascii.utf8.contains(where: { $0 >= 0x80 }))
    }

    /// `ValueFormatter.pattern(forFormatName:)` is kept for callers; it reads SemanticModel's table.
    @Test func builtinTableIsSharedWithTheModel() {
        for name in ValueFormats.builtinNames {
            #expect(ValueFormatter.pattern(forFormatName: name) == ValueFormats.builtin(named: name))
            #expect(ValueFormatter.pattern(forFormatName: name) != nil)
        }
        #expect(ValueFormatter.pattern(forFormatName: "decimal2") == nil)
    }
}
