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
    /// - `value_format_name`: building the model already resolved it into `value_format` (the
    ///   model's `named_value_format` first, then a built-in) and reported an unknown name; a field
    ///   made by hand with only a built-in name is still formatted by that name.
    /// - Without a format, measures group thousands (`1,234.5`) and dimensions print as they are.
    /// - Dates and timestamps are cut to the timeframe (`month` → `2024-05`, `quarter` → `2024-Q2`);
    ///   yesno shows `Yes`/`No`.
    public static func format(_ value: Value, for column: ResultTable.Column) -> String {
        ColumnFormatter(column).format(value)
    }

    /// The Excel-style pattern behind a built-in `value_format_name`, or nil for an unknown name.
    /// The table lives in SemanticModel (`ValueFormats.builtin(named:)`), where models are checked.
    public static func pattern(forFormatName name: String) -> String? {
        ValueFormats.builtin(named: name)
    }

    /// `number` (any numeric `Value`) formatted with an Excel-style pattern; nil for a non-number.
    public static func format(_ value: Value, pattern: String) -> String? {
        guard let number = DecimalNumber(value) else { return nil }
        return NumberFormat(pattern).format(number)
    }
}
