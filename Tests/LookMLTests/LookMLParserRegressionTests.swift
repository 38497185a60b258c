import Testing
import LookML

/// Inputs that once broke the parser or made it noisy, each named after the bug.
@Suite struct LookMLParserRegressionTests {
    /// Hostile nesting must neither overflow the stack nor report every enclosing block again.
    @Test func deepNestingOverflowsNoStackAndIsReportedOnce() {
        let (file, diagnostics) = LookMLParser.parse(String(repeating: "a: {", count: 10_000), path: "deep.lkml")
        #expect(diagnostics.map(\.description) == ["deep.lkml:1:404: error: blocks and lists are nested more than 100 levels deep"])
        #expect(file.pairs.count == 1)
    }

    /// Balanced but too deep: the rest of the file after the skipped part still parses.
    @Test func tooDeepBlockIsSkippedAndParsingContinues() {
        let deep = String(repeating: "a: {", count: 150) + String(repeating: "}", count: 150)
        let (file, diagnostics) = LookMLParser.parse(deep + "\nnext: 1", path: "deep.lkml")
        #expect(diagnostics.map(\.description) == ["deep.lkml:1:404: error: blocks and lists are nested more than 100 levels deep"])
        #expect(file.pairs.map(\.key) == ["a", "next"])
    }

    /// A list left open swallows the file; the blocks around it are a consequence, not new mistakes.
    @Test func listOpenAtEndOfFileIsOneDiagnostic() {
        let (_, diagnostics) = LookMLParser.parse("view: v {\n  dimension: d {\n    tags: [a,", path: "v.lkml")
        #expect(diagnostics.map(\.description) == ["v.lkml:3:11: error: expected ']' to close the list for 'tags', found end of file"])
    }

    /// Two blocks left open at the end: one missing-brace report, for the innermost block.
    @Test func nestedBlocksOpenAtEndOfFileAreOneDiagnostic() {
        let (_, diagnostics) = LookMLParser.parse("view: v {\n  dimension: d {\n", path: "v.lkml")
        #expect(diagnostics.map(\.description) == ["v.lkml:2:16: error: expected '}' to close the 'dimension: d' block, found end of file"])
    }

    /// Many unterminated SQL values used to rescan to the end of the file for each one.
    @Test func manyUnterminatedSQLValuesAreOneDiagnosticEach() {
        let (file, diagnostics) = LookMLParser.parse(String(repeating: "sql: SELECT 1\n", count: 3), path: "s.lkml")
        #expect(diagnostics.map(\.description) == [
            "s.lkml:1:1: error: sql value for 'sql' is not terminated by ';;'",
            "s.lkml:2:1: error: sql value for 'sql' is not terminated by ';;'",
            "s.lkml:3:1: error: sql value for 'sql' is not terminated by ';;'",
        ])
        #expect(file.pairs.count == 3)
    }
}
