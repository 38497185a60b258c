import Testing
import LookML

/// Malformed input: each mistake yields one diagnostic, worded as the user sees it, and parsing
/// carries on so later pairs still appear in the tree.
@Suite struct LookMLParserDiagnosticsTests {
    /// The diagnostics for `text` and the top-level keys that survived recovery.
    private func check(_ text: String) -> (diagnostics: [String], keys: [String]) {
        let (file, diagnostics) = LookMLParser.parse(text, path: "views/bad.view.lkml")
        return (diagnostics.map(\.description), file.pairs.map(\.key))
    }

    @Test func missingColonBeforeABlock() {
        let result = check("dimension {\n  type: number\n}\nview: v {}")
        #expect(result.diagnostics == ["views/bad.view.lkml:1:11: error: expected ':' after 'dimension', found '{'"])
        #expect(result.keys == ["dimension", "view"])
    }

    @Test func missingColonBeforeAName() {
        let (file, diagnostics) = LookMLParser.parse("dimension revenue {\n  type: number\n}", path: "v.lkml")
        #expect(diagnostics.map(\.description) == ["v.lkml:1:11: error: expected ':' after 'dimension', found 'revenue'"])
        // Recovery reads the pair as if the ':' were there.
        guard case .block(let block) = file.pairs.first?.value else {
            Issue.record("no block")
            return
        }
        #expect(block.name == "revenue")
        #expect(block.pairs.map(\.key) == ["type"])
    }

