/// Finds fields, sets and joins declared twice in one written body.
///
/// This runs on the syntax of each file, before refinements and `extends` merge bodies: merging
/// treats a repeated name as an override, which is right across bodies and wrong within one.
enum DuplicateMembers {
    static func check(_ file: SyntaxFile, sink: DiagnosticSink) {
        for pair in file.pairs where pair.key == "view" || pair.key == "explore" {
            guard case .block(let block) = pair.value else { continue }
            // A table per namespace keyed by the name alone: hashing a (namespace, name) pair per
            // member was most of this check's time.
            var fields: [String: SourceLocation] = [:]
            var others: [String: [String: SourceLocation]] = [:]
            fields.reserveCapacity(block.pairs.count)
            let owner = block.name ?? pair.key
            for member in block.pairs {
                guard let namespace = SyntaxMerge.namespace(ofKey: member.key),
                      case .block(let inner) = member.value, let name = inner.name else { continue }
                let at = inner.nameLocation ?? member.keyLocation
                let first = namespace == "field"
                    ? fields.updateValue(at, forKey: name)
                    : others[namespace, default: [:]].updateValue(at, forKey: name)
                guard let first else { continue }
                // Keep the first definition's location for a third one.
                if namespace == "field" { fields[name] = first } else { others[namespace]![name] = first }
                let what = namespace == "field" ? "field" : member.key
                sink.error("\(what) '\(name)' is already defined in \(pair.key) '\(owner)' at \(first)", at: at)
            }
        }
    }
}
