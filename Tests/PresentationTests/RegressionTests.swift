import Presentation
import SemanticModel
import Testing
import Warehouse

/// Bugs found while building Presentation, one test each, named after the bug.
@Suite("Regressions")
struct RegressionTests {
    /// The totals row's `**bold**` markers went through the cell escaper and printed as `\*\*99\*\*`.
    @Test func markdownTotalsBoldMarkersWereEscaped() {
        let table = ResultTable(columns: [Fixtures.dimension("t.s"), Fixtures.measure("t.n")], rows: [], totals: [.null, .int(99)])
        #expect(Renderer.render(table, as: .markdown).contains("| **Total** | **99** |"))
    }

    /// An unformatted `numeric` measure lost the database's trailing zeros ("-1234.50" showed "-1,234.5").
    @Test func unformattedDecimalsLostTrailingZeros() {
        #expect(ValueFormatter.format(.decimal("-1234.50"), for: Fixtures.measure("o.total", type: "sum")) == "-1,234.50")
        #expect(ValueFormatter.format(.decimal("0.10"), for: Fixtures.dimension("o.rate", type: "number")) == "0.10")
    }

    /// Malformed input from a caller (rows shorter than the columns) must never trap or shift columns.
    @Test func shortRowsNeitherCrashNorShiftColumns() {
        let columns = [Fixtures.dimension("t.a"), Fixtures.dimension("t.b"), Fixtures.measure("t.n")]
        let table = ResultTable(columns: columns, rows: [[.string("x")], []])
        #expect(Renderer.render(table, as: .csv) == "t.a,t.b,t.n\r\nx,,\r\n,,\r\n")
        for format in OutputFormat.allCases { #expect(!Renderer.render(table, as: format).isEmpty) }
        let pivoted = ResultTable.pivoting(
            dimensions: [columns[0]], pivots: [columns[1]], measures: [columns[2]],
            rows: [[.string("x"), .string("p"), .int(1)], [.string("short")]],
            pivotTotals: [[]], rowTotals: [[.string("x")]])
        #expect(pivoted.rows == [[.string("x"), .int(1), .null]])
    }
}
