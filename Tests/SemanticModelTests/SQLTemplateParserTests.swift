import Testing
@testable import SemanticModel

@Suite("SQL templates")
struct SQLTemplateParserTests {
    @Test func splitsReferencesFromText() {
        let t = SQLTemplate(parsing: "CASE WHEN ${status} = 'x' THEN ${TABLE}.a + ${users.age} END FROM ${orders.SQL_TABLE_NAME}")
        #expect(t.fragments == [
            .text("CASE WHEN "), .field(view: nil, name: "status"), .text(" = 'x' THEN "), .table, .text(".a + "),
            .field(view: "users", name: "age"), .text(" END FROM "), .sqlTableName(view: "orders"),
        ])
        #expect(t.description == "CASE WHEN ${status} = 'x' THEN ${TABLE}.a + ${users.age} END FROM ${orders.SQL_TABLE_NAME}")
    }

    @Test func liquidAndDollarsStayText() {
        let sql = "{% if x._in_query %}${a}{% endif %} {{ y._value }} $1 $$ ${ b }"
        let t = SQLTemplate(parsing: sql)
        #expect(t.fragments == [.text("{% if x._in_query %}"), .field(view: nil, name: "a"), .text("{% endif %} {{ y._value }} $1 $$ "), .field(view: nil, name: "b")])
    }

    @Test func malformedReferencesAreProblemsAtTheirOffset() {
        let parsed = SQLTemplateParser.parse("x ${a.b.c} y ${} z ${open")
        #expect(parsed.problems.map(\.offset) == [2, 13, 19])
        #expect(parsed.problems.map(\.message) == [
            "unsupported reference '${a.b.c}': use ${field}, ${view.field}, ${TABLE} or ${view.SQL_TABLE_NAME}",
            "malformed reference '${}'",
            "unterminated reference '${': expected '}'",
        ])
        #expect(parsed.references.isEmpty)
        // The text is kept verbatim so the SQL still shows what the user wrote.
        #expect(parsed.fragments == [.text("x ${a.b.c} y ${} z ${open")])
    }

    @Test func referenceLocationsCountLinesAndUnicodeScalars() {
        let scalar = Scalar(text: "é ${a}\n  ${b}", style: .sql, location: SourceLocation(file: "v.lkml", line: 4, column: 10))
        let reader = ValueReader(constants: [:], sink: DiagnosticSink())
        let refs = reader.template(scalar).references
        #expect(refs.map(\.location.description) == ["v.lkml:4:12", "v.lkml:5:3"])
    }

    @Test func constantsAreSubstitutedAndLocationsStayInTheOriginal() {
        let sink = DiagnosticSink()
        let reader = ValueReader(constants: ["schema": "analytics_prod"], sink: sink)
        let scalar = Scalar(text: "@{schema}.t JOIN ${x} @{nope}", style: .sql, location: SourceLocation(file: "v.lkml", line: 1, column: 1))
        let (template, refs) = reader.template(scalar)
        #expect(template.description == "analytics_prod.t JOIN ${x} @{nope}")
        #expect(refs.map(\.location.column) == [18])
        #expect(sink.diagnostics.map(\.description) == ["v.lkml:1:23: error: unknown constant 'nope'; define it in manifest.lkml with constant: nope { value: \"…\" }"])
    }

    @Test func quotedValuesStartAfterTheQuote() {
        let sink = DiagnosticSink()
        let reader = ValueReader(constants: [:], sink: sink)
        _ = reader.text(Scalar(text: "a @{missing}", style: .quoted, location: SourceLocation(file: "v.lkml", line: 2, column: 10)))
        #expect(sink.diagnostics.first?.location?.column == 13)
    }
}
