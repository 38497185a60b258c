import Foundation
import Warehouse

/// `--alert 'FIELD > N'`: a threshold on the latest period's value of the single-value tiles that
/// show the field (or of one named tile). A report goes out only when one crosses.
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

    /// The crossings in the latest period of the tiles the alert watches: the single-value tiles
    /// showing the field, or only `tile` when named. A trend tile's older periods never count.
    ///
    /// A tile that splits the field into several series (a pivot, or a second dimension) is checked
    /// series by series only with `perSeries`; otherwise its row total stands for the period when
    /// it has one, and without one the alert is refused, since no single number is "the value".
    /// NULL never crosses. Throws a `ReportError` naming the tile and the fix.
    public func crossings(in report: Report, tile: String? = nil, perSeries: Bool = false) throws -> [Crossing] {
        let showing = report.queryTiles.filter { $0.table!.columns.contains { $0.name == field } }
        let watched: [ReportTile]
        if let tile {
            guard let named = showing.first(where: { $0.name == tile }) else {
                throw ReportError("--alert '\(self)': tile '\(tile)' does not show the field '\(field)'")
            }
            watched = [named]
        } else {
            watched = showing.filter { $0.type == "single_value" }
            if watched.isEmpty {
                let names = showing.map(\.name).joined(separator: ", ")
                throw ReportError("--alert '\(self)': no single-value tile shows '\(field)'; name the tile to watch with --tile (tiles showing it: \(names))")
            }
        }
        var found: [Crossing] = []
        for tile in watched {
            found += try crossings(in: tile, perSeries: perSeries)
        }
        return found
    }

    private func crossings(in tile: ReportTile, perSeries: Bool) throws -> [Crossing] {
        let table = tile.table!
        let latest = tile.type == "single_value" && table.timeColumn == nil ? Array(table.rows.indices.prefix(1)) : table.latestPeriodRows
        guard !latest.isEmpty else { return [] }
        let columns = table.columns.indices.filter { table.columns[$0].name == field }
        let series = columns.filter { !table.columns[$0].isRowTotal }
        let totals = columns.filter { table.columns[$0].isRowTotal }
        let time = table.timeColumn
        let others = table.columns.indices.filter { !table.columns[$0].isMeasure && $0 != time }
        let split = series.count > 1 || (latest.count > 1 && tile.type != "single_value")
        var checks: [(row: Int, column: Int, name: String?)] = []
        if !split {
            checks = series.map { (latest[0], $0, nil) }
        } else if perSeries {
            for row in latest {
                let rowName = others.map { ValueFormatter.format(table.rows[row][$0], for: table.columns[$0]) }.joined(separator: " · ")
                for column in series {
                    let name = [rowName, table.columns[column].pivotLabel ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
                    checks.append((row, column, name.isEmpty ? nil : name))
                }
            }
        } else if latest.count == 1, let total = totals.first {
            checks = [(latest[0], total, "total")]
        } else {
            let by = (table.pivotColumns + others.map { table.columns[$0] }).map(\.label).joined(separator: ", ")
            throw ReportError("--alert '\(self)': tile '\(tile.name)' splits '\(field)' into series (by \(by)); add --per-series to check each one")
        }
        var found: [Crossing] = []
        let period = time.map { ValueFormatter.format(table.rows[latest[0]][$0], for: table.columns[$0]) }
        for check in checks {
            let value = table.rows[check.row][check.column]
            let column = table.columns[check.column]
            guard let number = ResultTable.number(value), op.holds(number, threshold) else { continue }
            let shown = ValueFormatter.format(value, for: column)
            let limit = ValueFormatter.format(.decimal(thresholdText), for: column)
            let what = [check.name, tile.type == "single_value" ? nil : period].compactMap { $0 }.joined(separator: ", ")
            found.append(Crossing(tile: tile.name, description: "\(tile.title)\(what.isEmpty ? "" : " (\(what))") \(shown) \(op.rawValue) \(limit)"))
        }
        return found
    }
}
