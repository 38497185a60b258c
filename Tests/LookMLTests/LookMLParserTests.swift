import Testing
import LookML

/// The constructs of the language, each asserted as a full tree with styles and line:column.
@Suite struct LookMLParserTests {
    @Test func topLevelPairsAndQuotedStrings() {
        let result = parse("""
            connection: "warehouse"
            include: "/views/*.view.lkml"
            """)
        #expect(result.tree == """
            connection@1:1 = quoted "warehouse"@1:13
            include@2:1 = quoted "/views/*.view.lkml"@2:10
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func locationsCarryThePathAsGiven() {
        let (file, _) = LookMLParser.parse("view: v {}", path: "models/../views/v.view.lkml")
        #expect(file.path == "models/../views/v.view.lkml")
        #expect(file.pairs[0].keyLocation.description == "models/../views/v.view.lkml:1:1")
    }

    @Test func namedAnonymousAndEmptyBlocks() {
        let result = parse("""
            view: orders {
              derived_table: {
                persist_for: "24 hours"
              }
              dimension: empty {}
              set: none { }
            }
            """)
        #expect(result.tree == """
            view@1:1 = block orders@1:7 {@1:14
              derived_table@2:3 = block {@2:18
                persist_for@3:5 = quoted "24 hours"@3:18
              dimension@5:3 = block empty@5:14 {@5:20
              set@6:3 = block none@6:8 {@6:13
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func bareValuesOfEveryShape() {
        let result = parse("""
            a: yes
            b: left_outer
            c: 5.0
            d: -field
            e: view.field
            f: ALL_FIELDS*
            g: view.*
            h: -view.field
            i: @{constant}
            j: -12.5
            k: @{schema}_orders
            """)
        #expect(result.tree == """
            a@1:1 = bare "yes"@1:4
            b@2:1 = bare "left_outer"@2:4
            c@3:1 = bare "5.0"@3:4
            d@4:1 = bare "-field"@4:4
            e@5:1 = bare "view.field"@5:4
            f@6:1 = bare "ALL_FIELDS*"@6:4
            g@7:1 = bare "view.*"@7:4
            h@8:1 = bare "-view.field"@8:4
            i@9:1 = bare "@{constant}"@9:4
            j@10:1 = bare "-12.5"@10:4
            k@11:1 = bare "@{schema}_orders"@11:4
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func refinementNamesAreBlockNames() {
        let result = parse("view: +orders { label: \"Orders\" }\nexplore: +orders {}")
        #expect(result.tree == """
            view@1:1 = block +orders@1:7 {@1:15
              label@1:17 = quoted "Orders"@1:24
            explore@2:1 = block +orders@2:10 {@2:18
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func quotedStringEscapes() {
        let result = parse(#"""
            a: "say \"hi\""
            b: "back\\slash"
            c: "line\nbreak\ttab"
            d: "keep \q \{ chars"
            e: ""
            """#)
        #expect(result.tree == #"""
            a@1:1 = quoted "say \"hi\""@1:4
            b@2:1 = quoted "back\\slash"@2:4
            c@3:1 = quoted "line\nbreak\ttab"@3:4
            d@4:1 = quoted "keep q { chars"@4:4
            e@5:1 = quoted ""@5:4
            """#)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func quotedStringsMaySpanLines() {
        let result = parse("description: \"first\nsecond\"\nlabel: x")
        #expect(result.tree == """
            description@1:1 = quoted "first\\nsecond"@1:14
            label@3:1 = bare "x"@3:8
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func listsOfBareAndQuotedValuesWithTrailingCommas() {
        let result = parse("""
            fields: [a, view.b, -c.d, ALL_FIELDS*,]
            tags: ["one", "two"]
            empty: []
            multi: [
              first,   # why
              second,
            ]
            """)
        #expect(result.tree == """
            fields@1:1 = list [@1:9
              - bare "a"@1:10
              - bare "view.b"@1:13
              - bare "-c.d"@1:21
              - bare "ALL_FIELDS*"@1:27
            tags@2:1 = list [@2:7
              - quoted "one"@2:8
              - quoted "two"@2:15
            empty@3:1 = list [@3:8
            multi@4:1 = list [@4:8
              - bare "first"@5:3
              - bare "second"@6:3
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func listsOfPairsAndTheBlockFormOfFilters() {
        let result = parse("""
            filters: [status: "complete", orders.amount: ">10"]
            filters: { field: status value: "yes" }
            """)
        #expect(result.tree == """
            filters@1:1 = list [@1:10
              - status@1:11 = quoted "complete"@1:19
              - orders.amount@1:31 = quoted ">10"@1:46
            filters@2:1 = block {@2:10
              field@2:12 = bare "status"@2:19
              value@2:26 = quoted "yes"@2:33
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func blocksInsideLists() {
        let result = parse("items: [{ a: 1 }, named { b: \"x\" }, c]")
        #expect(result.tree == """
            items@1:1 = list [@1:8
              - block {@1:9
                  a@1:11 = bare "1"@1:14
              - block named@1:19 {@1:25
                  b@1:27 = quoted "x"@1:30
              - bare "c"@1:37
            """)
        #expect(result.diagnostics.isEmpty)
        #expect(parse("items: [{ a: 1").diagnostics
                == ["test.lkml:1:9: error: expected '}' to close the 'items' block, found end of file"])
    }

    @Test func sqlValuesRunToTheFirstDoubleSemicolon() {
        let result = parse("""
            view: v {
              sql_table_name: analytics.orders ;;
              dimension: d {
                sql:
                  CASE WHEN ${TABLE}.x = "a" # not a comment
                  THEN {x} END
                ;;
                html: <a href="{{ value }}">{{ rendered_value }}</a> ;;
              }
            }
            """)
        #expect(result.tree == """
            view@1:1 = block v@1:7 {@1:9
              sql_table_name@2:3 = sql "analytics.orders"@2:19
              dimension@3:3 = block d@3:14 {@3:16
                sql@4:5 = sql "CASE WHEN ${TABLE}.x = \\"a\\" # not a comment\\n      THEN {x} END"@5:7
                html@8:5 = sql "<a href=\\"{{ value }}\\">{{ rendered_value }}</a>"@8:11
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func everySQLKeyPrefixIsRaw() {
        let keys = ["sql", "sql_on", "sql_table_name", "sql_always_where", "sql_always_having", "sql_where",
                    "sql_trigger_value", "sql_distinct_key", "sql_start", "sql_end", "sql_preamble",
                    "sql_latitude", "sql_longitude", "html", "expression", "expression_custom_filter",
                    "sql_create", "sql_anything_new", "html_extra", "expressionism"]
        for key in keys {
            let (file, diagnostics) = LookMLParser.parse("\(key): a: {b} [c] ;; next: 1", path: "k.lkml")
            #expect(diagnostics.isEmpty, "\(key)")
            #expect(file.pairs.count == 2, "\(key)")
            #expect(file.pairs.first?.value == .scalar(Scalar(
                text: "a: {b} [c]", style: .sql,
                location: SourceLocation(file: "k.lkml", line: 1, column: key.count + 3))), "\(key)")
        }
    }

    @Test func fieldNamesInListsThatStartWithSQLAreNotSQLValues() {
        let result = parse(#"filters: [sql_runs: ">1", html_clicks: "yes", expression_x: 2]"#)
        #expect(result.tree == """
            filters@1:1 = list [@1:10
              - sql_runs@1:11 = quoted ">1"@1:21
              - html_clicks@1:27 = quoted "yes"@1:40
              - expression_x@1:47 = bare "2"@1:61
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func sqlValueThatIsAQuotedStringStillRunsToTerminator() {
        let result = parse(#"sql: "a \" b" ;;"#)
        #expect(result.tree == #"sql@1:1 = sql "\"a \\\" b\""@1:6"#)
    }

    @Test func emptySQLValue() {
        let result = parse("sql: ;;\nsql:;;")
        #expect(result.tree == """
            sql@1:1 = sql ""@1:6
            sql@2:1 = sql ""@2:5
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func doubleSemicolonInsideQuotesInsideSQLEndsTheValue() {
        // Looker ends the value at the first `;;` wherever it is; the rest is then LookML again.
        let result = parse("sql: SELECT ';;' AS x ;;")
        #expect(result.tree == #"sql@1:1 = sql "SELECT \'"@1:6"#)
        #expect(result.diagnostics == ["test.lkml:1:16: error: expected a key (letters, digits and '_'), found '''"])
    }

    @Test func liquidInsideSQL() {
        let result = parse("""
            derived_table: {
              sql: SELECT * FROM t
                   WHERE {% condition f %} t.x {% endcondition %}
                   {% if orders.status._in_query %} AND 1=1 {% endif %} ;;
            }
            """)
        #expect(result.tree == """
            derived_table@1:1 = block {@1:16
              sql@2:3 = sql "SELECT * FROM t\\n       WHERE {% condition f %} t.x {% endcondition %}\\n       {% if orders.status._in_query %} AND 1=1 {% endif %}"@2:8
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func joinsNestInsideExplores() {
        let result = parse("""
            explore: orders {
              join: users {
                type: left_outer
                sql_on: ${orders.user_id} = ${users.id} ;;
                relationship: many_to_one
              }
              join: items { from: order_items }
            }
            """)
        #expect(result.tree == """
            explore@1:1 = block orders@1:10 {@1:17
              join@2:3 = block users@2:9 {@2:15
                type@3:5 = bare "left_outer"@3:11
                sql_on@4:5 = sql "${orders.user_id} = ${users.id}"@4:13
                relationship@5:5 = bare "many_to_one"@5:19
              join@7:3 = block items@7:9 {@7:15
                from@7:17 = bare "order_items"@7:23
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func repeatedKeysAreKeptInOrder() {
        let result = parse("include: \"a\"\ninclude: \"b\"\ninclude: \"a\"")
        #expect(result.tree == """
            include@1:1 = quoted "a"@1:10
            include@2:1 = quoted "b"@2:10
            include@3:1 = quoted "a"@3:10
            """)
    }

    @Test func commentsEverywhere() {
        let result = parse("""
            # header
            view: v { # after brace
              # alone
              dimension: d # before brace
              { type: string # after value
              } # after close
              fields: [ # in list
                a, # after item
                # own line
                b
              ]
            } # end
            # trailer
            """)
        #expect(result.tree == """
            view@2:1 = block v@2:7 {@2:9
              dimension@4:3 = block d@4:14 {@5:3
                type@5:5 = bare "string"@5:11
              fields@7:3 = list [@7:11
                - bare "a"@8:5
                - bare "b"@10:5
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func hashInsideQuotedStringsIsNotAComment() {
        let result = parse("value_format: \"#,##0.00\" # real comment\nlabel: # comment before the value\n  \"x\"")
        #expect(result.tree == """
            value_format@1:1 = quoted "#,##0.00"@1:15
            label@2:1 = quoted "x"@3:3
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func pairsNeedNoNewlinesBetweenThem() {
        let result = parse("dimension: d { type: number sql: ${x} ;; hidden: yes }")
        #expect(result.tree == """
            dimension@1:1 = block d@1:12 {@1:14
              type@1:16 = bare "number"@1:22
              sql@1:29 = sql "${x}"@1:34
              hidden@1:42 = bare "yes"@1:50
            """)
    }

    @Test func crlfLineEndings() {
        let result = parse("view: v {\r\n  label: \"L\"\r\n  sql_table_name: t\r\n  ;;\r\n}\r\n")
        #expect(result.tree == """
            view@1:1 = block v@1:7 {@1:9
              label@2:3 = quoted "L"@2:10
              sql_table_name@3:3 = sql "t"@3:19
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func byteOrderMarkIsIgnored() {
        let result = parse("\u{FEFF}view: v { hidden: yes }")
        #expect(result.tree == """
            view@1:1 = block v@1:7 {@1:9
              hidden@1:11 = bare "yes"@1:19
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func columnsCountUnicodeScalars() {
        let result = parse("""
            label: "日本語のラベル" x: 1
            label: "تسمية عربية" y: 2
            label: "🚀 launch" z: 3
            """)
        #expect(result.tree == """
            label@1:1 = quoted "日本語のラベル"@1:8
            x@1:18 = bare "1"@1:21
            label@2:1 = quoted "تسمية عربية"@2:8
            y@2:22 = bare "2"@2:25
            label@3:1 = quoted "🚀 launch"@3:8
            z@3:19 = bare "3"@3:22
            """)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func veryLongSQL() {
        let body = String(repeating: "COALESCE(a, b) + # x\n", count: 5_000)  // about 100 KB
        let (file, diagnostics) = LookMLParser.parse("sql: \(body) ;;\nnext: 1", path: "long.lkml")
        #expect(body.utf8.count >= 100_000)
        #expect(diagnostics.isEmpty)
        #expect(file.pairs.count == 2)
        guard case .scalar(let sql) = file.pairs[0].value else {
            Issue.record("sql is not a scalar")
            return
        }
        #expect(sql.text == String(body.dropLast()))
        #expect(file.pairs[1].keyLocation.line == 5_002)
    }

    @Test func emptyAndBlankFiles() {
        #expect(parse("").tree.isEmpty)
        #expect(parse("").diagnostics.isEmpty)
        #expect(parse("  \n# only a comment\r\n\t").diagnostics.isEmpty)
        #expect(parse("\u{FEFF}").diagnostics.isEmpty)
    }
}
