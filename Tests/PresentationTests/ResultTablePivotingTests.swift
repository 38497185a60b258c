import Presentation
import SemanticModel
import Testing
import Warehouse

@Suite("Pivot reshaping")
struct ResultTablePivotingTests {
    let status = Fixtures.dimension("orders.status")
    let channel = Fixtures.dimension("orders.channel")
    let count = Fixtures.measure("orders.count")
    let total = Fixtures.measure("orders.total", type: "sum", valueFormatName: "usd")

    /// Flat rows as the database returns them, sorted by status then channel.
    var flat: [[Value]] {
        [
            [.string("complete"), .string("web"), .int(3), .decimal("30.00")],
            [.string("complete"), .string("mobile"), .int(5), .decimal("50.00")],
            [.string("pending"), .string("mobile"), .int(1), .decimal("9.50")],
            [.null, .string("store"), .int(2), .null],
            [.string("pending"), .string("web"), .int(4), .decimal("40.00")],
        ]
    }

    @Test func pivotValuesAndRowsKeepFirstSeenOrder() {
        let table = ResultTable.pivoting(dimensions: [status], pivots: [channel], measures: [count, total], rows: flat)
        #expect(table.pivotLabels == ["web", "mobile", "store"])
        #expect(table.columns.map(\.qualifiedKey) == [
            "orders.status",
            "orders.count|web", "orders.total|web",
            "orders.count|mobile", "orders.total|mobile",
            "orders.count|store", "orders.total|store",
        ])
        #expect(table.columns[1].pivotKey == [.string("web")])
        #expect(table.rows.map { $0[0] } == [.string("complete"), .string("pending"), .null])
        #expect(table.isPivoted)
        #expect(table.totals == nil)
    }

    @Test func missingCellsAreNull() {
        let table = ResultTable.pivoting(dimensions: [status], pivots: [channel], measures: [count, total], rows: flat)
        #expect(table.rows[0] == [.string("complete"), .int(3), .decimal("30.00"), .int(5), .decimal("50.00"), .null, .null])
        #expect(table.rows[1] == [.string("pending"), .int(4), .decimal("40.00"), .int(1), .decimal("9.50"), .null, .null])
        #expect(table.rows[2] == [.null, .null, .null, .null, .null, .int(2), .null])
    }

    @Test func totalsComeFromTheDatabaseKeyedByPivotValue() {
        // Column totals per pivot value, row totals per status, the grand total in the corner:
        // deliberately not the sums of the cells, to prove nothing is added up here.
        let table = ResultTable.pivoting(
            dimensions: [status], pivots: [channel], measures: [count],
            rows: flat.map { Array($0[0..<3]) },
            pivotTotals: [[.string("mobile"), .int(60)], [.string("web"), .int(70)], [.string("gone"), .int(1)]],
            rowTotals: [[.string("pending"), .int(11)], [.string("complete"), .int(12)]],
            grandTotals: [.int(99)])
        #expect(table.columns.map(\.qualifiedKey) == [
            "orders.status", "orders.count|web", "orders.count|mobile", "orders.count|store",
            "orders.count|$$$_row_total_$$$",
        ])
        #expect(table.columns.last?.isRowTotal == true)
        #expect(table.rows.map { $0.last } == [.int(12), .int(11), .null])
        #expect(table.totals == [.null, .int(70), .int(60), .null, .int(99)])
    }

    @Test func withoutPivotsTotalsAreTheGrandTotals() {
        let table = ResultTable.pivoting(
            dimensions: [status], pivots: [], measures: [count],
            rows: [[.string("a"), .int(1)], [.string("b"), .int(2)]], grandTotals: [.int(3)])
        #expect(table.columns.map(\.qualifiedKey) == ["orders.status", "orders.count"])
        #expect(table.rows == [[.string("a"), .int(1)], [.string("b"), .int(2)]])
        #expect(table.totals == [.null, .int(3)])
        #expect(!table.isPivoted)
    }

    @Test func pivotValuesBeyondTheLimitAreDroppedWithANote() {
        let rows: [[Value]] = (0..<73).map { i in [.string("x"), .int(Int64(i)), .int(1)] }
        let pivot = Fixtures.dimension("orders.day", type: "number")
        let table = ResultTable.pivoting(dimensions: [status], pivots: [pivot], measures: [count], rows: rows, maxPivotValues: 50)
        #expect(table.columns.count == 51)
        #expect(table.notes == ["showing the first 50 of 73 pivot values"])
        #expect(table.rows == [[.string("x")] + [Value](repeating: .int(1), count: 50)])
    }

    @Test func severalPivotDimensionsAndTimeframesMakeOneLabel() {
        let month = Fixtures.dimension("orders.created_month", type: "date_month", timeframe: "month")
        let rows: [[Value]] = [
            [Fixtures.date(2024, 5, 1), .string("web"), .int(1)],
            [Fixtures.date(2024, 6, 1), .null, .int(2)],
        ]
        let table = ResultTable.pivoting(dimensions: [], pivots: [month, channel], measures: [count], rows: rows)
        #expect(table.pivotLabels == ["2024-05|web", "2024-06|∅"])
        #expect(table.rows == [[.int(1), .int(2)]])
    }
}
