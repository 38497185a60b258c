import SemanticModel
import Warehouse

/// A column's formatting decisions made once (the value format compiled, the timeframe looked up),
/// so formatting many cells of one column costs a switch each. Gives the same text as
/// `ValueFormatter.format(_:for:)`; use it when drawing many rows (terminal grids, reports).
public struct ColumnFormatter: Sendable {
    let shape: CellShape
    let numberFormat: NumberFormat?
    let groupsThousands: Bool
    let isTextField: Bool

    public init(_ column: ResultTable.Column) {
        shape = CellShape(column)
        let field = column.field
        if let pattern = field?.valueFormat, !pattern.isEmpty {
            numberFormat = NumberFormat(pattern)
        } else if let name = field?.valueFormatName, let pattern = ValueFormatter.pattern(forFormatName: name) {
            numberFormat = NumberFormat(pattern)
        } else {
            numberFormat = nil
        }
        groupsThousands = column.isMeasure
        let type = field?.type ?? ""
        isTextField = type == "string" || type == "list" || type == "tier" || type == "zipcode" || type == "location"
    }

    /// `value` as a person reads it in this column.
    public func format(_ value: Value) -> String {
        switch value {
        case .null:
            return ValueFormatter.nullText
        case .int, .double, .decimal:
            if shape == .yesno { return shape.rawText(value) }
            guard let number = DecimalNumber(value) else { return shape.rawText(value) }
            // Unformatted decimals keep the digits the database printed ("12.50" stays "12.50").
            if numberFormat == nil, case .decimal(let text) = value, ColumnFormatter.isPlainDecimal(text) {
                return groupsThousands ? ColumnFormatter.grouped(text) : text
            }
            return formatNumber(number)
        case .string(let text):
            if shape != .plain { return shape.rawText(value) }
            guard let numberFormat else { return text }
            // A number that reached us as text (SQLite, a cast) is still formatted as a number.
            if !isTextField, let number = DecimalNumber(text: text) { return numberFormat.format(number) }
            return numberFormat.format(text: text)
        case .bool, .date, .timestamp:
            return shape.rawText(value)
        }
    }

    private func formatNumber(_ number: DecimalNumber) -> String {
        if let numberFormat { return numberFormat.format(number) }
        if !groupsThousands { return NumberFormat.general(number) }
        return ColumnFormatter.grouped(NumberFormat.general(number))
    }

    /// `-?[0-9]+(\.[0-9]+)?`: text that can be shown as it is.
    static func isPlainDecimal(_ text: String) -> Bool {
        var sawDigit = false
        var sawPoint = false
        for (i, byte) in text.utf8.enumerated() {
            if byte >= 48 && byte <= 57 { sawDigit = true; continue }
            if byte == UInt8(ascii: "-") && i == 0 { continue }
            if byte == UInt8(ascii: ".") && sawDigit && !sawPoint { sawPoint = true; continue }
            return false
        }
        return sawDigit && text.utf8.last != UInt8(ascii: ".")
    }

    /// Thousands separators on the integer part of plain decimal text, the fraction as given ("1,234.5").
    static func grouped(_ plain: String) -> String {
        var integerEnd = plain.utf8.count
        if let point = plain.utf8.firstIndex(of: UInt8(ascii: ".")) {
            integerEnd = plain.utf8.distance(from: plain.utf8.startIndex, to: point)
        }
        let bytes = Array(plain.utf8)
        let start = bytes.first == UInt8(ascii: "-") ? 1 : 0
        let integerCount = integerEnd - start
        if integerCount <= 3 { return plain }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + integerCount / 3)
        out.append(contentsOf: bytes[0..<start])
        for i in start..<integerEnd {
            let remaining = integerEnd - i
            if i > start && remaining % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(bytes[i])
        }
        out.append(contentsOf: bytes[integerEnd...])
        return String(decoding: out, as: UTF8.self)
    }
}
