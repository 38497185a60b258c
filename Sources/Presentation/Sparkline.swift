/// A one-line trend drawn with block characters: `▁▂▃▄▅▆▇█` (ASCII: `_.-:=+*#`).
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = ["_", ".", "-", ":", "=", "+", "*", "#"]

    /// One character per value, the lowest value on the lowest level and the highest on the top one;
    /// nil (NULL, or NaN) leaves a gap (a space). With `width` smaller than the number of values, each
    /// character shows the mean of a run of consecutive values (gaps ignored). All-equal values sit on
    /// the middle level.
    public static func render(_ values: [Double?], width: Int? = nil, ascii: Bool = false) -> String {
        let values = values.map { v in v.flatMap { $0.isFinite ? $0 : nil } }
        let series = resample(values, to: width)
        let present = series.compactMap { $0 }
        guard let low = present.min(), let high = present.max() else {
            return String(repeating: " ", count: series.count)
        }
        let levels = ascii ? asciiLevels : blocks
        var out = ""
        for value in series {
            guard let value else { out.append(" "); continue }
            if high == low {
                out.append(levels[levels.count / 2 - 1])
                continue
            }
            let level = Int(((value - low) / (high - low) * Double(levels.count - 1)).rounded())
            out.append(levels[min(max(level, 0), levels.count - 1)])
        }
        return out
    }

    /// Means of consecutive runs so `values` fits in `width` characters.
    static func resample(_ values: [Double?], to width: Int?) -> [Double?] {
        guard let width, width > 0, values.count > width else { return values }
        var result: [Double?] = []
        result.reserveCapacity(width)
        for bucket in 0..<width {
            let start = bucket * values.count / width
            let end = max((bucket + 1) * values.count / width, start + 1)
            var sum = 0.0
            var n = 0
            for v in values[start..<end] { if let v { sum += v; n += 1 } }
            result.append(n == 0 ? nil : sum / Double(n))
        }
        return result
    }
}
