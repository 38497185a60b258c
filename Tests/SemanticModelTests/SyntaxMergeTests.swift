import Testing
@testable import SemanticModel

@Suite("Merging bodies for refinements and extends")
struct SyntaxMergeTests {
    private func parse(_ text: String) -> [Pair] {
        let result = LookMLParser.parse("view: x {\n\(text)\n}", path: "m.lkml")
        guard case .block(let block)? = result.file.pairs.first?.value else { return [] }
        return block.pairs
    }

    private func describe(_ pairs: [Pair]) -> [String] {
        pairs.map { pair in
            switch pair.value {
            case .scalar(let s): "\(pair.key)=\(s.text)"
            case .list(let l): "\(pair.key)=[\(l.items.count)]"
            case .block(let b): "\(pair.key) \(b.name ?? "")(\(describe(b.pairs).joined(separator: ",")))"
            }
        }
    }

    @Test func fieldsMergeParameterByParameterAndNewOnesAppend() {
        let base = parse("label: \"A\"\ndimension: d { type: string sql: x ;; }\nmeasure: m { type: count }")
        let over = parse("dimension: d { label: \"D\" }\nlabel: \"B\"\nmeasure: n { type: sum sql: y ;; }")
        #expect(describe(SyntaxMerge.merge(base, over)) == [
            "label=B", "dimension d(type=string,sql=x,label=D)", "measure m(type=count)", "measure n(type=sum,sql=y)",
        ])
    }

    @Test func repeatedParametersAreReplacedAsAGroup() {
        let base = parse("parameter: p { allowed_value: { value: \"a\" } allowed_value: { value: \"b\" } }")
        let over = parse("parameter: p { allowed_value: { value: \"c\" } }")
        #expect(describe(SyntaxMerge.merge(base, over)) == ["parameter p(allowed_value (value=c))"])
    }

    @Test func allFieldKindsShareOneNamespace() {
        let base = parse("dimension: total { type: number }")
        let over = parse("measure: total { type: sum }")
        #expect(describe(SyntaxMerge.merge(base, over)) == ["measure total(type=sum)"])
    }
}
