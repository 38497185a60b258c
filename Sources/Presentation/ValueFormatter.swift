import SemanticModel
import Warehouse

/// Turns a value into the text a business user reads, per its column's field: value formats,
/// timeframes, yesno, and "∅" for NULL (so NULL is never confused with an empty string).
public enum ValueFormatter {
    /// The text NULL shows as in text, markdown and HTML output.
    public static let nullText = "∅"

    /// `value` formatted for display in `column`.
    ///
    /// - `value_format` (Excel style) wins over `value_format_name`; both apply to numbers only
    ///   (text passes through, or through a format's `@` section).
    /// - `value_format_name`: `decimal_0…4`, `usd`, `usd_0`, `gbp`, `gbp_0`, `eur`, `eur_0`,
    ///   `percent_0…4`, `id`; an unknown name leaves the value unformatted.
    /// - Without a format, measures group thousands (`1,234.5`) and dimensions print as they are.
    /// - Dates and timestamps are cut to the timeframe (`month` → `2024-05`, `quarter` → `2024-Q2`);
    ///   yesno shows `Yes`/`No`.
    public static func format(_ value: Value, for column: ResultTable.Column) -> String {
        CellFormatter(column).format(value)
    }

    /// The Excel-style pattern behind a built-in `value_format_name`, or nil for an unknown name.
    public static func pattern(forFormatName name: String) -> String? {
        switch name {
        case "decimal_0": "#,##0"
        case "decimal_1": "#,##0.0"
        case "decimal_2": "#,##0.00"
        case "decimal_3": "#,##0.000"
        case "decimal_4": "#,##0.0000"
        case "usd": "$#,##0.00"
        case "usd_0": "$#,##0"
        case "gbp": "\"£\"#,##0.00"
        case "gbp_0": "\"£\"#,##0"
        case "eur": "\"€\"#,##0.00"
        case "eur_0": "\"€\"#,##0"
        case "percent_0": "0%"
        case "percent_1": "0.0%"
        case "percent_2": "0.00%"
        case "percent_3": "0.000%"
        case "percent_4": "0.0000%"
        case "id": "0"
        default: nil
        }
    }

    /// `number` (any numeric `Value`) formatted with an Excel-style pattern; nil for a non-number.
    public static func format(_ value: Value, pattern: String) -> String? {
        guard let number = DecimalNumber(value) else { return nil }
        return NumberFormat(pattern).format(number)
    }
}

/// A column's formatting decisions made once, so a renderer formats each cell with a switch.
struct CellFormatter: Sendable {
    let shape: CellShape
    let numberFormat: NumberFormat?
    let groupsThousands: Bool
    let isTextField: Bool

    init(_ column: ResultTable.Column) {
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

    func format(_ value: Value) -> String {
        switch value {
        case .null:
            return ValueFormatter.nullText
        case .int, .double, .decimal:
            if shape == .yesno { return shape.rawText(value) }
            guard let number = DecimalNumber(value) else { return shape.rawText(value) }
            // Unformatted decimals keep the digits the database printed ("12.50" stays "12.50").
            if numberFormat == nil, case .decimal(let text) = value, CellFormatter.isPlainDecimal(text) {
                return groupsThousands ? CellFormatter.grouped(text) : text
            }
            return formatNumber(number)
        case .string(let text):
            if shape == .yesno { return shape.rawText(value) }
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
        return CellFormatter.grouped(NumberFormat.general(number))
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
