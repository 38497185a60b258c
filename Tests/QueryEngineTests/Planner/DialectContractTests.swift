import Foundation
import QueryEngine
import SemanticModel
import Testing

/// Every dialect honours the same contract; the loop fails if the registry shrinks.
@Suite struct DialectContractTests {
    static let hostile = ["plain", "O'Brien", "''", "\\", "\\'", "x'); DROP TABLE users; --", "back\\slash\\", "tab\t", "new\nline", "Zoë 😀", "\"", "`"]

    @Test func registryHasEveryDialect() throws {
        let names = Dialects.all.map(\.name)
        #expect(names.count >= 6)
        #expect(Set(names) == ["postgres", "sqlite", "duckdb", "snowflake", "bigquery", "redshift"])
        for name in names { #expect(try Dialects.named(name).name == name) }
        #expect(Dialects.all.filter(\.executes).map(\.name) == ["postgres", "sqlite", "snowflake"])
    }

    /// Reads a string literal back the way `dialect` lexes it; nil if the literal ends early or is malformed.
    static func unquoteString(_ literal: String, backslashEscapes: Bool) -> String? {
        var chars = Array(literal)
        guard chars.count >= 2, chars.first == "'", chars.last == "'" else { return nil }
        chars = Array(chars.dropFirst())
        var out = "", i = 0
        while i < chars.count {
            let c = chars[i]
            if backslashEscapes && c == "\\" {
                guard i + 1 < chars.count else { return nil }
                let n = chars[i + 1]
                out.append(n == "n" ? "\n" : n == "r" ? "\r" : n == "t" ? "\t" : n)
                i += 2
            } else if c == "'" {
                if i + 1 < chars.count && chars[i + 1] == "'" { out.append("'"); i += 2 } else { return i == chars.count - 1 ? out : nil }
            } else {
                out.append(c)
                i += 1
            }
        }
        return nil
    }

    @Test func stringLiteralsReadBackExactly() throws {
        for dialect in Dialects.all {
            let backslash = ["bigquery", "snowflake", "redshift"].contains(dialect.name)
            for value in Self.hostile {
                let literal = try dialect.stringLiteral(value)
                #expect(Self.unquoteString(literal, backslashEscapes: backslash) == value, "\(dialect.name): \(literal)")
            }
            #expect(throws: QueryError.self) { try dialect.stringLiteral("a\u{0}b") }
        }
    }

    @Test func identifiersAreQuotedSafely() {
        for dialect in Dialects.all {
            for name in ["select", "order items", "a\"b", "a`b", "café", "x.y"] {
                let quoted = dialect.quoteIdentifier(name)
                let q = quoted.first!
                #expect(quoted.count >= name.count + 2 && quoted.last == q)
                let inner = String(quoted.dropFirst().dropLast())
                // Every quote character inside is escaped (doubled, or backslash-escaped for BigQuery).
                let unescaped = q == "`" ? inner.replacingOccurrences(of: "\\`", with: "").replacingOccurrences(of: "\\\\", with: "")
                                         : inner.replacingOccurrences(of: String([q, q]), with: "")
                #expect(!unescaped.contains(q), "\(dialect.name): \(quoted)")
            }
        }
    }

    static let battery: [QuerySpec] = [
        QuerySpec(explore: "users", fields: ["users.state", "users.count", "orders.total_amount", "order_items.total_sale_price", "events.count"]),
        QuerySpec(explore: "users", fields: ["order_items.product", "users.average_age", "users.median_age", "orders.p75_amount"]),
        QuerySpec(explore: "users", fields: ["users.state", "order_items.order_amount_distinct", "orders.amount_per_user", "orders.completion_rate"]),
        QuerySpec(explore: "orders", fields: ["users.state", "orders.count"], pivots: ["orders.status"], totals: true, rowTotals: true),
        QuerySpec(explore: "users", fields: ["users.id"] + DimensionTypeTests.timeframes.map { "users.created_\($0)" } + ["users.is_vip", "users.age_tier", "users.zip"]),
        QuerySpec(explore: "orders", fields: ["orders.days_fulfillment", "orders.count"],
                  filters: [FilterCondition(field: "orders.created_date", expression: "last 7 days"), FilterCondition(field: "users.name", expression: "%Brien,-Zoë"),
                            FilterCondition(field: "users.is_vip", expression: "yes"), FilterCondition(field: "orders.amount", expression: "[1, 100]")]),
        QuerySpec(explore: "guarded_orders", fields: ["orders.status", "orders.count", "users.count"], filters: [FilterCondition(field: "orders.count", expression: ">1")]),
    ]

    @Test func everyDialectCompilesTheBatteryWithLimitsAndNullOrdering() throws {
        for dialect in Dialects.all {
            for spec in Self.battery {
                let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: dialect)
                #expect(compiled.sql.contains("\nLIMIT "), "\(dialect.name)")
                #expect(compiled.sql.contains("NULLS FIRST") || compiled.sql.contains("NULLS LAST"), "\(dialect.name)")
                #expect(compiled.dialect == dialect.name)
            }
        }
    }

    @Test func namedTimeZonesAreUnsupportedOnlyWhereTheDialectCannotExpressThem() throws {
        var options = CompileOptions()
        options.queryTimeZone = TimeZone(identifier: "Europe/Paris")!
        let spec = QuerySpec(explore: "users", fields: ["users.created_date", "users.count"])
        for dialect in Dialects.all {
            do {
                let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: dialect, options: options)
                #expect(dialect.name != "sqlite")
                #expect(compiled.sql.contains("Europe/Paris"), "\(dialect.name)")
            } catch let error as QueryError {
                #expect(dialect.name == "sqlite")
                #expect(error.description.contains("not supported by the sqlite dialect"))
            }
        }
    }
}
