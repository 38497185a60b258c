import Foundation
import Presentation
import SpyglassCore
import Testing
import Warehouse

/// Every demo dashboard in every format, each read back by an independent parser.
@Suite("Rendering the demo dashboards")
struct ReportRenderingTests {
    /// Both demo dashboards, so a loop over none cannot pass.
    @Test func everyDashboardRunsEveryTileInOrder() throws {
        let reports = DemoReports.all
        #expect(reports.map(\.dashboard.name).sorted() == ["business_health", "product_usage"])
        for demo in reports {
            #expect(demo.outcomes.map(\.element.name) == demo.dashboard.elements.map(\.name))
            for outcome in demo.outcomes {
                #expect(outcome.error == nil, "\(outcome.error?.message ?? "")")
                let table = try #require(outcome.table, "tile \(outcome.element.name) has no rows")
                #expect(!table.rows.isEmpty, "tile \(outcome.element.name) is empty")
            }
        }
    }

    /// Running tiles in parallel gives what running each alone gives.
    @Test func parallelRunMatchesOneByOne() throws {
        let workspace = try #require(DemoReports.workspace)
        let demo = try #require(DemoReports.all.first { $0.dashboard.name == "product_usage" })
        for outcome in demo.outcomes {
            let alone = try workspace.run(try workspace.spec(for: outcome.element, in: demo.dashboard))
            #expect(alone.rows == outcome.table?.rows, "tile \(outcome.element.name)")
        }
    }

