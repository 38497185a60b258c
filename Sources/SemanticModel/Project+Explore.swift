extension Project {
    /// "explore" or "model/explore"; an error Diagnostic-style message naming the explore if unknown
    /// or ambiguous (`unknown explore 'x'; known explores: a, b`).
    public func explore(_ reference: String) throws -> (model: Model, explore: Explore) {
        let parts = reference.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2 {
            guard let model = model(named: parts[0]) else {
                throw SemanticError("unknown model '\(parts[0])'; known models: \(models.map(\.name).joined(separator: ", "))")
            }
            guard let explore = model.explore(named: parts[1]) else {
                throw SemanticError("unknown explore '\(parts[1])' in model '\(model.name)'; known explores: \(model.explores.map(\.name).joined(separator: ", "))")
            }
            return (model, explore)
        }
        let matches = models.compactMap { model in model.explore(named: reference).map { (model, $0) } }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            let known = models.flatMap { model in model.explores.map(\.name) }
            var seen: Set<String> = []
            let list = known.filter { seen.insert($0).inserted }.sorted()
            throw SemanticError("unknown explore '\(reference)'; known explores: \(list.isEmpty ? "(none)" : list.joined(separator: ", "))")
        }
        throw SemanticError("explore '\(reference)' is ambiguous: it is in models \(matches.map(\.0.name).joined(separator: ", ")); write model/\(reference)")
    }

    /// Every field reachable in an explore, as (alias, field), in a stable order (base view first, then
    /// joins in declaration order; fields in view order), honoring `allowedFields`.
    public func fields(in explore: Explore, of model: Model) -> [ExploreField] {
        var out: [ExploreField] = []
        func add(alias: String, view: String) {
            guard let view = model.views[view] else { return }
            for field in view.fields {
                let item = ExploreField(alias: alias, field: field)
                if let allowed = explore.allowedFields, !allowed.contains(item.name) { continue }
                out.append(item)
            }
        }
        add(alias: explore.alias, view: explore.baseView)
        for join in explore.joins { add(alias: join.name, view: join.view) }
        return out
    }

    /// The field an `alias.field` name refers to in an explore, if reachable.
    public func field(_ name: String, in explore: Explore, of model: Model) -> ExploreField? {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let viewName: String
        if parts[0] == explore.alias { viewName = explore.baseView } else if let join = explore.join(named: parts[0]) { viewName = join.view } else { return nil }
        guard let field = model.views[viewName]?.field(named: parts[1]) else { return nil }
        let item = ExploreField(alias: parts[0], field: field)
        if let allowed = explore.allowedFields, !allowed.contains(item.name) { return nil }
        return item
    }
}
