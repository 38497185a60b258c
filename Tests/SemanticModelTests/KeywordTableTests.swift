import Testing
@testable import SemanticModel

@Suite struct KeywordTableTests {
    @Test func findsEveryKeyAndMissesOthers() {
        var entries: [String: Int] = [:]
        // More keys than the smallest table, long and short, to exercise probing and growth.
        for (i, key) in (KnownParameters.byContext.values.flatMap { $0 } + ["a", "", "a_much_longer_parameter_name_than_usual"]).enumerated() {
            entries[key] = entries[key] ?? i
        }
        let table = KeywordTable(entries)
        for (key, value) in entries { #expect(table[key] == value, "\(key)") }
        for missing in ["sqll", "SQL", "b", "labe", "label ", "dimension_groups", "日本"] {
            #expect(table[missing] == nil, "\(missing)")
        }
    }

    @Test func emptyTableAndSetForm() {
        #expect(KeywordTable<Int>([:])["x"] == nil)
        let set = KeywordTable<Void>(["sum", "count", "sum"])
        #expect(set.contains("sum") && set.contains("count") && !set.contains("min"))
    }
}
