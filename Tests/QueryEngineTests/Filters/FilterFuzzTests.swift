import Foundation
import QueryEngine
import TestSupport
import Testing
import Warehouse

/// Random filter text from each grammar's own vocabulary (fixed seed): parsing either succeeds or
/// throws a FilterError, and whatever parses renders SQL the database accepts. A crash, a foreign
/// error or an SQL syntax error here means some input would be rendered wrongly in silence.
@Suite("Filter expressions under random input")
struct FilterFuzzTests {
    /// SplitMix64: tiny, deterministic, good enough to spread inputs.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static let vocabulary: [(FilterFieldType, String, [String])] = [
        (.string, "name", ["FOO", "%", "_", "-", "^", ",", "\\", "'", "\"", " ", "EMPTY", "NULL", "é☃", "x", ";", "--"]),
        (.number, "amount", ["1", "0.5", "-", ".", "<", ">", "=", "!", ",", "[", "]", "(", ")", " ", "AND", "OR",
                             "NOT", "NULL", "inf", "to", "9", "e"]),
        (.timestamp, "ts", ["2018/05/29", "2018", "2018-05", "10:00", "10:00:30", "for", "to", "last", "next", "this",
                            "complete", "ago", "from", "now", "before", "after", "3", "0", "days", "week", "months",
                            "quarter", "year", "hours", "minute", ",", "null", "not", "-null", "today", "x", "2018/13/45"]),
        (.yesno, "flag", ["yes", "No", "NULL", "-NULL", "not null", ",", " ", "maybe"]),
    ]

    /// Generates `count` inputs per field type and checks each against `connection`.
    static func run(_ connection: any Connection, dialect: any FilterSQLDialect, count: Int, seed: UInt64) throws -> (parsed: Int, rejected: Int) {
        var rng = Generator(state: seed)
        var parsed = 0, rejected = 0
        for (type, column, words) in vocabulary {
            for _ in 0..<count {
                var text = ""
                for _ in 0..<(1 + rng.next(6)) {
                    text += words[rng.next(words.count)]
                    if type == .timestamp || rng.next(3) == 0 { text += " " }
                }
                let expression: FilterExpression
                do { expression = try FilterExpression.parse(text, type: type, field: "items.\(column)") } catch {
                    #expect(error is FilterError, "parse threw \(error) for \(text)")
                    rejected += 1
                    continue
                }
                let condition: String
                do { condition = try expression.sql(column, dialect: dialect, context: FilterExecutionTests.context) } catch {
                    #expect(error is FilterError, "rendering threw \(error) for \(text)")
                    rejected += 1
                    continue
                }
                do {
                    _ = try connection.query("SELECT COUNT(*) FROM items WHERE \(condition)", maxRows: 1)
                    parsed += 1
                } catch {
                    Issue.record("\(text) (\(type)) rendered SQL the database refused: \(condition): \(error)")
                }
            }
        }
        return (parsed, rejected)
    }

    @Test func sqlite() throws {
        let fixture = try FilterExecutionTests.sqliteFixture()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let result = try Self.run(try Warehouse.connect(fixture.url), dialect: SQLiteFilterDialect(), count: 1500, seed: 42)
        // Both outcomes must occur, or the generator has drifted away from the grammar.
        #expect(result.parsed > 1000 && result.rejected > 500, "\(result)")
    }

    @Test func postgres() throws {
        let url = try FilterExecutionTests.postgresFixture()
        let result = try Self.run(try Warehouse.connect(url), dialect: PostgresFilterDialect(), count: 300, seed: 7)
        #expect(result.parsed > 200 && result.rejected > 100, "\(result)")
    }
}
