import SemanticModel

/// What one user may see of one model: `access_grant`s met by their attributes decide which
/// explores, joins, views and fields exist for them; `access_filter`s restrict every query's rows.
///
/// Hidden things do not exist for the user: they are "unknown", left out of every listing and every
/// did-you-mean. The model's own SQL (`sql_on`, `sql_always_where`, access filters, always_filter)
/// may still read them: that SQL is the deployer's, not the user's.
public struct AccessPolicy: Sendable {
    public let model: Model
    public let attributes: [String: String]
    public let userName: String

    public init(model: Model, attributes: [String: String], userName: String) {
        self.model = model
        self.attributes = attributes
        self.userName = userName
    }

    /// Whether the user meets every grant named (a grant the model does not define is never met).
    public func meets(_ grants: [String]) -> Bool {
        grants.allSatisfy { name in model.accessGrants[name].map { $0.isMet(by: attributes[$0.userAttribute]) } ?? false }
    }

    /// Whether the explore exists for the user: its own grants and its base view's.
    public func canSee(_ explore: Explore) -> Bool {
        meets(explore.requiredAccessGrants) && meets(model.views[explore.baseView]?.requiredAccessGrants ?? [])
    }

    /// Whether any grant guards the explore's joins, views or fields (if not, every field is visible).
    func guardsFields(of explore: Explore) -> Bool {
        let views = [explore.baseView] + explore.joins.map(\.view)
        if explore.joins.contains(where: { !$0.requiredAccessGrants.isEmpty }) { return true }
        return views.contains { name in
            guard let view = model.views[name] else { return false }
            return !view.requiredAccessGrants.isEmpty || view.fields.contains { !$0.requiredAccessGrants.isEmpty }
        }
    }

    /// The `alias.field` names of `explore` the user may see, or nil when no grant guards any of
    /// them. A field is visible when its join, view and own grants are met and every field its SQL
    /// reads is visible too (a dimension over a guarded column would otherwise show the column).
    public func visibleFields(of explore: Explore) -> Set<String>? {
        guard guardsFields(of: explore) else { return nil }
        var aliasView: [String: View] = [:]
        var aliasOK: [String: Bool] = [:]
        if let base = model.views[explore.baseView] {
            aliasView[explore.alias] = base
            aliasOK[explore.alias] = meets(base.requiredAccessGrants)
        }
        for join in explore.joins {
            guard let view = model.views[join.view] else { continue }
            aliasView[join.name] = view
            aliasOK[join.name] = meets(join.requiredAccessGrants) && meets(view.requiredAccessGrants)
        }
        func aliasOf(_ name: String) -> String? {
            if aliasView[name] != nil { return name }
            if explore.baseView == name { return explore.alias }
            return explore.joins.first { $0.view == name }?.name
        }
        var memo: [String: Bool] = [:]
        func visible(_ alias: String, _ fieldName: String, depth: Int) -> Bool {
            let key = alias + "." + fieldName
            if let known = memo[key] { return known }
            guard depth < 64, aliasOK[alias] == true, let view = aliasView[alias], let field = view.field(named: fieldName),
                  meets(field.requiredAccessGrants) else {
                memo[key] = false
                return false
            }
            memo[key] = true  // a reference cycle is reported elsewhere; assume visible while visiting
            var ok = true
            for template in [field.sql, field.sqlStart, field.sqlEnd, field.sqlDistinctKey].compactMap({ $0 }) where ok {
                for case .field(let refView, let refName) in template.fragments {
                    let target = refView.map { aliasOf($0) ?? $0 } ?? alias
                    // References to things outside the explore are the compiler's to refuse.
                    guard aliasView[target] != nil else { continue }
                    if !visible(target, refName, depth: depth + 1) { ok = false; break }
                }
            }
            // A measure's `filters:` read their fields too (a count filtered on a guarded amount tells about it).
            for condition in field.filters where ok {
                let parts = condition.field.split(separator: ".", maxSplits: 1).map(String.init)
                let (target, name) = parts.count == 2 ? (aliasOf(parts[0]) ?? parts[0], parts[1]) : (alias, condition.field)
                if aliasView[target] != nil, !visible(target, name, depth: depth + 1) { ok = false }
            }
            memo[key] = ok
            return ok
        }
        var out: Set<String> = []
        for (alias, view) in aliasView {
            for field in view.fields where visible(alias, field.name, depth: 0) { out.insert("\(alias).\(field.name)") }
        }
        if let allowed = explore.allowedFields { out.formIntersection(allowed) }
        return out
    }

    /// The explore as this user sees it: nil when hidden, else with `allowedFields` narrowed to the
    /// fields they may see (so field lists, pickers and dashboards built on it agree with the compiler).
    public func restrict(_ explore: Explore) -> Explore? {
        guard canSee(explore) else { return nil }
        guard let visible = visibleFields(of: explore) else { return explore }
        var out = explore
        out.allowedFields = visible
        return out
    }

    /// The project as a user with `attributes` sees it: explores they may not see removed, the others'
    /// fields narrowed. Views, dashboards and diagnostics are kept (the compiler still needs the views).
    public static func visibleProject(_ project: Project, attributes: [String: String], userName: String) -> Project {
        var out = project
        out.models = project.models.map { model in
            let policy = AccessPolicy(model: model, attributes: attributes, userName: userName)
            var m = model
            m.explores = model.explores.compactMap(policy.restrict)
            return m
        }
        return out
    }

    /// The user's value for an access filter. Lacking the attribute (or having it empty) refuses the
    /// whole query: it never runs unfiltered.
    func value(for filter: AccessFilter, of explore: Explore) throws -> String {
        guard let value = attributes[filter.userAttribute], !value.trimmingSpaces.isEmpty else {
            throw QueryError("explore '\(explore.name)' needs the user attribute '\(filter.userAttribute)', which \(userName) does not have")
        }
        return value
    }
}

extension QueryPlanner {
    /// Adds each `access_filter` of the explore to WHERE, so the main statement, totals, row totals,
    /// pivot values and every per-view aggregate see it. The filter's field may be hidden from the
    /// user; the model's SQL may use it. Advanced-filter values use Looker's filter-expression syntax
    /// (a comma list means any of its values).
    func applyAccessFilters() throws {
        for filter in ctx.explore.accessFilters {
            let value = try ctx.access.value(for: filter, of: ctx.explore)
            let (alias, field) = try ctx.resolve(filter.field, role: "access_filter field", asModel: true)
            guard field.kind == .dimension else {
                throw QueryError("access_filter of explore '\(exploreName)' is on \(field.kind.rawValue) '\(filter.field)'; it must be a dimension")
            }
            let condition: (sql: String, aliases: Set<String>)?
            do {
                condition = try renderer.dimensionFilter(alias: alias, field: field, expression: value)
            } catch {
                // The value is the deployer's, so naming the attribute leaks nothing.
                throw QueryError("the user attribute '\(filter.userAttribute)' of \(ctx.access.userName) is not a valid filter for '\(filter.field)': \(error)")
            }
            // A value matching every row (e.g. "%") is the deployer's choice.
            guard let condition else { continue }
            whereConditions.append(condition.sql)
            whereAliases.formUnion(condition.aliases)
        }
    }
}
