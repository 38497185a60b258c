import Presentation
import SemanticModel
import Warehouse

/// Columns over hand-built fields, the way the query engine will hand them to Presentation.
enum Fixtures {
    static func field(
        _ qualified: String, kind: Field.Kind = .dimension, type: String = "string",
        valueFormat: String? = nil, valueFormatName: String? = nil, timeframe: String? = nil
    ) -> Field {
        let parts = qualified.split(separator: ".", maxSplits: 1).map(String.init)
        var field = Field(view: parts[0], name: parts[1], kind: kind, type: type)
        field.valueFormat = valueFormat
        field.valueFormatName = valueFormatName
        field.timeframe = timeframe
        return field
    }

    static func dimension(_ name: String, type: String = "string", timeframe: String? = nil) -> ResultTable.Column {
        ResultTable.Column(field: field(name, type: type, timeframe: timeframe))
    }

    static func measure(_ name: String, type: String = "count", valueFormat: String? = nil, valueFormatName: String? = nil) -> ResultTable.Column {
        ResultTable.Column(field: field(name, kind: .measure, type: type, valueFormat: valueFormat, valueFormatName: valueFormatName))
    }

    /// A measure column formatted by `value_format_name`.
    static func named(_ name: String) -> ResultTable.Column {
        measure("t.m", type: "number", valueFormatName: name)
    }

    /// A measure column formatted by an Excel-style `value_format`.
    static func excel(_ pattern: String) -> ResultTable.Column {
        measure("t.m", type: "number", valueFormat: pattern)
    }

    static func date(_ y: Int, _ m: Int, _ d: Int) -> Value { .date(LocalDate(year: y, month: m, day: d)) }
}
