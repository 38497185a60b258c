import Foundation
import Warehouse

/// `--alert 'FIELD > N'`: a threshold on a tile's current value (its first row, which is the
/// current period in tiles sorted by period descending). A report goes out only when one crosses.
public struct ReportAlert: Sendable, CustomStringConvertible {
    public enum Operator: String, Sendable, CaseIterable {
        case greaterOrEqual = ">=", lessOrEqual = "<=", notEqual = "!=", greater = ">", less = "<", equal = "="

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .greater: a > b
            case .greaterOrEqual: a >= b
            case .less: a < b
            case .lessOrEqual: a <= b
            case .equal: a == b
            case .notEqual: a != b
            }
        }
    }

    /// A threshold crossed: which tile, which value.
    public struct Crossing: Sendable {
        public var tile: String
        /// "Active Servers (latest month) 1,234 > 1,000": the value and threshold as the tile formats them.
        public var description: String
    }

    /// `view.field`, as in the tile's fields.
    public var field: String
    public var op: Operator
    public var threshold: Double
    /// The threshold as written, so it formats like the field's values ("1000" → "1,000").
    public var thresholdText: String

    /// Parses `FIELD OP NUMBER`, e.g. `server_daily_activity.reporting_servers > 1000`.
    public init(parsing text: String) throws {
        let bytes = Array(text.utf8)
        guard let start = bytes.firstIndex(where: { $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "!") }) else {
            throw ReportError("--alert '\(text)' has no comparison; write it as 'FIELD > NUMBER' (operators: > >= < <= = !=)")
        }
        var end = start + 1
        while end < bytes.count, bytes[end] == UInt8(ascii: "=") || bytes[end] == UInt8(ascii: ">") || bytes[end] == UInt8(ascii: "<") { end += 1 }
        var symbol = String(decoding: bytes[start..<end], as: UTF8.self)
        if symbol == "==" { symbol = "=" }
        guard let op = Operator(rawValue: symbol) else {
            throw ReportError("--alert '\(text)' uses '\(symbol)', which is not a comparison; use one of > >= < <= = !=")
        }
        let field = String(decoding: bytes[..<start], as: UTF8.self).trimmingSpaces()
        let number = String(decoding: bytes[end...], as: UTF8.self).trimmingSpaces()
        guard !field.isEmpty else { throw ReportError("--alert '\(text)' names no field before '\(symbol)'") }
        guard let threshold = Double(number.replacingOccurrences(of: "_", with: "")), threshold.isFinite else {
            throw ReportError("--alert '\(text)': '\(number)' is not a number")
        }
        self.field = String(field)
        self.op = op
        self.threshold = threshold
        self.thresholdText = number.replacingOccurrences(of: "_", with: "")
    }

    public var description: String { "\(field) \(op.rawValue) \(thresholdText)" }

    /// Whether any query tile of `report` has a column for the field (else the alert can never fire,
    /// which is almost certainly a typo).
    public func applies(to report: Report) -> Bool {
        report.queryTiles.contains { $0.table!.columns.contains { $0.name == field } }
    }

    /// The tiles whose current value (first row) crosses the threshold; under a pivot, each pivot
    /// value's column is checked. NULL never crosses.
    public func crossings(in report: Report) -> [Crossing] {
        var found: [Crossing] = []
        for tile in report.queryTiles {
            let table = tile.table!
            guard let first = table.rows.first else { continue }
            for (i, column) in table.columns.enumerated() where column.name == field && !column.isRowTotal {
                guard let value = ResultTable.number(first[i]), op.holds(value, threshold) else { continue }
                let shown = ValueFormatter.format(first[i], for: column)
                let limit = ValueFormatter.format(.decimal(thresholdText), for: column)
                let pivot = column.pivotLabel.map { " (\($0))" } ?? ""
                found.append(Crossing(tile: tile.name, description: "\(tile.title)\(pivot) \(shown) \(op.rawValue) \(limit)"))
            }
        }
        return found
    }
}
