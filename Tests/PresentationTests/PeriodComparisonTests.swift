import Presentation
import SemanticModel
import Testing
import Warehouse

/// Single-value comparisons: LookML's `comparison_type`, `comparison_reverse_colors`,
/// `show_comparison_label`, and changes of percentages and scores in points (issue 13).
@Suite("Period comparison")
struct PeriodComparisonTests {
    static func make(_ now: Value, _ before: Value, _ column: ResultTable.Column, _ settings: [String: String] = [:]) -> PeriodComparison? {
        PeriodComparison.make(current: now, previous: before, previousPeriod: "2026-10", column: column,
                              style: ComparisonStyle(settings: settings))
    }

    /// Bug: NPS 14.6 → 20.4 read "+39.5%"; a manager expects the change in points.
    @Test func scoreChangesReadInPoints() {
        let nps = Fixtures.measure("nps.nps", type: "number", valueFormat: "0.0")
        #expect(Self.make(.double(20.4), .double(14.6), nps)?.text == "+5.8 pts vs 2026-10")
    }

    @Test func percentagesChangeInPointsTimesAHundred() {
        let rate = Fixtures.measure("servers.activation_rate", type: "number", valueFormat: "0.0%")
        #expect(Self.make(.double(0.412), .double(0.45), rate)?.text == "\u{2212}3.8 pts vs 2026-10")
    }

    @Test func countsAndMoneyChangeRelatively() {
        let count = Fixtures.measure("tickets.count", type: "count")
        #expect(Self.make(.int(251), .int(200), count)?.text == "+25.5% vs 2026-10")
        let money = Fixtures.measure("deals.avg", type: "number", valueFormat: "$#,##0")
        #expect(Self.make(.int(110), .int(100), money)?.text == "+10.0% vs 2026-10")
    }

    /// Bug: support tickets up 25.5% showed green. With `comparison_reverse_colors` a rise is bad news.
    @Test func reverseColorsMakeARiseBadNews() {
        let count = Fixtures.measure("tickets.count", type: "count")
        #expect(Self.make(.int(251), .int(200), count)?.tone == .good)
        #expect(Self.make(.int(251), .int(200), count, ["comparison_reverse_colors": "true"])?.tone == .bad)
        #expect(Self.make(.int(150), .int(200), count, ["comparison_reverse_colors": "true"])?.tone == .good)
        #expect(Self.make(.int(200), .int(200), count)?.tone == .neutral)
    }

    @Test func comparisonTypesAndLabels() {
        let count = Fixtures.measure("tickets.count", type: "count")
        #expect(Self.make(.int(150), .int(200), count, ["comparison_type": "value"])?.text == "2026-10: 200")
        #expect(Self.make(.int(150), .int(200), count, ["comparison_type": "progress"])?.text == "75.0% of 2026-10 (200)")
        #expect(Self.make(.int(150), .int(200), count, ["show_comparison_label": "false"])?.text == "\u{2212}25.0%")
        #expect(Self.make(.int(150), .int(200), count, ["comparison_label": "last month"])?.text == "\u{2212}25.0% vs last month")
        #expect(Self.make(.int(150), .int(200), count, ["show_comparison": "false"]) == nil)
    }
}

/// Spikes and dips by median/MAD, so the largest bar is not an outlier merely by being largest.
@Suite("Outliers")
struct OutlierTests {
    /// Bug: the largest bar got the "spike" colour without being an outlier.
    @Test func largestOfOrdinaryCategoriesIsNoSpike() {
        let bars: [Double?] = [120, 95, 80, 64, 50, 41, 33]
        #expect(Outliers.marks(bars, ordered: false).allSatisfy { $0 == .none })
    }

    @Test func isolatedJumpInATrendIsASpikeAndTheTrendIsNot() {
        var series: [Double?] = (0..<24).map { Double(100 + 5 * $0) }
        #expect(Outliers.marks(series, ordered: true).allSatisfy { $0 == .none })
        series[10] = 400
        series[17] = 20
        let marks = Outliers.marks(series, ordered: true)
        #expect(marks[10] == .spike)
        #expect(marks[17] == .dip)
        #expect(marks.enumerated().filter { $0.element != .none }.map(\.offset) == [10, 17])
    }

    /// A December peak every year is the season, not a spike, once three years are there.
    @Test func seasonalPeakIsNotASpike() {
        let series: [Double?] = (0..<36).map { $0 % 12 == 11 ? 300 : 100 + Double($0 % 3) }
        #expect(Outliers.marks(series, ordered: true, season: 12).allSatisfy { $0 == .none })
        var odd = series
        odd[20] = 320
        #expect(Outliers.marks(odd, ordered: true, season: 12)[20] == .spike)
    }

    @Test func shortSeriesHaveNoOutliers() {
        #expect(Outliers.marks([1, 1, 1, 1000, 1], ordered: false).allSatisfy { $0 == .none })
    }
}
