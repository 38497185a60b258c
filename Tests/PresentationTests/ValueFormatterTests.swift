import Presentation
import SemanticModel
import Testing
import Warehouse

@Suite("Value formats")
struct ValueFormatterTests {
    /// Looker's documented examples: 1234.56789 for numbers, 0.123456 for percents.
    @Test(arguments: [
        ("decimal_0", "1,235"), ("decimal_1", "1,234.6"), ("decimal_2", "1,234.57"),
        ("decimal_3", "1,234.568"), ("decimal_4", "1,234.5679"),
        ("usd", "$1,234.57"), ("usd_0", "$1,235"), ("gbp", "£1,234.57"), ("gbp_0", "£1,235"),
        ("eur", "€1,234.57"), ("eur_0", "€1,235"), ("id", "1235"),
    ])
    func everyNumericFormatName(name: String, expected: String) {
        #expect(ValueFormatter.format(.decimal("1234.56789"), for: Fixtures.named(name)) == expected)
        #expect(ValueFormatter.format(.double(1234.56789), for: Fixtures.named(name)) == expected)
    }

    @Test(arguments: [
        ("percent_0", "12%"), ("percent_1", "12.3%"), ("percent_2", "12.35%"),
        ("percent_3", "12.346%"), ("percent_4", "12.3456%"),
    ])
    func everyPercentFormatName(name: String, expected: String) {
        #expect(ValueFormatter.format(.double(0.123456), for: Fixtures.named(name)) == expected)
        #expect(ValueFormatter.format(.decimal("0.123456"), for: Fixtures.named(name)) == expected)
    }

    @Test func formatNamesOnNegativesIntegersAndZero() {
        #expect(ValueFormatter.format(.decimal("-1234.5"), for: Fixtures.named("usd")) == "-$1,234.50")
        #expect(ValueFormatter.format(.int(-1_234_567), for: Fixtures.named("decimal_0")) == "-1,234,567")
        #expect(ValueFormatter.format(.int(0), for: Fixtures.named("usd")) == "$0.00")
        #expect(ValueFormatter.format(.int(1), for: Fixtures.named("percent_1")) == "100.0%")
        #expect(ValueFormatter.format(.int(9_007_199_254_740_993), for: Fixtures.named("id")) == "9007199254740993")
        // A tiny negative that rounds to zero shows no minus sign.
        #expect(ValueFormatter.format(.double(-0.001), for: Fixtures.named("decimal_2")) == "0.00")
    }

