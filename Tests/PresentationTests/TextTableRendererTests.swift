import Presentation
import SemanticModel
import Testing
import Warehouse

@Suite("Text tables")
struct TextTableRendererTests {
    @Test func alignedWithFormatsNullsAndTotals() {
        let table = ResultTable(
            columns: [Fixtures.dimension("orders.status"), Fixtures.measure("orders.count"),
                      Fixtures.measure("orders.total", type: "sum", valueFormatName: "usd")],
            rows: [
                [.string("complete"), .int(1200), .decimal("1234.5")],
                [.null, .int(3), .null],
                [.string(""), .int(45), .decimal("-2")],
            ],
            totals: [.null, .int(1248), .decimal("1232.5")])
        let text = Renderer.render(table, as: .table)
        #expect(text == """
            Orders Status │ Orders Count │ Orders Total
            ──────────────┼──────────────┼─────────────
            complete      │        1,200 │    $1,234.50
            ∅             │            3 │            ∅
                          │           45 │       -$2.00
            ──────────────┼──────────────┼─────────────
            Total         │        1,248 │    $1,232.50

            """)
    }

    @Test func asciiOption() {
        let table = ResultTable(columns: [Fixtures.dimension("o.s"), Fixtures.measure("o.n")], rows: [[.null, .int(1)]])
        #expect(Renderer.render(table, as: .table, options: RenderOptions(ascii: true)) == """
            O S  | O N
            -----+----
            NULL |   1

            """)
    }

    /// Regression: `--ascii` rewrote finished lines, so `€` (one column) became `EUR` (three) after
    /// padding and every row with a euro value stuck out by two.
    @Test func asciiCurrencySignsAreSpelledBeforeLayout() {
        let table = ResultTable(
            columns: [Fixtures.dimension("o.region"), Fixtures.measure("o.revenue", type: "sum", valueFormatName: "eur"),
                      Fixtures.measure("o.fees", type: "sum", valueFormatName: "gbp")],
            rows: [[.string("Zürich – Nord"), .decimal("1234.5"), .decimal("-2")], [.string("Oslo"), .decimal("7"), .decimal("10")]])
        #expect(Renderer.render(table, as: .table, options: RenderOptions(ascii: true)) == """
            O Region      |   O Revenue |   O Fees
            --------------+-------------+---------
            Z?rich - Nord | EUR1,234.50 | -GBP2.00
            Oslo          |     EUR7.00 | GBP10.00

            """)
    }

    /// Wide (CJK, emoji) and zero-width (combining) characters must not shift the column rules.
    @Test func wideAndCombiningCharactersStayAligned() {
        let names = ["東京都", "Zürich", "Cafe\u{301} crème", "👩‍👩‍👧 fam", "한국어 텍스트", "plain"]
        let table = ResultTable(
            columns: [Fixtures.dimension("city.name"), Fixtures.measure("city.count")],
            rows: names.enumerated().map { [.string($1), .int(Int64($0))] })
        let lines = Renderer.render(table, as: .table).split(separator: "\n").map(String.init)
        let ruleColumns = lines.map { line -> Int in
            var width = 0
            for c in line {
                if c == "│" || c == "┼" { return width }
                width += TextWidth.of(c)
            }
            return -1
        }
        #expect(Set(ruleColumns).count == 1)
        #expect(ruleColumns[0] == TextWidth.of("한국어 텍스트") + 1)
    }

    @Test func maxWidthTruncatesWithEllipsis() {
        let long = String(repeating: "very long description ", count: 10)
        let table = ResultTable(
            columns: [Fixtures.dimension("p.description"), Fixtures.dimension("p.code"), Fixtures.measure("p.count")],
            rows: [[.string(long), .string("AB-1"), .int(123_456)], [.string("短い"), .string("CD"), .int(1)]])
        let text = Renderer.render(table, as: .table, options: RenderOptions(maxWidth: 40))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { TextWidth.of($0) <= 40 })
        #expect(lines.contains { TextWidth.of($0) == 40 })
        #expect(lines[2].contains("…"))
        #expect(lines[2].hasSuffix("123,456"))  // narrow columns keep their full width
        #expect(lines[3].contains("短い"))
    }

    /// A number cut to "$1,2…" reads as a different number; when even the text columns cannot make
    /// room, numbers show as "###" the way spreadsheets do.
    @Test func numbersAreNeverCutIntoAMisleadingPrefix() {
        let table = ResultTable(
            columns: [Fixtures.dimension("p.name"), Fixtures.measure("p.total", type: "sum", valueFormatName: "usd")],
            rows: [[.string("a fairly long product name"), .decimal("1234567.25")], [.string("b"), .int(3)]])
        let roomy = Renderer.render(table, as: .table, options: RenderOptions(maxWidth: 20)).split(separator: "\n")
        #expect(roomy[2].hasSuffix("$1,234,567.25"))
        #expect(roomy[2].contains("…"))
        let cramped = Renderer.render(table, as: .table, options: RenderOptions(maxWidth: 12)).split(separator: "\n")
        #expect(cramped.allSatisfy { TextWidth.of(String($0)) <= 12 })
        #expect(cramped[2] == "a … │ ######")
        #expect(cramped[3].hasSuffix("$3.00"))
    }

    @Test func pivotsAreColumnGroupsUnderTheirPivotValue() {
        let table = ResultTable.pivoting(
            dimensions: [Fixtures.dimension("orders.status")], pivots: [Fixtures.dimension("orders.channel")],
            measures: [Fixtures.measure("orders.count")],
            rows: [
                [.string("complete"), .string("web"), .int(3)],
                [.string("complete"), .string("a much longer channel"), .int(5)],
                [.string("pending"), .string("web"), .int(1)],
            ],
            pivotTotals: [[.string("web"), .int(4)], [.string("a much longer channel"), .int(5)]],
            rowTotals: [[.string("complete"), .int(8)], [.string("pending"), .int(1)]],
            grandTotals: [.int(9)])
        let text = Renderer.render(table, as: .table)
        #expect(text == """
            Orders Channel │ web          │ a much longer channel │ Row Total
            Orders Status  │ Orders Count │          Orders Count │ Orders Count
            ───────────────┼──────────────┼───────────────────────┼─────────────
            complete       │            3 │                     5 │            8
            pending        │            1 │                     ∅ │            1
            ───────────────┼──────────────┼───────────────────────┼─────────────
            Total          │            4 │                     5 │            9

            """)
    }

    @Test func controlCharactersNeverBreakLines() {
        let table = ResultTable(columns: [Fixtures.dimension("t.s")], rows: [[.string("two\nlines\tand\u{1B}[31mescape")]])
        let lines = Renderer.render(table, as: .table).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(!lines[2].contains("\u{1B}"))
    }

    @Test func colorWrapsHeadersAndNullsOnly() {
        let table = ResultTable(columns: [Fixtures.dimension("t.s")], rows: [[.null], [.string("x")]])
        let text = Renderer.render(table, as: .table, options: RenderOptions(color: true))
        #expect(text.contains("\u{1B}[1mT S\u{1B}[0m"))
        #expect(text.contains("\u{1B}[2m∅\u{1B}[0m"))
        #expect(text.contains("\nx\n"))
    }

    @Test func notesFollowTheTable() {
        let table = ResultTable(columns: [Fixtures.measure("t.n")], rows: [], notes: ["showing the first 50 of 73 pivot values"])
        let text = Renderer.render(table, as: .table)
        #expect(text.hasSuffix("(no rows)\nNote: showing the first 50 of 73 pivot values\n"))
    }
}