    @Test(arguments: [false, true]) func textFitsInOneHundredColumns(ascii: Bool) throws {
        for demo in DemoReports.all {
            let text = ReportRenderer.text(demo.report, ascii: ascii)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                #expect(TextWidth.of(String(line)) <= 100, "\(demo.dashboard.name): \(line)")
            }
            if ascii { #expect(text.utf8.allSatisfy { $0 < 128 }) }
            for tile in demo.report.tiles { #expect(text.contains(tile.title)) }
            #expect(text.contains("Generated 2026-11-21 07:00 UTC"))
        }
    }

    /// The change against the previous period, checked against the tile's own two rows.
    @Test func singleValuesShowTheChangeAgainstThePreviousPeriod() throws {
        var checked = 0
        for demo in DemoReports.all {
            let text = ReportRenderer.text(demo.report)
            let ascii = ReportRenderer.text(demo.report, ascii: true)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(ReportRenderer.json(demo.report).utf8)) as? [String: Any])
            let tiles = try #require(json["tiles"] as? [[String: Any]])
            for (index, tile) in demo.report.tiles.enumerated() where tile.type == "single_value" {
                let table = try #require(tile.table)
                let measure = try #require(table.columns.firstIndex { $0.isMeasure })
                let now = try #require(Self.number(table.rows[0][measure]))
                let before = try #require(Self.number(table.rows[1][measure]))
                let change = (now - before) / abs(before) * 100
                // Percentages and scores (type: number, not money) change in points; the rest relatively.
                let field = table.columns[measure].field
                let format = field?.valueFormat ?? ""
                let points = format.contains("%") ? (now - before) * 100 : field?.type == "number" && !format.contains("$") ? now - before : nil
                let shown = points ?? change
                let digits = String(format: "%.1f", abs(shown)) + (points == nil ? "%" : " pts")
                #expect(text.contains((shown >= 0 ? "+" : "\u{2212}") + digits + " vs "), "\(tile.name)")
                #expect(ascii.contains((shown >= 0 ? "+" : "-") + digits + " vs "), "\(tile.name)")
                #expect(text.contains(ValueFormatter.format(table.rows[0][measure], for: table.columns[measure])))
                let reported = try #require(tiles[index]["change_percent"] as? Double)
                #expect(abs(reported - change) < 0.051)
                checked += 1
            }
        }
        #expect(checked == 7)
    }

    @Test func barChartsDrawBarsAndLineChartsSparklines() throws {
        let demo = try #require(DemoReports.all.first { $0.dashboard.name == "business_health" })
        let text = ReportRenderer.text(demo.report)
        let bars = try #require(text.range(of: "Tickets by Category (2026)\n"))
        let barTile = text[bars.upperBound...].prefix(2_000)
        #expect(barTile.contains("████"))
        let lines = try #require(text.range(of: "Active Servers by Month and Edition\n"))
        let lineTile = text[lines.upperBound...].prefix(1_000)
        #expect(lineTile.contains { "▁▂▃▄▅▆▇█".contains($0) })
        #expect(lineTile.contains("enterprise"))
    }

    @Test func markdownHasAHeadingPerTileAndTables() {
        for demo in DemoReports.all {
            let markdown = ReportRenderer.markdown(demo.report)
            #expect(markdown.hasPrefix("# \(demo.report.title)\n"))
            for tile in demo.report.tiles { #expect(markdown.contains("\n## \(tile.title)\n")) }
            #expect(markdown.contains("| --- |") || markdown.contains("| --: |"))
        }
    }

    /// One well-formed document (checked by Python's HTML parser), inline styles only.
    @Test func htmlIsOneSelfContainedDocument() throws {
        let checker = #"""
import sys, json
from html.parser import HTMLParser
VOID = {"meta", "br", "img", "hr", "link", "input"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.stack = []; self.errors = []; self.counts = {}; self.unstyled = 0
    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag in ("td", "th", "table", "h1", "h2", "p", "body") and not dict(attrs).get("style"):
            self.unstyled += 1
        if tag not in VOID: self.stack.append(tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag: self.errors.append("unexpected </%s> in %s" % (tag, self.stack[-3:]))
        else: self.stack.pop()
p = P(); p.feed(sys.stdin.read()); p.close()
print(json.dumps({"errors": p.errors[:5], "open": p.stack, "counts": p.counts, "unstyled": p.unstyled}))
"""#
        for demo in DemoReports.all {
            let html = ReportRenderer.html(demo.report)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html"))
            #expect(!html.contains("<style"))
            #expect(!html.contains("<script"))
            #expect(!html.contains("<link"))
            #expect(!html.contains("class="))
            let result = try #require(try Python.json(checker, input: Data(html.utf8)) as? [String: Any])
            #expect((result["errors"] as? [String]) == [])
            #expect((result["open"] as? [String]) == [])
            let counts = try #require(result["counts"] as? [String: Int])
            #expect(counts["html"] == 1 && counts["body"] == 1 && counts["head"] == 1)
            #expect(counts["h2"] == demo.report.tiles.count)
            #expect((result["unstyled"] as? Int) == 0)
            // Bars are table cells with widths.
            if demo.report.tiles.contains(where: { $0.type == "looker_bar" }) {
                #expect(html.contains("<td style=\"width:100%;height:14px;background:#4c78a8\"></td>"))
            }
        }
    }

    /// Every query tile as a `# Title` line and RFC 4180 CSV (read by Python's csv module), tiles
    /// separated by a blank line.
    @Test func csvOfAllTilesAndOfOneTile() throws {
        let reader = #"""
import sys, csv, io, json
text = sys.stdin.buffer.read().decode("utf-8")
sections = text.split("\r\n\r\n")
out = []
for s in sections:
    title, _, body = s.partition("\r\n")
    rows = list(csv.reader(io.StringIO(body, newline="")))
    out.append({"title": title, "rows": len(rows), "header": rows[0] if rows else []})
print(json.dumps(out))
"""#
        for demo in DemoReports.all {
            let csv = try #require(ReportRenderer.csv(demo.report))
            let sections = try #require(try Python.json(reader, input: Data(csv.utf8)) as? [[String: Any]])
            let tiles = demo.report.queryTiles
            #expect(sections.count == tiles.count)
            for (section, tile) in zip(sections, tiles) {
                #expect(section["title"] as? String == "# \(tile.title)")
                #expect(section["rows"] as? Int == tile.table!.rows.count + 1)
                #expect(section["header"] as? [String] == tile.table!.columns.map(\.qualifiedKey))
            }
            let one = try #require(tiles.last)
            #expect(ReportRenderer.csv(demo.report, tile: one.name) == CSVWriter.text(of: one.table!))
            #expect(ReportRenderer.csv(demo.report, tile: "no_such_tile") == nil)
        }
    }

    @Test func jsonHoldsEveryTileWithItsQueryResult() throws {
        for demo in DemoReports.all {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(ReportRenderer.json(demo.report).utf8)) as? [String: Any])
            #expect(object["dashboard"] as? String == demo.dashboard.name)
            let tiles = try #require(object["tiles"] as? [[String: Any]])
            #expect(tiles.map { $0["name"] as? String } == demo.report.tiles.map(\.name))
            for (json, tile) in zip(tiles, demo.report.tiles) {
                let result = try #require(json["result"] as? [String: Any])
                #expect((result["rows"] as? [Any])?.count == tile.table?.rows.count)
            }
        }
    }

    static func number(_ value: Value) -> Double? {
        switch value {
        case .int(let i): Double(i)
        case .double(let d): d
        case .decimal(let s): Double(s)
        default: nil
        }
    }
}

extension CSVWriter {
    /// The whole table as CSV through the public streaming writer (what `--tile` must print).
    static func text(of table: ResultTable) -> String {
        var text = ""
        let writer = CSVWriter(columns: table.columns, write: { text += $0 })
        for row in table.rows { writer.writeRow(row) }
        writer.flush()
        return text
    }
}
