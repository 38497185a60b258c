import Presentation
import SemanticModel
import Testing
import Warehouse

@Suite("Markdown and HTML output")
struct MarkupRendererTests {
    let table = ResultTable(
        columns: [Fixtures.dimension("t.name"), Fixtures.measure("t.total", type: "sum", valueFormatName: "usd")],
        rows: [[.string("a|b <script>alert('x')</script> & \"q\""), .decimal("1234.5")], [.null, .int(2)]],
        totals: [.null, .decimal("1236.5")])

    @Test func markdownEscapesPipesAndRightAlignsNumbers() {
        #expect(Renderer.render(table, as: .markdown) == """
            | T Name | T Total |
            | --- | --: |
            | a\\|b \\<script\\>alert('x')\\</script\\> & "q" | $1,234.50 |
            | ∅ | $2.00 |
            | **Total** | **$1,236.50** |

            """)
    }

    @Test func htmlEscapesEverythingAndKeepsStylesInline() {
        let html = Renderer.render(table, as: .html)
        #expect(html.contains("a|b &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<style"))
        #expect(html.contains("text-align:right\">$1,234.50</td>"))
        #expect(html.contains("<tfoot>"))
        #expect(html.hasPrefix("<table style="))
    }

    @Test func htmlPivotHeadersSpanTheirMeasures() {
        let pivoted = ResultTable.pivoting(
            dimensions: [Fixtures.dimension("o.status")], pivots: [Fixtures.dimension("o.channel")],
            measures: [Fixtures.measure("o.count"), Fixtures.measure("o.total", type: "sum")],
            rows: [[.string("a"), .string("web"), .int(1), .int(2)]])
        let html = Renderer.render(pivoted, as: .html)
        #expect(html.contains("colspan=\"2\" style=\"border:1px solid #d0d7de;padding:4px 8px;background:#f6f8fa;font-weight:600;text-align:center\">web</th>"))
        #expect(Renderer.render(pivoted, as: .markdown).hasPrefix("| O Status | O Count (web) | O Total (web) |"))
    }
}
