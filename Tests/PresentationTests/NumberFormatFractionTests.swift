import Presentation
import SemanticModel
import Testing
import Warehouse

/// Excel fraction codes in `value_format` (Looker accepts Excel's number formats except dates,
/// colours and hexadecimal): a whole part, then the closest fraction the placeholders allow.
@Suite("Fraction value formats")
struct NumberFormatFractionTests {
    @Test(arguments: [
        ("# ?/?", "1234.5", "1234 1/2"),
        ("# ?/?", "0.75", "3/4"),
        ("# ?/?", "-1.5", "-1 1/2"),
        // Excel keeps the fraction's room as spaces when there is no fraction to show.
        ("# ?/?", "3", "3    "),
        // 0.97 is closer to 1 than to 8/9: the whole part carries.
        ("# ?/?", "2.97", "3    "),
        ("# ?/?", "0", "0    "),
        // Two-digit denominators: π is 3 14/99, closer than 22/7.
        ("# ??/??", "3.14159", "3 14/99"),
        ("# ??/??", "0.5", " 1/2 "),
        ("?/?", "1.5", "3/2"),
        ("# ?/8", "2.3", "2 2/8"),
        ("# ??/100", "0.25", "25/100"),
        ("#,##0 ?/?", "12345.25", "12,345 1/4"),
        ("\"≈ \"# ?/? \"in\"", "1.33", "≈ 1 1/3 in"),
    ])
    func fraction(pattern: String, value: String, expected: String) {
        #expect(ValueFormatter.format(.decimal(value), pattern: pattern) == expected)
    }

    /// Patterns with a `/` that is not a fraction still format as before.
    @Test func slashesThatAreNotFractions() {
        #expect(ValueFormatter.format(.decimal("12.5"), pattern: "0.0\" km/h\"") == "12.5 km/h")
        #expect(ValueFormatter.format(.decimal("1234.5"), pattern: "#,##0.00") == "1,234.50")
    }

    /// Looker does not support date codes: a date keeps its ISO text, whatever the format says.
    @Test func dateCodesDoNotApplyToDates() {
        var field = Field(view: "t", name: "d", kind: .dimension, type: "date")
        field.valueFormat = "dd/mm/yyyy"
        let column = ResultTable.Column(field: field)
        #expect(ValueFormatter.format(.date(LocalDate(year: 2024, month: 5, day: 1)), for: column) == "2024-05-01")
    }
}
