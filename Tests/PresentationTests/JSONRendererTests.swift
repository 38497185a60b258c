import Foundation
import Presentation
import SemanticModel
import Testing
import Warehouse

@Suite("JSON output")
struct JSONRendererTests {
    func parse(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        return try #require(object as? [String: Any])
    }

    @Test func rawValuesParseBackExactly() throws {
        let columns = [
            Fixtures.dimension("orders.status"),
            Fixtures.dimension("orders.created_month", type: "date_month", timeframe: "month"),
            Fixtures.dimension("orders.created_date", type: "date_date", timeframe: "date"),
            Fixtures.dimension("orders.created_time", type: "date_time", timeframe: "time"),
            Fixtures.dimension("orders.is_paid", type: "yesno"),
            Fixtures.measure("orders.count"),
            Fixtures.measure("orders.total", type: "sum", valueFormatName: "usd"),
            Fixtures.measure("orders.avg", type: "average"),
        ]
        let hostile = "quote\" backslash\\ newline\n tab\t bell\u{07} 日本語 👩‍👩‍👧 é"
        let stamp = LocalDateTime(date: LocalDate(year: 2024, month: 5, day: 17), hour: 23, minute: 59, second: 58, nanosecond: 5)
        let table = ResultTable(columns: columns, rows: [
            [.string(hostile), Fixtures.date(2024, 5, 1), Fixtures.date(2024, 5, 17), .timestamp(stamp), .bool(true),
             .int(9_007_199_254_740_993), .decimal("12345678901234567890.50"), .double(0.1)],
            [.null, .null, .null, .null, .int(0), .int(-3), .decimal("-0.5"), .double(.nan)],
        ], totals: [.null, .null, .null, .null, .null, .int(42), .decimal("1.10"), .null])
        let text = Renderer.render(table, as: .json, options: RenderOptions())

        // Decimals are printed digit for digit, not through a double.
        #expect(text.contains("\"orders.total\": 12345678901234567890.50"))
        #expect(text.contains("\"orders.count\": 9007199254740993"))

        let json = try parse(text)
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["orders.status"] as? String == hostile)
        #expect(rows[0]["orders.created_month"] as? String == "2024-05")
        #expect(rows[0]["orders.created_date"] as? String == "2024-05-17")
        #expect(rows[0]["orders.created_time"] as? String == "2024-05-17 23:59:58")
        #expect(rows[0]["orders.is_paid"] as? String == "Yes")
        #expect((rows[0]["orders.count"] as? NSNumber)?.int64Value == 9_007_199_254_740_993)
        #expect((rows[0]["orders.avg"] as? NSNumber)?.doubleValue == 0.1)
        #expect(rows[1]["orders.status"] is NSNull)
        #expect(rows[1]["orders.is_paid"] as? String == "No")
        #expect((rows[1]["orders.total"] as? NSNumber)?.doubleValue == -0.5)
        #expect(rows[1]["orders.avg"] is NSNull)

        let totals = try #require(json["totals"] as? [String: Any])
        #expect(Set(totals.keys) == ["orders.count", "orders.total", "orders.avg"])
        #expect((totals["orders.count"] as? NSNumber)?.intValue == 42)