    @Test func missingColonBeforeABareValueAndAString() {
        #expect(check("hidden yes\ntype: number").diagnostics
                == ["views/bad.view.lkml:1:8: error: expected ':' after 'hidden', found 'yes'"])
        #expect(check("include: \"x\" include \"y\"").diagnostics
                == ["views/bad.view.lkml:1:22: error: expected ':' after 'include', found '\"'"])
    }

    @Test func missingValueAtEndOfLine() {
        let result = check("label:\ntype: number")
        #expect(result.diagnostics == ["views/bad.view.lkml:1:7: error: expected a value for 'label', found end of line"])
        #expect(result.keys == ["type"])
    }

    @Test func missingValueAtEndOfFile() {
        #expect(check("view: v {}\nlabel:").diagnostics
                == ["views/bad.view.lkml:2:7: error: expected a value for 'label', found end of file"])
    }

    @Test func unterminatedBlockPointsAtItsBrace() {
        let result = check("view: v {\n  dimension: d {\n    type: number\n  }\n")
        #expect(result.diagnostics == ["views/bad.view.lkml:1:9: error: expected '}' to close the 'view: v' block, found end of file"])
        #expect(result.keys == ["view"])
    }

    @Test func unterminatedAnonymousBlock() {
        #expect(check("derived_table: {\n  persist_for: \"1 hour\"").diagnostics
                == ["views/bad.view.lkml:1:16: error: expected '}' to close the 'derived_table' block, found end of file"])
    }

    @Test func unterminatedStringResumesOnTheNextLine() {
        let result = check("label: \"abc\nview: v {}")
        #expect(result.diagnostics == [#"views/bad.view.lkml:1:8: error: string is not terminated: expected '"', found end of file"#])
        #expect(result.keys == ["label", "view"])
    }

    @Test func unterminatedStringBeforeAnotherString() {
        let (file, diagnostics) = LookMLParser.parse("""
            view: v {
              label: "abc
              description: "x"
            }
            """, path: "v.lkml")
        #expect(diagnostics.map(\.description) == [#"v.lkml:2:10: error: string is not terminated: expected '"', found end of line"#])
        guard case .block(let view) = file.pairs.first?.value else {
            Issue.record("no view block")
            return
        }
        #expect(view.pairs.map(\.key) == ["label", "description"])
        #expect(view.pairs.map(\.value) == [
            .scalar(Scalar(text: "abc", style: .quoted, location: SourceLocation(file: "v.lkml", line: 2, column: 10))),
            .scalar(Scalar(text: "x", style: .quoted, location: SourceLocation(file: "v.lkml", line: 3, column: 16))),
        ])
    }

    @Test func unterminatedListBeforeTheNextPair() {
        let result = check("fields: [a, b\nview: v {}")
        #expect(result.diagnostics == ["views/bad.view.lkml:2:1: error: expected ']' to close the list for 'fields', found 'view'"])
        #expect(result.keys == ["fields", "view"])
    }

    @Test func unterminatedListBeforeTheClosingBrace() {
        let result = check("view: v {\n  fields: [a, b\n}\nexplore: e {}")
        #expect(result.diagnostics == ["views/bad.view.lkml:3:1: error: expected ']' to close the list for 'fields', found '}'"])
        #expect(result.keys == ["view", "explore"])
    }

    @Test func unterminatedListAtEndOfFile() {
        #expect(check("fields: [a,\n  b,").diagnostics
                == ["views/bad.view.lkml:1:9: error: expected ']' to close the list for 'fields', found end of file"])
    }

    @Test func unexpectedClosingBrace() {
        #expect(check("}\nview: v {}").diagnostics == ["views/bad.view.lkml:1:1: error: unexpected '}' with no block open"])
        let result = check("view: v {}\n}\nexplore: e {}")
        #expect(result.diagnostics == ["views/bad.view.lkml:2:1: error: unexpected '}' with no block open"])
        #expect(result.keys == ["view", "explore"])
    }

    @Test func unterminatedSQLIsReportedAtTheKeyAndEndsAtTheBlock() {
        let result = check("view: v {\n  sql_table_name: orders\n  dimension: d {}\n}\nexplore: e {}")
        #expect(result.diagnostics == ["views/bad.view.lkml:2:3: error: sql value for 'sql_table_name' is not terminated by ';;'"])
        #expect(result.keys == ["view", "explore"])
    }

    @Test func unterminatedSQLClosedByBraceOnTheSameLine() {
        let result = check("explore: e { join: j { sql_on: ${a} = ${b} }\n}\nexplore: f {}")
        #expect(result.diagnostics == ["views/bad.view.lkml:1:24: error: sql value for 'sql_on' is not terminated by ';;'"])
        #expect(result.keys == ["explore", "explore"])
    }

    @Test func unterminatedHTMLNamesItsKey() {
        #expect(check("html: <b>{{ value }}</b>").diagnostics
                == ["views/bad.view.lkml:1:1: error: sql value for 'html' is not terminated by ';;'"])
    }

    @Test func unexpectedCharacters() {
        #expect(check("view: v { label: ; }").diagnostics
                == ["views/bad.view.lkml:1:18: error: expected a value for 'label', found ';'"])
        #expect(check("view: v {\n  label: \"日本\" ; \n}").diagnostics
                == ["views/bad.view.lkml:2:15: error: expected a key, found ';'"])
        #expect(check("view: v { \u{07} }").diagnostics
                == ["views/bad.view.lkml:1:11: error: expected a key, found character U+0007"])
        #expect(check("a: b: c").diagnostics == ["views/bad.view.lkml:1:5: error: expected a key, found ':'"])
    }

    @Test func keysMustBeIdentifiers() {
        let dotted = check("orders.status: x\nnext: 1")
        #expect(dotted.diagnostics
                == ["views/bad.view.lkml:1:1: error: expected a key (letters, digits and '_'), found 'orders.status'"])
        #expect(dotted.keys == ["next"])
        #expect(check("1abc: { a: b }\nnext: 1").keys == ["next"])
        #expect(check("\"quoted\": x\nnext: 1").diagnostics
                == [#"views/bad.view.lkml:1:1: error: expected a key, found '"'"#])
    }

    @Test func listMistakes() {
        #expect(check("fields: [a b c]").diagnostics == [
            "views/bad.view.lkml:1:12: error: expected ',' or ']' after a list item, found 'b'",
            "views/bad.view.lkml:1:14: error: expected ',' or ']' after a list item, found 'c'",
        ])
        #expect(check("fields: [a,, b]").diagnostics
                == ["views/bad.view.lkml:1:12: error: expected a list item, found ','"])
        #expect(check("fields: [a ;; b]").diagnostics
                == ["views/bad.view.lkml:1:12: error: expected ',' or ']' after a list item, found ';'"])
        #expect(check("key: [nested, [list]]").diagnostics
                == ["views/bad.view.lkml:1:15: error: expected a list item, found '[' (lists cannot contain lists)"])
    }

    @Test func unclosedConstantReference() {
        let result = check("a: @{unterminated\nb: 1")
        #expect(result.diagnostics
                == ["views/bad.view.lkml:1:4: error: expected '}' to close '@{' in '@{unterminated', found end of line"])
        #expect(result.keys == ["a", "b"])
    }

    @Test func renderedWithCaretUnderTheColumn() {
        let source = "view: v {\n\tdimension d {}\n}"
        let (_, diagnostics) = LookMLParser.parse(source, path: "v.lkml")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.rendered(sourceLine: "\tdimension d {}") == """
            v.lkml:2:12: error: expected ':' after 'dimension', found 'd'
            \tdimension d {}
            \t          ^
            """)
    }

    @Test func severalMistakesInOneFileAreAllReported() {
        let result = check("""
            view orders {
              dimension: x {
                sql: ${TABLE}.x ;;
                label "X"
              }
              fields: [a b]
            }
            }
            explore: orders {}
            """)
        #expect(result.diagnostics == [
            "views/bad.view.lkml:1:6: error: expected ':' after 'view', found 'orders'",
            "views/bad.view.lkml:4:11: error: expected ':' after 'label', found '\"'",
            "views/bad.view.lkml:6:14: error: expected ',' or ']' after a list item, found 'b'",
            "views/bad.view.lkml:8:1: error: unexpected '}' with no block open",
        ])
        #expect(result.keys == ["view", "explore"])
    }
}
