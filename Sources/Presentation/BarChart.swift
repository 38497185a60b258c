/// Horizontal bars, one line per label: `web     ████████▍     1,234`.
public enum BarChart {
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// Lines of `label  bar  value` fitting in `width` display columns.
    ///
    /// Labels are padded to the widest (cut with "…" beyond a third of `width`); bars are scaled to
    /// the largest magnitude with eighth-block precision (ASCII: whole `#`). Negative values draw
    /// with `░` (ASCII `-`) so their sign is visible without colour. `valueLabels` (e.g. formatted
    /// values) replace the numbers printed after the bars; by default values print as they are.
    public static func render(
        labels: [String], values: [Double], width: Int, ascii: Bool = false, valueLabels: [String]? = nil
    ) -> [String] {
        let count = min(labels.count, values.count)
        guard count > 0 else { return [] }
        let texts: [String] = (0..<count).map { i in
            if let valueLabels, i < valueLabels.count { return valueLabels[i] }
            return BarChart.plain(values[i])
        }
        let labelWidth = min(labels.prefix(count).map(TextWidth.of).max() ?? 0, max(width / 3, 1))
        let valueWidth = texts.map(TextWidth.of).max() ?? 0
        let barWidth = max(width - labelWidth - valueWidth - 2, 1)
        let largest = values.prefix(count).map { $0.isFinite ? abs($0) : 0 }.max() ?? 0

        var lines: [String] = []
        lines.reserveCapacity(count)
        for i in 0..<count {
            let value = values[i].isFinite ? values[i] : 0
            let label = TextWidth.pad(TextTableRenderer.truncate(labels[i], to: labelWidth, ellipsis: ascii ? "~" : "…"), to: labelWidth, right: false)
            let length = largest > 0 ? abs(value) / largest * Double(barWidth) : 0
            let bar = BarChart.bar(length: length, negative: value < 0, ascii: ascii)
            lines.append(label + " " + TextWidth.pad(bar, to: barWidth, right: false) + " " + TextWidth.pad(texts[i], to: valueWidth, right: true))
        }
        return lines
    }

    /// A bar of `length` columns (fractional), at least a sliver for any non-zero value.
    static func bar(length: Double, negative: Bool, ascii: Bool) -> String {
        if negative {
            let cells = max(Int(length.rounded()), length > 0 ? 1 : 0)
            return String(repeating: ascii ? "-" : "░", count: cells)
        }
        if ascii {
            let cells = max(Int(length.rounded()), length > 0 ? 1 : 0)
            return String(repeating: "#", count: cells)
        }
        var eighthsTotal = Int((length * 8).rounded())
        if eighthsTotal == 0 && length > 0 { eighthsTotal = 1 }
        var out = String(repeating: "█", count: eighthsTotal / 8)
        if eighthsTotal % 8 > 0 { out.append(eighths[eighthsTotal % 8 - 1]) }
        return out
    }

    /// A value without a format: integers without ".0", others as Swift prints them.
    static func plain(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendDouble(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
