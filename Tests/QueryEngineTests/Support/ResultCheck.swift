import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// Cell-by-cell comparison of a generated query's result with a hand-written one.
enum ResultCheck {
    /// A cell as comparable text: numbers of any type rounded to 6 decimals, NULL as "NULL".
    static func cell(_ value: Value) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return number(Double(i))
        case .double(let d): return number(d)
        case .decimal(let s): return number(Double(s) ?? .nan)
        case .string(let s): return s
        case .date(let d): return d.description
        case .timestamp(let t): return t.description
        }
    }

    static func number(_ d: Double) -> String {
        let r = (d * 1_000_000).rounded() / 1_000_000
        return r == 0 ? "0" : String(format: "%.6f", r)
    }

    static func rows(_ result: ResultSet) -> [[String]] { result.rows.map { $0.map(cell) } }

    /// Expects the same rows (as a multiset unless `ordered`), printing both SQL texts on failure.
    static func expectSame(_ generated: ResultSet, _ expected: ResultSet, sql: String, handSQL: String, db: String,
                           ordered: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var a = rows(generated), b = rows(expected)
        if !ordered {
            a.sort { $0.lexicographicallyPrecedes($1) }
            b.sort { $0.lexicographicallyPrecedes($1) }
        }
        #expect(a == b, "on \(db)\n--- generated SQL:\n\(sql)\n--- hand-written SQL:\n\(handSQL)\n--- got:\n\(a)\n--- expected:\n\(b)",
                sourceLocation: sourceLocation)
        #expect(!b.isEmpty, "the hand-written query returned no rows on \(db), so the comparison proves nothing", sourceLocation: sourceLocation)
    }

    /// Compiles `spec` for `db`, runs it and the hand-written SQL, and compares every cell.
    @discardableResult
    static func check(_ spec: QuerySpec, on db: ShopFixture.Database, hand: String, options: CompileOptions = CompileOptions(),
                      ordered: Bool = false, project: Project = ShopFixture.project,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> CompiledQuery {
        let compiled = try QueryCompiler.compile(spec, project: project, dialect: db.dialect, options: options)
        let got: ResultSet
        do { got = try db.query(compiled.sql) } catch {
            Issue.record("generated SQL failed on \(db.name): \(error)\n\(compiled.sql)", sourceLocation: sourceLocation)
            return compiled
        }
        let expected = try db.query(hand)
        expectSame(got, expected, sql: compiled.sql, handSQL: hand, db: db.name, ordered: ordered, sourceLocation: sourceLocation)
        return compiled
    }
}
