/// Which points of a series are outliers, by a robust rule: "spike" and "dip" mean a value far
/// from what its neighbours and its season make usual, not merely the largest bar.
///
/// - Categories (`ordered: false`): the modified z-score `0.6745·(x − median) / MAD` beyond ±3.5
///   (Iglewicz and Hoaglin). With a zero MAD (most values equal) the mean absolute deviation stands in.
/// - Time series (`ordered: true`): the same score on residuals from a centred running median of
///   five points, so a trend or a level shift is not an outlier but an isolated jump is; when the
///   series holds at least three full seasons (`season`, e.g. 12 for months, 7 for days), each
///   phase's usual offset is removed first, so December's peak or the weekend's low is not flagged.
///   A shift lasting several points (an outage week) moves the running median too: it is a level
///   change, not a point outlier, and is not marked.
/// - A point within 10% of the series' level of its expected value is never an outlier, and
///   at most one point in twelve is marked (the most extreme), so a lumpy series is not all spikes.
/// - Fewer than six present points: nothing is an outlier.
public enum Outliers {
    public enum Mark: Int, Sendable { case dip = -1, none = 0, spike = 1 }

    /// The threshold on the modified z-score.
    public static let threshold = 3.5

    public static func marks(_ values: [Double?], ordered: Bool, season: Int? = nil) -> [Mark] {
        let none = [Mark](repeating: .none, count: values.count)
        guard values.lazy.compactMap({ $0 }).count >= 6 else { return none }
        var residuals = values
        if ordered {
            var series = values
            if let season, season > 1, values.count >= 3 * season {
                // Season first: each phase's usual distance from the whole series' median.
                let center = median(values.compactMap { $0 })
                var phase = [[Double]](repeating: [], count: season)
                for (i, v) in values.enumerated() { if let v { phase[i % season].append(v) } }
                let effect = phase.map { $0.isEmpty ? 0 : median($0) - center }
                series = values.enumerated().map { i, v in v.map { $0 - effect[i % season] } }
            }
            let present = series.indices.filter { series[$0] != nil }
            let baseline = runningMedian(present.map { series[$0]! })
            for (k, i) in present.enumerated() { residuals[i] = series[i]! - baseline[k] }
        }
        let level = median(values.compactMap { $0.map(abs) })
        let scores = robustScores(residuals, minimumSpread: 0.1 * level * 0.6745 / threshold)
        var marks = scores.map { z -> Mark in
            guard let z else { return .none }
            return z > threshold ? .spike : z < -threshold ? .dip : .none
        }
        // Outliers are rare by definition: in a lumpy series (deals closing) keep the most extreme
        // one in twelve points, so "spike" still names the few that stand out.
        let flagged = marks.indices.filter { marks[$0] != .none }
        let cap = max(1, values.count / 12)
        if flagged.count > cap {
            for i in flagged.sorted(by: { abs(scores[$0]!) > abs(scores[$1]!) }).dropFirst(cap) { marks[i] = .none }
        }
        return marks
    }

    /// The modified z-score of each value, nil for missing ones; all zero when there is no spread.
    static func robustScores(_ values: [Double?], minimumSpread: Double) -> [Double?] {
        let present = values.compactMap { $0 }
        guard !present.isEmpty else { return values.map { _ in nil } }
        let center = median(present)
        var spread = median(present.map { abs($0 - center) })
        if spread == 0 {
            // Most points equal: z = (x − median) / (1.253314 · mean absolute deviation) (Iglewicz
            // and Hoaglin), written as the spread that gives that z in the formula below.
            spread = present.reduce(0) { $0 + abs($1 - center) } / Double(present.count) * 1.253314 * 0.6745
        }
        // A wiggle of a few percent of the series' level is never an outlier, however flat the rest.
        spread = max(spread, minimumSpread)
        guard spread > 0 else { return values.map { $0.map { _ in 0 } } }
        return values.map { $0.map { 0.6745 * ($0 - center) / spread } }
    }

    /// A running median of five points (three next to the ends), with Tukey's end-point rule at the
    /// ends (the median of the end value, its neighbour's smooth and the line through the next two
    /// smooths), so a steady trend leaves no residual at its first or last point.
    static func runningMedian(_ v: [Double]) -> [Double] {
        let n = v.count
        guard n >= 5 else { return v }
        var b = v
        for i in 1..<(n - 1) {
            let r = (i == 1 || i == n - 2) ? 1 : 2
            b[i] = median(Array(v[(i - r)...(i + r)]))
        }
        b[0] = median([v[0], b[1], 3 * b[1] - 2 * b[2]])
        b[n - 1] = median([v[n - 1], b[n - 2], 3 * b[n - 2] - 2 * b[n - 3]])
        return b
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The season length of a time field's timeframe: 12 for months, 4 for quarters, 7 for days.
    public static func season(forTimeframe timeframe: String?) -> Int? {
        switch timeframe {
        case "month": 12
        case "quarter": 4
        case "date", "day": 7
        case "week": 52
        default: nil
        }
    }
}