    /// Decimals round on their exact digits, half away from zero; a double would make 1.005 → 1.00.
    @Test func decimalsRoundExactly() {
        #expect(ValueFormatter.format(.decimal("1.005"), for: Fixtures.named("decimal_2")) == "1.01")
        #expect(ValueFormatter.format(.decimal("-1.005"), for: Fixtures.named("decimal_2")) == "-1.01")
        #expect(ValueFormatter.format(.decimal("999.995"), for: Fixtures.named("usd")) == "$1,000.00")
        #expect(ValueFormatter.format(.decimal("12345678901234567890.125"), for: Fixtures.named("decimal_2"))
            == "12,345,678,901,234,567,890.13")
    }

    @Test(arguments: [
        // (pattern, value, expected)
        ("$#,##0.00", "1234.5", "$1,234.50"),
        ("$#,##0.00", "-1234.5", "-$1,234.50"),
        ("#,##0", "1234567.89", "1,234,568"),
        ("#,##0", "-999.5", "-1,000"),
        ("0.0%", "0.1234", "12.3%"),
        ("0%", "-0.005", "-1%"),
        ("0.00,\"K\"", "1234567", "1234.57K"),
        ("0.00,,\"M\"", "1234567", "1.23M"),
        ("#,##0,\"K\"", "1234567", "1,235K"),
        ("\"€\"#,##0", "1234.5", "€1,235"),
        ("00000", "501", "00501"),
        ("0.##", "1", "1"),
        ("0.##", "1.2", "1.2"),
        ("0.##", "1.234", "1.23"),
        ("00#.00", "1.234", "001.23"),
        ("0 \"String\"", "123", "123 String"),
        ("$#.00;($#.00)", "-12.3", "($12.30)"),
        ("$#.00;($#.00)", "12.3", "$12.30"),
        ("0;-0;\"zero\"", "0", "zero"),
        ("0\\%", "1", "1%"),
        ("0.00E+00", "12345", "1.23E+04"),
        ("0.00E+00", "0.000123", "1.23E-04"),
        ("[$£-809]#,##0.00", "1234", "£1,234.00"),
        ("[Red]#,##0", "1234", "1,234"),
        ("(###) ###-####", "5551234567", "(555) 123-4567"),
    ])
    func excelFormats(pattern: String, value: String, expected: String) {
        #expect(ValueFormatter.format(.decimal(value), for: Fixtures.excel(pattern)) == expected)
    }

    @Test(arguments: [
        (1_234_567.0, "1.2M"), (123_456.0, "123.5K"), (999.0, "999"), (1000.0, "1.0K"), (-5.0, "-5"),
        (999_999.0, "1000.0K"),
    ])
    func conditionalScaling(value: Double, expected: String) {
        let column = Fixtures.excel("[>=1000000]0.0,,\"M\";[>=1000]0.0,\"K\";0")
        #expect(ValueFormatter.format(.double(value), for: column) == expected)
    }

    @Test func valueFormatWinsOverFormatName() {
        var field = Fixtures.field("t.m", kind: .measure, type: "sum", valueFormat: "0.0", valueFormatName: "usd")
        #expect(ValueFormatter.format(.int(5), for: ResultTable.Column(field: field)) == "5.0")
        field.valueFormat = nil
        #expect(ValueFormatter.format(.int(5), for: ResultTable.Column(field: field)) == "$5.00")
        field.valueFormatName = "not_a_format"
        #expect(ValueFormatter.format(.int(5000), for: ResultTable.Column(field: field)) == "5,000")
    }

    @Test func withoutFormatMeasuresGroupThousandsAndDimensionsDoNot() {
        #expect(ValueFormatter.format(.int(1_234_567), for: Fixtures.measure("o.count")) == "1,234,567")
        #expect(ValueFormatter.format(.decimal("-1234.50"), for: Fixtures.measure("o.total", type: "sum")) == "-1,234.50")
        #expect(ValueFormatter.format(.int(2024), for: Fixtures.dimension("o.year", type: "number")) == "2024")
        #expect(ValueFormatter.format(.double(0.1), for: Fixtures.measure("o.avg", type: "average")) == "0.1")
        #expect(ValueFormatter.format(.double(1e-7), for: Fixtures.measure("o.avg", type: "average")) == "0.0000001")
    }

    @Test func nullIsDistinctFromEmptyText() {
        #expect(ValueFormatter.format(.null, for: Fixtures.dimension("o.status")) == "∅")
        #expect(ValueFormatter.format(.string(""), for: Fixtures.dimension("o.status")) == "")
        #expect(ValueFormatter.format(.null, for: Fixtures.named("usd")) == "∅")
    }

    @Test func textPassesThroughNumberFormatsUnlessTheyHaveATextSection() {
        #expect(ValueFormatter.format(.string("n/a"), for: Fixtures.dimension("o.status")) == "n/a")
        var field = Fixtures.field("o.status", valueFormat: "0;-0;0;\"[\"@\"]\"")
        #expect(ValueFormatter.format(.string("web"), for: ResultTable.Column(field: field)) == "[web]")
        field.valueFormat = "0.00"
        #expect(ValueFormatter.format(.string("web"), for: ResultTable.Column(field: field)) == "web")
        // A number column whose values arrive as text (SQLite) is still formatted as numbers.
        let numeric = Fixtures.field("o.total", kind: .measure, type: "sum", valueFormatName: "usd")
        #expect(ValueFormatter.format(.string("12.5"), for: ResultTable.Column(field: numeric)) == "$12.50")
    }

    @Test func datesFollowTheTimeframe() {
        let may = Fixtures.date(2024, 5, 17)
        let stamp = Value.timestamp(LocalDateTime(date: LocalDate(year: 2024, month: 5, day: 17), hour: 9, minute: 5, second: 3))
        func column(_ timeframe: String) -> ResultTable.Column {
            Fixtures.dimension("o.created_\(timeframe)", type: "date_\(timeframe)", timeframe: timeframe)
        }
        #expect(ValueFormatter.format(may, for: column("date")) == "2024-05-17")
        #expect(ValueFormatter.format(may, for: column("week")) == "2024-05-17")
        #expect(ValueFormatter.format(may, for: column("month")) == "2024-05")
        #expect(ValueFormatter.format(may, for: column("quarter")) == "2024-Q2")
        #expect(ValueFormatter.format(may, for: column("year")) == "2024")
        #expect(ValueFormatter.format(stamp, for: column("time")) == "2024-05-17 09:05:03")
        #expect(ValueFormatter.format(stamp, for: column("hour")) == "2024-05-17 09")
        #expect(ValueFormatter.format(stamp, for: column("minute")) == "2024-05-17 09:05")
        #expect(ValueFormatter.format(stamp, for: column("month")) == "2024-05")
        #expect(ValueFormatter.format(.int(9), for: column("hour_of_day")) == "9")
        #expect(ValueFormatter.format(.string("Friday"), for: column("day_of_week")) == "Friday")
        #expect(ValueFormatter.format(stamp, for: Fixtures.dimension("o.x")) == "2024-05-17 09:05:03")
        #expect(ValueFormatter.format(Fixtures.date(7, 1, 2), for: Fixtures.dimension("o.x")) == "0007-01-02")
    }

    /// SQLite hands dates back as text; a month column must still read "2024-05", not "2024-05-01".
    @Test func datesAsTextAreCutToTheTimeframeToo() {
        let month = Fixtures.dimension("o.created_month", type: "date_month", timeframe: "month")
        let time = Fixtures.dimension("o.created_time", type: "date_time", timeframe: "time")
        #expect(ValueFormatter.format(.string("2024-05-01"), for: month) == "2024-05")
        #expect(ValueFormatter.format(.string("2024-05-01 13:14:15"), for: month) == "2024-05")
        #expect(ValueFormatter.format(.string("2024-05-01T13:14:15.123"), for: time) == "2024-05-01 13:14:15")
        #expect(ValueFormatter.format(.string("2024-05"), for: month) == "2024-05")
        #expect(ValueFormatter.format(.string("Q2, 2024"), for: month) == "Q2, 2024")
        let table = ResultTable(columns: [month, time], rows: [[.string("2024-05-01"), .string("not, a date")]])
        #expect(Renderer.render(table, as: .csv) == "o.created_month,o.created_time\r\n2024-05,\"not, a date\"\r\n")
        #expect(Renderer.render(table, as: .json).contains("{\"o.created_month\": \"2024-05\", \"o.created_time\": \"not, a date\"}"))
    }

    @Test func yesnoFromEveryDatabaseSpelling() {
        let column = Fixtures.dimension("o.is_paid", type: "yesno")
        #expect(ValueFormatter.format(.bool(true), for: column) == "Yes")
        #expect(ValueFormatter.format(.bool(false), for: column) == "No")
        #expect(ValueFormatter.format(.int(1), for: column) == "Yes")
        #expect(ValueFormatter.format(.int(0), for: column) == "No")
        #expect(ValueFormatter.format(.string("t"), for: column) == "Yes")
        #expect(ValueFormatter.format(.string("No"), for: column) == "No")
        #expect(ValueFormatter.format(.null, for: column) == "∅")
    }

    @Test func patternHelpersForOtherTargets() {
        #expect(ValueFormatter.pattern(forFormatName: "usd") == "$#,##0.00")
        #expect(ValueFormatter.pattern(forFormatName: "nope") == nil)
        #expect(ValueFormatter.format(.int(1500), pattern: "0.0,\"K\"") == "1.5K")
        #expect(ValueFormatter.format(.string("x"), pattern: "0") == nil)
    }
}

@Suite("Compiled column formats")
struct ColumnFormatterTests {
    @Test func sameTextAsValueFormatter() {
        let columns = [Fixtures.named("usd"), Fixtures.excel("[>=1000]0.0,\"K\";0"), Fixtures.dimension("o.s"),
                       Fixtures.dimension("o.m", type: "date_month", timeframe: "month")]
        let values: [Value] = [.int(1500), .decimal("-3.14159"), .null, .string("x"), Fixtures.date(2024, 2, 29), .double(12.5)]
        for column in columns {
            let compiled = ColumnFormatter(column)
            for value in values { #expect(compiled.format(value) == ValueFormatter.format(value, for: column)) }
        }
    }
}