        let fields = try #require(json["fields"] as? [[String: Any]])
        #expect(fields.map { $0["name"] as? String } == columns.map(\.name))
        #expect(fields[0]["label"] as? String == "Orders Status")
        #expect(fields[0]["kind"] as? String == "dimension")
        #expect(fields[5]["kind"] as? String == "measure")
        #expect(fields[6]["type"] as? String == "sum")
    }

    @Test func noTotalsKeyWithoutTotalsAndFieldsInColumnOrder() throws {
        let table = ResultTable(columns: [Fixtures.measure("orders.count"), Fixtures.dimension("orders.status")], rows: [[.int(1), .string("a")]])
        let json = try parse(Renderer.render(table, as: .json))
        #expect((json["fields"] as? [[String: Any]])?.map { $0["name"] as? String } == ["orders.count", "orders.status"])
        #expect(json["totals"] == nil)
        #expect(json["pivots"] == nil)
        #expect((json["rows"] as? [[String: Any]])?.count == 1)
    }

    @Test func emptyResultIsStillOneObject() throws {
        let table = ResultTable(columns: [Fixtures.measure("orders.count")], rows: [])
        let json = try parse(Renderer.render(table, as: .json))
        #expect((json["rows"] as? [Any])?.isEmpty == true)
    }

    @Test func pivotedMeasuresAreObjectsKeyedByPivotText() throws {
        let rows: [[Value]] = [
            [.string("complete"), .string("web"), .int(3)],
            [.string("complete"), .string("mobile"), .int(5)],
            [.string("pending"), .string("web"), .int(1)],
        ]
        let table = ResultTable.pivoting(
            dimensions: [Fixtures.dimension("orders.status")], pivots: [Fixtures.dimension("orders.channel")],
            measures: [Fixtures.measure("orders.count")], rows: rows,
            pivotTotals: [[.string("web"), .int(4)], [.string("mobile"), .int(5)]],
            rowTotals: [[.string("complete"), .int(8)], [.string("pending"), .int(1)]], grandTotals: [.int(9)])
        let text = Renderer.render(table, as: .json)
        let json = try parse(text)
        #expect(json["pivots"] as? [String] == ["web", "mobile"])
        let rows0 = try #require((json["rows"] as? [[String: Any]])?.first)
        #expect(rows0["orders.status"] as? String == "complete")
        let counts = try #require(rows0["orders.count"] as? [String: Any])
        #expect((counts["web"] as? NSNumber)?.intValue == 3)
        #expect((counts["mobile"] as? NSNumber)?.intValue == 5)
        #expect((counts["$$$_row_total_$$$"] as? NSNumber)?.intValue == 8)
        let second = try #require((json["rows"] as? [[String: Any]])?.last?["orders.count"] as? [String: Any])
        #expect(second["mobile"] is NSNull)
        let totals = try #require((json["totals"] as? [String: Any])?["orders.count"] as? [String: Any])
        #expect((totals["web"] as? NSNumber)?.intValue == 4)
        #expect((totals["$$$_row_total_$$$"] as? NSNumber)?.intValue == 9)
        let fields = try #require(json["fields"] as? [[String: Any]])
        #expect(fields.map { $0["name"] as? String } == ["orders.status", "orders.channel", "orders.count"])
        #expect(fields[1]["pivot"] as? Bool == true)
    }

    @Test func oddDecimalSpellingsBecomeValidNumbersOrNull() throws {
        let table = ResultTable(columns: [Fixtures.measure("t.a"), Fixtures.measure("t.b"), Fixtures.measure("t.c"), Fixtures.measure("t.d")],
            rows: [[.decimal(".5"), .decimal("+7"), .decimal("NaN"), .decimal("1E3")]])
        let row = try #require((try parse(Renderer.render(table, as: .json))["rows"] as? [[String: Any]])?.first)
        #expect((row["t.a"] as? NSNumber)?.doubleValue == 0.5)
        #expect((row["t.b"] as? NSNumber)?.intValue == 7)
        #expect(row["t.c"] is NSNull)
        #expect((row["t.d"] as? NSNumber)?.intValue == 1000)
    }

    @Test func everyControlCharacterIsEscaped() throws {
        let all = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init))) + "\"\\/\u{7F}\u{2028}"
        let table = ResultTable(columns: [Fixtures.dimension("t.s")], rows: [[.string(all)]])
        let text = Renderer.render(table, as: .json)
        let row = try #require((try parse(text)["rows"] as? [[String: Any]])?.first)
        #expect(row["t.s"] as? String == all)
        #expect(!text.utf8.contains { $0 < 0x20 && $0 != 10 })
    }
}
