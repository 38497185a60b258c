/// Finds fields, sets and joins declared twice in one written body.
///
/// This runs on the syntax of each file, before refinements and `extends` merge bodies: merging
/// treats a repeated name as an override, which is right across bodies and wrong within one.
enum DuplicateMembers {
    private struct Key: Hashable {
        var namespace: String
        var name: String
    }

    static func check(_ file: SyntaxFile, sink: DiagnosticSink) {
        for pair in file.pairs where pair.key == "view" || pair.key == "explore" {
            guard case .block(let block) = pair.value else { continue }
            var seen: [Key: SourceLocation] = [:]
            // Sized once: growing the table while filling it was most of this check's time.
            seen.reserveCapacity(block.pairs.count)
            let owner = block.name ?? pair.key
            for member in block.pairs {
                guard let namespace = SyntaxMerge.namespace(ofKey: member.key),
                      case .block(let inner) = member.value, let name = inner.name else { continue }
                let at = inner.nameLocation ?? member.keyLocation
                let key = Key(namespace: namespace, name: name)
                if let first = seen[key] {
                    let what = namespace == "field" ? "field" : member.key
                    sink.error("\(what) '\(name)' is already defined in \(pair.key) '\(owner)' at \(first)", at: at)
                } else {
                    seen[key] = at
                }
            }
        }
    }
}
