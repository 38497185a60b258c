import Foundation
import QueryEngine
import Testing

@Suite("String filter expressions")
struct StringFilterTests {
    func items(_ text: String) throws -> [String] {
        let e = try FilterExpression.parse(text, type: .string, field: "users.name")
        guard case .string(let items) = e.node else { return ["not a string node: \(e.node)"] }
        return items.map(\.description)
    }

    func sql(_ text: String) throws -> String {
        try FilterExpression.parse(text, type: .string, field: "users.name")
            .sql("name", dialect: SQLiteFilterDialect(), context: FilterContext(now: Date(), timeZone: TimeZone(identifier: "UTC")!))
    }

    @Test func plainValuesAndLists() throws {
        #expect(try items("FOO") == ["equals(FOO)"])
        #expect(try items("FOO, BAR") == ["equals(FOO)", "equals(BAR)"])
        #expect(try items(" FOO ,BAR ,, ") == ["equals(FOO)", "equals(BAR)"])
        #expect(try sql("FOO, BAR") == "name IN ('FOO', 'BAR')")
    }

    @Test func wildcardsBecomeEscapedLikePatterns() throws {
        #expect(try items("%FOO%") == ["like(%FOO%)"])
        #expect(try items("FOO%") == ["like(FOO%)"])
        #expect(try items("%FOO") == ["like(%FOO)"])
        #expect(try items("F%OD") == ["like(F%OD)"])
        #expect(try items("_UF") == ["like(_UF)"])
        // Escaped wildcards stay literal; when no wildcard is left the item is plain equality.
        #expect(try items("50^%") == ["equals(50%)"])
        #expect(try items("%50^%^_off%") == ["like(%50\\%\\_off%)"])
        #expect(try items("%back\\slash%") == ["like(%back\\\\slash%)"])
        #expect(try sql("%FOO%") == "(name LIKE '%FOO%' ESCAPE '\\')")
    }

    @Test func negationKeywordsAndCombination() throws {
        #expect(try items("-FOO") == ["-equals(FOO)"])
        #expect(try items("-%FOO%") == ["-like(%FOO%)"])
        #expect(try items("- FOO, -  %BAR") == ["-equals(FOO)", "-like(%BAR)"])
        #expect(try items("EMPTY, -EMPTY, NULL, -NULL, null") == ["EMPTY", "-EMPTY", "NULL", "-NULL", "NULL"])
        #expect(try sql("-FOO") == "(name <> 'FOO' OR name IS NULL)")
        #expect(try sql("-FOO,-BAR") == "(name NOT IN ('FOO', 'BAR') OR name IS NULL)")
        #expect(try sql("FOO%,-FOOD") == "((name LIKE 'FOO%' ESCAPE '\\') AND (name <> 'FOOD' OR name IS NULL))")
        #expect(try sql("EMPTY") == "(name IS NULL OR name = '')")
        #expect(try sql("-EMPTY") == "(name IS NOT NULL AND name <> '')")
        #expect(try sql("-NULL") == "name IS NOT NULL")
    }

    @Test func caretEscapesAndQuotes() throws {
        #expect(try items("Santa Cruz^, CA") == ["equals(Santa Cruz, CA)"])
        #expect(try items("Santa Cruz\\, CA") == ["equals(Santa Cruz, CA)"])
        #expect(try items("^-minus") == ["equals(-minus)"])
        #expect(try items("^^caret") == ["equals(^caret)"])
        #expect(try items("say ^\"hi^\"") == ["equals(say \"hi\")"])
        #expect(try items("^NULL") == ["equals(NULL)"])
        #expect(try items("-'NULL'") == ["-equals(NULL)"])
        #expect(try items("\"a, b\", 'EMPTY'") == ["equals(a, b)", "equals(EMPTY)"])
        #expect(try items("\"%literal%\"") == ["equals(%literal%)"])
        // A quote inside a value is just a character.
        #expect(try items("O'Brien") == ["equals(O'Brien)"])
        #expect(try items("'open") == ["equals('open)"])
        #expect(try items("in-between") == ["equals(in-between)"])
        #expect(try items("-") == ["equals(-)"])
    }

    @Test func hostileTextOnlyReachesSQLThroughTheDialect() throws {
        #expect(try sql("x'); DROP TABLE users; --") == "name = 'x''); DROP TABLE users; --'")
        #expect(try sql("%' OR '1'='1") == "(name LIKE '%'' OR ''1''=''1' ESCAPE '\\')")
        #expect(try items("Ünïcødé ☃") == ["equals(Ünïcødé ☃)"])
    }

    @Test func nulByteIsRejectedByTheParserAndTheDialect() throws {
        do { _ = try sql("a\u{0}b"); Issue.record("NUL was accepted") } catch {
            #expect("\(error)" == "invalid filter for 'users.name': expected text without NUL characters but found '\\u{0}' in 'a\\u{0}b'")
        }
        let direct = FilterExpression(field: "users.name", type: .string, text: "a?b",
                                      node: .string([StringFilterItem(negated: true, match: .like("%a\u{0}b%"))]))
        #expect(throws: SQLiteFilterDialect.Unrepresentable.self) {
            try direct.sql("name", dialect: SQLiteFilterDialect(), context: FilterContext(now: Date(), timeZone: TimeZone(identifier: "UTC")!))
        }
    }

    @Test func emptyTextMatchesEverything() throws {
        let e = try FilterExpression.parse("   ", type: .string, field: "users.name")
        #expect(e.isMatchAll)
        #expect(try sql("") == "1=1")
    }
}
