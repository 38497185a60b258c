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
        ColumnFormatter(column).format(value)
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
