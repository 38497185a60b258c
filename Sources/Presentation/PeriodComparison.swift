import Foundation
import SemanticModel
import Warehouse

/// How a single-value tile compares its current period with the previous one, from the tile's
/// LookML settings: `comparison_type` (`value`, `change`, `progress`, `progress_percentage`),
/// `comparison_reverse_colors`, `show_comparison`, `show_comparison_label` and `comparison_label`.
public struct ComparisonStyle: Sendable, Equatable {
    public enum Kind: String, Sendable { case value, change, progress, progressPercentage = "progress_percentage" }

    public var kind: Kind = .change
    /// A rise is bad (tickets, churn, cost): green for falls, red for rises.
    public var reverseColors = false
    public var show = true
    public var showLabel = true
    /// Replaces the previous period's name in the label.
    public var label: String?

    public init() {}

    /// Reads the tile's settings; unknown values keep the default.
    public init(settings: [String: String]) {
        if let kind = settings["comparison_type"].flatMap({ Kind(rawValue: $0.lowercased()) }) { self.kind = kind }
        reverseColors = Self.flag(settings["comparison_reverse_colors"]) ?? false
        show = Self.flag(settings["show_comparison"]) ?? true
        showLabel = Self.flag(settings["show_comparison_label"]) ?? true
        label = settings["comparison_label"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func flag(_ text: String?) -> Bool? {
        switch text?.lowercased() {
        case "true", "yes": true
        case "false", "no": false
        default: nil
        }
    }
}

/// The comparison line of a single value: "+5.8 pts vs 2026-10", "+25.5% vs 2026-10",
/// "was 14.6 in 2026-10", "71.2% of 2026-10 (200)"; and whether the change is good or bad news.
public struct PeriodComparison: Sendable, Equatable {
    public enum Tone: Sendable { case good, bad, neutral }

    public var text: String
    public var tone: Tone
    /// current − previous (in the value's own unit), nil when either is missing.
    public var delta: Double?

    /// Whether changes of `column` read in points: percentages (a `%` value format, shown ×100) and
    /// scores or ratios (`type: number` measures that are not money), whose relative change means
    /// nothing to a reader ("NPS +5.8 pts", not "+39.5%"). Counts, sums, averages: relative change.
    public static func changesInPoints(_ field: Field?) -> (points: Bool, scale: Double) {
        let format = field?.valueFormat ?? ""
        if format.contains("%") { return (true, 100) }
        guard let field, field.kind == .measure, field.type == "number" else { return (false, 1) }
        let money = ["$", "€", "£", "¥", "₹"].contains { format.contains($0) }
        return (!money, 1)
    }

    /// nil when the style hides the comparison or there is nothing to compare with.
    public static func make(current: Value, previous: Value?, previousPeriod: String?, column: ResultTable.Column,
                            style: ComparisonStyle, ascii: Bool = false) -> PeriodComparison? {
        guard style.show, let previous else { return nil }
        let now = ResultTable.number(current)
        let before = ResultTable.number(previous)
        let delta: Double? = if let now, let before { now - before } else { nil }
        var tone = Tone.neutral
        if let delta, delta != 0 {
            tone = (delta > 0) != style.reverseColors ? .good : .bad
        }
        let minus = ascii ? "-" : "\u{2212}"
        let name = style.label ?? previousPeriod ?? "previous period"
        let previousText = ValueFormatter.format(previous, for: column)
        var text: String
        switch style.kind {
        case .change:
            guard let delta, let before else { return nil }
            let (points, scale) = changesInPoints(column.field)
            if points {
                let value = delta * scale
                let rounded = (abs(value) * 10).rounded() / 10
                text = (rounded == 0 ? "" : value > 0 ? "+" : minus) + String(format: "%.1f", rounded) + " pts"
            } else {
                guard before != 0 else { return PeriodComparison(text: "was 0" + (style.showLabel ? " in \(name)" : ""), tone: tone, delta: delta) }
                let percent = delta / abs(before) * 100
                let rounded = (abs(percent) * 10).rounded() / 10
                text = (rounded == 0 ? "" : percent > 0 ? "+" : minus) + String(format: "%.1f", rounded) + "%"
            }
            if style.showLabel { text += " vs \(name)" }
        case .value:
            text = style.showLabel ? "\(name): \(previousText)" : previousText
        case .progress, .progressPercentage:
            guard let now, let before, before != 0 else { return nil }
            let share = String(format: "%.1f", (now / before * 1000).rounded() / 10) + "%"
            text = style.showLabel ? "\(share) of \(name) (\(previousText))" : "\(share) of \(previousText)"
        }
        return PeriodComparison(text: text, tone: tone, delta: delta)
    }
}
