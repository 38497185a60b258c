/// Checks a built model's access rules: every `required_access_grants` names a grant the model file
/// defines, every `access_filter` is on a dimension, and no explore hands a user a guarded field
/// through something unguarded.
///
/// "Unguarded" has two forms, both warnings (the query engine hides such fields at run time, so
/// they are mistakes that make fields vanish, not leaks):
/// - a field whose SQL reads (`${…}`) a field that needs grants it does not need itself;
/// - a view joined (or used as base) without the grants another join of the same view requires.
struct AccessChecks {
    let model: Model
    let sink: DiagnosticSink

    func check() {
        // Most models guard nothing; then only access filters are left to check, and the walks over
        // every field (a quarter of a 250-view load when they ran anyway) are skipped.
        let guards = model.explores.contains { $0.joins.contains { !$0.requiredAccessGrants.isEmpty } }
            || model.views.values.contains { view in
                !view.requiredAccessGrants.isEmpty || view.fields.contains { !$0.requiredAccessGrants.isEmpty }
            }
        checkGrantNames(includingViews: guards)
        for explore in model.explores where !explore.extensionRequired {
            checkAccessFilters(explore)
            if guards { checkReadsOfGuardedFields(explore) }
        }
        if guards { checkViewsGuardedInOneJoinOnly() }
    }

    /// `includingViews`: false when no view or field names a grant, so only explores and joins are read.
    private func checkGrantNames(includingViews: Bool) {
        func check(_ names: [String], of owner: String, at location: SourceLocation?) {
            for name in names where model.accessGrants[name] == nil {
                sink.error("\(owner) requires access grant '\(name)', which model '\(model.name)' does not define; "
                           + "add access_grant: \(name) { user_attribute: … allowed_values: [...] } to the model file", at: location)
            }
        }
        for explore in model.explores where !explore.extensionRequired {
            check(explore.requiredAccessGrants, of: "explore '\(explore.name)'", at: explore.location)
            for join in explore.joins { check(join.requiredAccessGrants, of: "join '\(join.name)' of explore '\(explore.name)'", at: join.location) }
        }
        for name in model.views.keys.sorted() where includingViews {
            let view = model.views[name]!
            check(view.requiredAccessGrants, of: "view '\(name)'", at: view.location)
            for field in view.fields where !field.requiredAccessGrants.isEmpty {
                // A dimension group's fields share one declaration: report it once.
                if let group = field.group, view.fields.first(where: { $0.group == group })?.name != field.name { continue }
                check(field.requiredAccessGrants, of: "field '\(field.qualifiedName)'", at: field.location)
            }
        }
    }

    /// The view behind an alias of the explore.
    private func view(alias: String, in explore: Explore) -> View? {
        if alias == explore.alias { return model.views[explore.baseView] }
        if let join = explore.join(named: alias) { return model.views[join.view] }
        return nil
    }

    private func checkAccessFilters(_ explore: Explore) {
        for filter in explore.accessFilters {
            let parts = filter.field.split(separator: ".", maxSplits: 1).map(String.init)
            // Unknown views and fields were reported by the explore's own checks.
            guard parts.count == 2, let field = view(alias: parts[0], in: explore)?.field(named: parts[1]) else { continue }
            if field.kind != .dimension {
                sink.error("access_filter of explore '\(explore.name)' is on \(field.kind.rawValue) '\(filter.field)'; it must be a dimension", at: filter.location)
            }
        }
    }

    /// Grants a user needs to see `field` of `alias` in the explore: the explore's, the join's, the view's, the field's.
    private func grants(of field: Field, alias: String, in explore: Explore, view: View) -> Set<String> {
        var out = Set(explore.requiredAccessGrants).union(view.requiredAccessGrants).union(field.requiredAccessGrants)
        if let join = explore.join(named: alias) { out.formUnion(join.requiredAccessGrants) }
        return out
    }

    private func checkReadsOfGuardedFields(_ explore: Explore) {
        let aliases = [explore.alias] + explore.joins.map(\.name)
        for alias in aliases {
            guard let view = view(alias: alias, in: explore) else { continue }
            for field in view.fields {
                let own = grants(of: field, alias: alias, in: explore, view: view)
                // What the field reads: `${…}` in its SQL, and its measure `filters:` fields.
                var reads: [(String?, String)] = []
                for template in [field.sql, field.sqlStart, field.sqlEnd, field.sqlDistinctKey].compactMap({ $0 }) {
                    for case .field(let refView, let refName) in template.fragments { reads.append((refView, refName)) }
                }
                for condition in field.filters {
                    let parts = condition.field.split(separator: ".", maxSplits: 1).map(String.init)
                    reads.append(parts.count == 2 ? (parts[0], parts[1]) : (nil, condition.field))
                }
                for (refView, refName) in reads {
                    let refAlias = refView.map { name in
                        aliases.contains(name) ? name : (explore.baseView == name ? explore.alias : explore.joins.first { $0.view == name }?.name ?? name)
                    } ?? alias
                    guard let target = self.view(alias: refAlias, in: explore), let read = target.field(named: refName) else { continue }
                    let missing = grants(of: read, alias: refAlias, in: explore, view: target).subtracting(own)
                    guard !missing.isEmpty else { continue }
                    sink.warning("field '\(alias).\(field.name)' in explore '\(explore.name)' reads '\(refAlias).\(refName)', which requires access grant"
                                 + "\(missing.count == 1 ? "" : "s") \(missing.sorted().map { "'\($0)'" }.joined(separator: ", ")) that '\(alias).\(field.name)' does not; "
                                 + "users without \(missing.count == 1 ? "it" : "them") cannot use '\(alias).\(field.name)' either: add the grant to it",
                                 at: field.location)
                }
            }
        }
    }

    /// A view one join guards with `required_access_grants` but another join (or an explore's base)
    /// exposes without them.
    private func checkViewsGuardedInOneJoinOnly() {
        var guards: [String: (grants: Set<String>, owner: String)] = [:]
        for explore in model.explores where !explore.extensionRequired {
            for join in explore.joins where !join.requiredAccessGrants.isEmpty {
                let all = Set(join.requiredAccessGrants).union(explore.requiredAccessGrants)
                if guards[join.view] == nil { guards[join.view] = (all, "join '\(join.name)' of explore '\(explore.name)'") }
            }
        }
        guard !guards.isEmpty else { return }
        for explore in model.explores where !explore.extensionRequired {
            let uses = [(explore.baseView, Set(explore.requiredAccessGrants), "explore '\(explore.name)'", explore.location)]
                + explore.joins.map { ($0.view, Set($0.requiredAccessGrants).union(explore.requiredAccessGrants), "join '\($0.name)' of explore '\(explore.name)'", $0.location) }
            for (viewName, grants, owner, location) in uses {
                guard let guarded = guards[viewName], guarded.owner != owner else { continue }
                let missing = guarded.grants.subtracting(grants)
                guard !missing.isEmpty else { continue }
                sink.warning("\(owner) exposes view '\(viewName)' without access grant\(missing.count == 1 ? "" : "s") "
                             + "\(missing.sorted().map { "'\($0)'" }.joined(separator: ", ")), which \(guarded.owner) requires for it; "
                             + "add required_access_grants to \(owner) or to view '\(viewName)'", at: location)
            }
        }
    }
}
