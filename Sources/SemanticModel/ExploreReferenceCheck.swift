/// Resolves `${alias.field}` references written inside views in the explore that uses them, as
/// Looker does: a reference to another view is valid wherever every explore exposing the field
/// joins that alias, so it can only be judged per explore.
///
/// Walks from every field the explore exposes (after `fields:` on the explore and its joins) and
/// every field its own SQL names (sql_on, sql_where, sql_always_where/having), through the
/// references of each field reached, under the alias it was reached by. A reference that names no
/// alias of the explore is reported once, at the reference, naming the explore (Looker: "view X is
/// not accessible in explore Y"); the sink drops the same mistake found again from another explore.
///
/// References to the owning view (`${field}`, `${own_view.field}`) are checked per view by
/// `ReferenceValidator`; here they only carry the walk on. Views whose fields never name another
/// view are skipped, so a model without cross-view references costs nothing here.
struct ExploreReferenceCheck {
    let explore: Explore
    /// Alias (explore alias, join names) → view name, for the usable aliases.
    let aliases: [String: String]
    let views: [String: ViewBuilder.Built]
    /// Views with at least one field referencing another view's field.
    let crossViews: Set<String>
    let sink: DiagnosticSink

    private struct Node: Hashable {
        var alias: String
        var field: Int
    }

    /// `starts`: `alias.field` names the explore itself uses in its SQL.
    func run(starts: [(alias: String, field: String)]) {
        guard !crossViews.isEmpty else { return }
        var stack: [Node] = []
        var seen: Set<Node> = []
        func push(_ alias: String, _ field: Int) {
            let node = Node(alias: alias, field: field)
            if seen.insert(node).inserted { stack.append(node) }
        }
        if let allowed = explore.allowedFields {
            for name in allowed {
                guard let dot = name.firstIndex(of: ".") else { continue }
                let alias = String(name[..<dot])
                guard let viewName = aliases[alias], crossViews.contains(viewName),
                      let i = views[viewName]?.index[String(name[name.index(after: dot)...])] else { continue }
                push(alias, i)
            }
        } else {
            for (alias, viewName) in aliases where crossViews.contains(viewName) {
                guard let built = views[viewName] else { continue }
                for i in built.view.fields.indices { push(alias, i) }
            }
        }
        for start in starts {
            guard let viewName = aliases[start.alias], crossViews.contains(viewName),
                  let i = views[viewName]?.index[start.field] else { continue }
            push(start.alias, i)
        }
        while let node = stack.popLast() {
            guard let viewName = aliases[node.alias], let built = views[viewName] else { continue }
            let field = built.view.fields[node.field]
            for ref in built.references[node.field] where ref.name != "SQL_TABLE_NAME" {
                guard let v = ref.view, v != viewName else {
                    // Same view: checked per view; follow it only if it can lead elsewhere.
                    if crossViews.contains(viewName), let i = built.index[ref.name] { push(node.alias, i) }
                    continue
                }
                guard let alias = alias(for: v), let targetView = aliases[alias], let target = views[targetView] else {
                    let message = "view '\(v)' is not accessible in explore '\(explore.name)': '\(ref.written)' in \(viewName).\(field.name) "
                        + "needs a join named '\(v)' there"
                    // Liquid can keep a reference out of the SQL (`{% if users._in_query %}${users.id}…`):
                    // without evaluating it here, only a query that really emits it is wrong.
                    if Self.hasLiquid(field) {
                        sink.warning(message + " (unless its Liquid leaves it out; a query that needs it is refused)", at: ref.location)
                    } else {
                        sink.error(message, at: ref.location)
                    }
                    continue
                }
                guard let i = target.index[ref.name] else {
                    sink.error("unknown field '\(ref.name)' in view '\(targetView)' referenced as '\(ref.written)'", at: ref.location)
                    continue
                }
                let targetField = target.view.fields[i]
                if targetField.kind == .measure {
                    if field.kind == .dimension || field.kind == .filter {
                        sink.error("\(field.kind.rawValue) '\(field.name)' cannot reference measure '\(targetField.name)'", at: ref.location)
                        continue
                    }
                    if field.kind == .measure && ViewBuilder.aggregateMeasureTypes.contains(field.type) {
                        sink.error("measure '\(field.name)' of type \(field.type) cannot aggregate measure '\(targetField.name)'; use type: number", at: ref.location)
                        continue
                    }
                }
                push(alias, i)
            }
        }
    }

    static func hasLiquid(_ field: Field) -> Bool {
        [field.sql, field.sqlStart, field.sqlEnd, field.sqlDistinctKey].contains { $0?.hasLiquid == true }
    }

    /// The alias `name` stands for in the explore: an alias itself, else a view joined (or based)
    /// under another name, as the query engine resolves it.
    private func alias(for name: String) -> String? {
        if aliases[name] != nil { return name }
        if explore.baseView == name, aliases[explore.alias] != nil { return explore.alias }
        return explore.joins.first { $0.view == name && aliases[$0.name] != nil }?.name
    }

    /// Views with a field that references another view's field (not `SQL_TABLE_NAME`).
    static func crossViews(_ views: [String: ViewBuilder.Built]) -> Set<String> {
        var out: Set<String> = []
        for (name, built) in views {
            search: for refs in built.references {
                for ref in refs where ref.view != nil && ref.view != name && ref.name != "SQL_TABLE_NAME" {
                    out.insert(name)
                    break search
                }
            }
        }
        return out
    }
}
