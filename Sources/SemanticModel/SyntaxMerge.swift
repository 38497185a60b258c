/// Merges LookML bodies the way refinements and `extends` do: a later body overrides an earlier
/// one parameter by parameter.
///
/// Named members (fields, sets, joins) merge by name, recursively, so a refinement that only sets
/// `label:` on a dimension keeps the dimension's `sql:`. Other parameters are replaced whole; a
/// repeatable parameter (`allowed_value`, block-form `filters`) is replaced as a group. Pairs keep
/// their own source locations, so a diagnostic about merged LookML points to where it was written.
enum SyntaxMerge {
    /// Keys whose block name identifies a member, with the namespace the name lives in (all field
    /// kinds share one namespace, as in Looker).
    static func namespace(ofKey key: String) -> String? {
        switch key {
        case "dimension", "dimension_group", "measure", "filter", "parameter": "field"
        case "set": "set"
        case "join": "join"
        default: nil
        }
    }

    private struct MemberKey: Hashable {
        var namespace: String
        var name: String
    }

    static func merge(_ base: [Pair], _ over: [Pair]) -> [Pair] {
        // Whole-value parameters of `over`, grouped by key (order kept).
        var replaced: [String: [Pair]] = [:]
        for pair in over where memberName(pair) == nil {
            replaced[pair.key, default: []].append(pair)
        }
        var result: [Pair] = []
        result.reserveCapacity(base.count + over.count)
        var placed: Set<String> = []
        var index: [MemberKey: Int] = [:]
        for pair in base {
            if let member = memberName(pair) {
                index[member] = result.count
                result.append(pair)
            } else if let replacements = replaced[pair.key] {
                if placed.insert(pair.key).inserted { result.append(contentsOf: replacements) }
            } else {
                result.append(pair)
            }
        }
        for pair in over {
            if let member = memberName(pair) {
                if let at = index[member], case .block(let old) = result[at].value, case .block(let new) = pair.value {
                    var merged = new
                    merged.pairs = merge(old.pairs, new.pairs)
                    result[at] = Pair(key: pair.key, keyLocation: pair.keyLocation, value: .block(merged))
                } else if let at = index[member] {
                    result[at] = pair
                } else {
                    index[member] = result.count
                    result.append(pair)
                }
            } else if placed.insert(pair.key).inserted {
                result.append(contentsOf: replaced[pair.key] ?? [])
            }
        }
        return result
    }

    private static func memberName(_ pair: Pair) -> MemberKey? {
        guard let ns = namespace(ofKey: pair.key), case .block(let block) = pair.value, let name = block.name else { return nil }
        return MemberKey(namespace: ns, name: name)
    }
}
