import Foundation
import Presentation
import SemanticModel
import Testing
import Warehouse

@Suite("CSV output")
struct CSVWriterTests {
    /// An independent RFC 4180 reader, so the round trip checks the writer against the standard.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { inQuotes = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\r" && chars.first == "\n" {
                chars.removeFirst()
                record.append(field); field = ""
                records.append(record); record = []
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    @Test func hostileTextRoundTrips() {
        let hostile = [
            "plain", "comma, inside", "quote \" inside", "\"starts and ends with quotes\"", "line\nbreak",
            "carriage\r\nreturn", "日本語テキスト", "👩‍👩‍👧 family", "e\u{301}", "", " padded ", "a,\"b\"\n,c",
        ]
        let columns = [Fixtures.dimension("t.text"), Fixtures.measure("t.n")]
        var text = ""
        let writer = CSVWriter(columns: columns, write: { text += $0 })
        for (i, s) in hostile.enumerated() { writer.writeRow([.string(s), .int(Int64(i))]) }
        writer.flush()
        let records = CSVWriterTests.parseCSV(text)
        #expect(records.first == ["t.text", "t.n"])
        #expect(records.dropFirst().map { $0[0] } == hostile)
        #expect(records.dropFirst().map { $0[1] } == hostile.indices.map(String.init))
        #expect(text.hasSuffix("\r\n"))
    }

    @Test func rawValuesNullEmptyAndTimeframes() {
        let columns = [
            Fixtures.dimension("o.created_month", type: "date_month", timeframe: "month"),
            Fixtures.dimension("o.created_time", type: "date_time", timeframe: "time"),
            Fixtures.dimension("o.paid", type: "yesno"),
            Fixtures.measure("o.total", type: "sum", valueFormatName: "usd"),
            Fixtures.measure("o.avg", type: "average"),
            Fixtures.measure("o.count"),
        ]
        let stamp = LocalDateTime(date: LocalDate(year: 2024, month: 1, day: 2), hour: 3, minute: 4, second: 5)
        let table = ResultTable(columns: columns, rows: [
            [Fixtures.date(2024, 5, 1), .timestamp(stamp), .bool(true), .decimal("1234.50"), .double(2.5), .int(-7)],
            [.null, .null, .int(0), .null, .double(3), .int(Int64.min)],
        ], totals: [.null, .null, .null, .decimal("1234.50"), .double(2.75), .int(1)])
        let csv = Renderer.render(table, as: .csv)
        #expect(csv == """
            o.created_month,o.created_time,o.paid,o.total,o.avg,o.count\r
            2024-05,2024-01-02 03:04:05,Yes,1234.50,2.5,-7\r
            ,,No,,3,-9223372036854775808\r
            Total,,,1234.50,2.75,1\r

            """)
    }

    @Test func pivotColumnsAreNamedByFieldAndPivotValue() {
        let table = ResultTable.pivoting(
            dimensions: [Fixtures.dimension("o.status")], pivots: [Fixtures.dimension("o.channel")],
            measures: [Fixtures.measure("o.count")],
            rows: [[.string("a"), .string("web"), .int(1)], [.string("a"), .string("x,y"), .int(2)]])
        let header = CSVWriterTests.parseCSV(Renderer.render(table, as: .csv)).first
        #expect(header == ["o.status", "o.count|web", "o.count|x,y"])
    }

    @Test func largeOutputArrivesInChunksAndFlushesOnRelease() {
        var chunks = 0
        var bytes = 0
        do {
            let writer = CSVWriter(columns: [Fixtures.measure("t.n")], writeBytes: { chunk in
                chunks += 1
                bytes += chunk.count
            })
            for i in 0..<100_000 { writer.writeRow([.int(Int64(i))]) }
        }  // no flush(): releasing the writer hands out the rest
        let expected = 5 + (0..<100_000).reduce(0) { $0 + String($1).utf8.count + 2 }
        #expect(bytes == expected)
        #expect(chunks > 1)
    }

    /// Throughput of the streaming path: 1M rows × 5 columns. Meaningful in a release build
    /// (`swift test -c release --filter CSVWriterTests`); the figure is printed, and a floor guards
    /// against accidental quadratic work.
    @Test func throughputOfAMillionRows() {
        let columns = [
            Fixtures.dimension("t.name"), Fixtures.dimension("t.day", type: "date_date", timeframe: "date"),
            Fixtures.measure("t.count"), Fixtures.measure("t.total", type: "sum"), Fixtures.measure("t.avg", type: "average"),
        ]
        let names: [Value] = ["alpha", "beta, with comma", "gamma \"quoted\"", "delta", "日本"].map { .string($0) }
        var bytes = 0
        let writer = CSVWriter(columns: columns, writeBytes: { bytes += $0.count })
        let rowCount = 1_000_000
        let clock = ContinuousClock()
        var row: [Value] = [.null, .null, .null, .null, .null]
        let elapsed = clock.measure {
            for i in 0..<rowCount {
                row[0] = names[i % 5]
                row[1] = .date(LocalDate(year: 2024, month: 1 + i % 12, day: 1 + i % 28))
                row[2] = .int(Int64(i))
                row[3] = .decimal("12345.67")
                row[4] = .double(Double(i) / 7)
                writer.writeRow(row)
            }
            writer.flush()
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = Double(rowCount) / seconds
        print("CSVWriter: \(rowCount) rows × 5 columns in \(String(format: "%.2f", seconds)) s = \(Int(rate)) rows/s, \(bytes / 1_000_000) MB")
        #expect(bytes > 40_000_000)
        #expect(rate > 50_000)
    }
}
