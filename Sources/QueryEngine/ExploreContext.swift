import SemanticModel

/// One explore made ready for compiling: aliases mapped to views, fields indexed by name, and the
/// join tree (who each join hangs from) that fan-out analysis walks.
///
/// Built once per compile from only the views this explore touches, so a 250-view model costs no more
/// than a 5-view one.
final class ExploreContext {
    let model: Model
    let explore: Explore
    /// Alias (explore alias or join name) → its view.
    let views: [String: View]
    /// Join name → join.
    let joins: [String: Join]
    /// Join name → aliases its ON clause needs (sql_on references, foreign_key owner, required_joins).
    let dependencies: [String: [String]]
    /// Join name → the alias it hangs from in the tree (the last of its ON dependencies in join order).
    let parent: [String: String]
    /// Join name → its position in the explore, for stable ordering.
    let joinOrder: [String: Int]
    /// Join name → why it cannot be joined (its view is undefined, or it requires a join the explore
    /// lacks). A broken join is in neither `views` nor `joins`: only queries that need it fail, with
    /// this sentence (`requireJoinable`), and the rest of the explore keeps answering.
    let broken: [String: String]
    /// Alias → field name → position in the view's `fields` (positions, not copies of Field values).
    private var fieldIndex: [String: [String: Int]] = [:]
    private var ancestryCache: [String: [String]] = [:]
    /// What the user may see (`AccessPolicy`); `visible` is nil when no grant guards a field here.
    let access: AccessPolicy
    private lazy var visible: Set<String>? = access.visibleFields(of: explore)

    var base: String { explore.alias }

    convenience init(project: Project, exploreName: String, attributes: [String: String] = [:], userName: String = "the current user") throws {
        let (model, explore) = try Self.find(project: project, name: exploreName) { model in
            AccessPolicy(model: model, attributes: attributes, userName: userName)
        }
        try self.init(model: model, explore: explore, attributes: attributes, userName: userName)
    }

    init(model: Model, explore: Explore, attributes: [String: String] = [:], userName: String = "the current user") throws {
        self.model = model
        self.explore = explore
        self.access = AccessPolicy(model: model, attributes: attributes, userName: userName)
        var views: [String: View] = [:]
        guard let baseView = model.views[explore.baseView] else {
            throw QueryError("explore '\(explore.name)' reads view '\(explore.baseView)', which model '\(model.name)' does not define")
        }
        views[explore.alias] = baseView
        var joins: [String: Join] = [:]
        var order: [String: Int] = [:]
        var broken: [String: String] = [:]
        for (i, join) in explore.joins.enumerated() {
            guard let view = model.views[join.view] else {
                broken[join.name] = "join '\(join.name)' in explore '\(explore.name)' uses view '\(join.view)', which model '\(model.name)' does not define"
                continue
            }
            views[join.name] = view
            joins[join.name] = join
            order[join.name] = i
        }
        for join in explore.joins where broken[join.name] == nil {
            if let missing = join.requiredJoins.first(where: { $0 != join.name && $0 != explore.alias && joins[$0] == nil && broken[$0] == nil }) {
                broken[join.name] = "join '\(join.name)' in explore '\(explore.name)' requires join '\(missing)', which the explore does not have"
                views[join.name] = nil
                joins[join.name] = nil
            }
        }
        self.views = views
        self.joins = joins
        self.joinOrder = order
        self.broken = broken

        // Resolve each join's dependencies by name only; view names inside sql_on map to aliases.
        var deps: [String: [String]] = [:]
        var parent: [String: String] = [:]
        func aliasFor(_ name: String) -> String? {
            if views[name] != nil || broken[name] != nil { return name }
            if explore.baseView == name { return explore.alias }
            return explore.joins.first { $0.view == name }?.name
        }
        for join in explore.joins {
            var onDeps: [String] = []
            for fragment in (join.sqlOn?.fragments ?? []) + (join.sql?.fragments ?? []) {
                if case .field(let v?, _) = fragment, let a = aliasFor(v), a != join.name, !onDeps.contains(a) { onDeps.append(a) }
            }
            if let fk = join.foreignKey {
                let owner = fk.contains(".") ? String(fk[..<fk.firstIndex(of: ".")!]) : explore.alias
                if let a = aliasFor(owner), a != join.name, !onDeps.contains(a) { onDeps.append(a) }
            }
            let hang = onDeps.max { (order[$0] ?? -1) < (order[$1] ?? -1) } ?? explore.alias
            parent[join.name] = hang
            var all = onDeps
            for r in join.requiredJoins where r != join.name && r != explore.alias && !all.contains(r) && (joins[r] != nil || broken[r] != nil) {
                all.append(r)
            }
            deps[join.name] = all
        }
        self.dependencies = deps
        self.parent = parent
    }

    /// The explore by name, among those the user may see: a hidden explore is as unknown as a misspelt one.
    private static func find(project: Project, name: String, policy: (Model) -> AccessPolicy) throws -> (Model, Explore) {
        if let slash = name.firstIndex(of: "/") {
            let modelName = String(name[..<slash]), exploreName = String(name[name.index(after: slash)...])
            guard let model = project.model(named: modelName) else { throw QueryError("unknown model '\(modelName)' in explore '\(name)'") }
            guard let explore = model.explore(named: exploreName), policy(model).canSee(explore) else {
                throw QueryError("unknown explore '\(exploreName)' in model '\(modelName)'")
            }
            return (model, explore)
        }
        let hits = project.models.compactMap { m in m.explore(named: name).flatMap { policy(m).canSee($0) ? (m, $0) : nil } }
        if hits.count > 1 {
            throw QueryError("explore '\(name)' is defined in models \(hits.map { "'\($0.0.name)'" }.joined(separator: " and ")); name it as 'model/\(name)'")
        }
        guard let hit = hits.first else {
            let all = project.models.flatMap { m in m.explores.filter { policy(m).canSee($0) }.map(\.name) }
            throw QueryError("unknown explore '\(name)'" + Suggest.didYouMean(name, among: all))
        }
        return hit
    }

    /// Throws the one-sentence reason when `alias` is a broken join; a query that needs it stops here.
    func requireJoinable(_ alias: String) throws {
        if let reason = broken[alias] { throw QueryError(reason) }
    }

    /// The alias a `${name.field}` reference means: a join name or explore alias, else a view name.
    /// A broken join's name is an alias too, so that whoever needs it meets `requireJoinable`.
    func alias(for name: String) -> String? {
        if views[name] != nil || broken[name] != nil { return name }
        if explore.baseView == name { return base }
        return explore.joins.first { $0.view == name }?.name
    }

    /// The field `name` of the view behind `alias`. Small views are scanned (a few short string
    /// compares beat hashing); large ones get a name → position index built on first use.
    func field(_ name: String, of alias: String) -> Field? {
        if let f = declaredField(name, of: alias) { return f }
        return locationPart(name, of: alias)
    }

    /// `loc_latitude` / `loc_longitude` of a `type: location` dimension `loc`: its
    /// `sql_latitude`/`sql_longitude` as hidden number dimensions.
    private func locationPart(_ name: String, of alias: String) -> Field? {
        let latitude = name.hasSuffix("_latitude")
        guard latitude || name.hasSuffix("_longitude") else { return nil }
        let base = String(name.dropLast(latitude ? 9 : 10))
        guard let location = declaredField(base, of: alias), location.type == "location",
              let sql = latitude ? location.sqlLatitude : location.sqlLongitude else { return nil }
        var part = Field(view: location.view, name: name, kind: .dimension, type: "number")
        part.sql = sql
        part.hidden = true
        part.location = location.location
        return part
    }

    private func declaredField(_ name: String, of alias: String) -> Field? {
        guard let view = views[alias] else { return nil }
        if view.fields.count <= 64 {
            for f in view.fields where f.name == name { return f }
            return nil
        }
        if let index = fieldIndex[alias] { return index[name].map { view.fields[$0] } }
        var index: [String: Int] = [:]
        index.reserveCapacity(view.fields.count)
        for (i, f) in view.fields.enumerated() where index[f.name] == nil { index[f.name] = i }
        fieldIndex[alias] = index
        return index[name].map { view.fields[$0] }
    }

    /// Resolves a user-facing `alias.field` name, with a did-you-mean on failure. A field the user may
    /// not see is unknown; `asModel` resolves a name the model wrote (always_filter, access_filter).
    func resolve(_ qualified: String, role: String = "field", asModel: Bool = false) throws -> (alias: String, field: Field) {
        guard let dot = qualified.firstIndex(of: ".") else {
            throw QueryError("\(role) '\(qualified)' must be written as 'view.field' in explore '\(explore.name)'")
        }
        let aliasName = String(qualified[..<dot]), fieldName = String(qualified[qualified.index(after: dot)...])
        // A broken join the user may see answers with its reason; one they may not see stays unknown.
        if broken[aliasName] != nil, access.meets(explore.joins.first { $0.name == aliasName }?.requiredAccessGrants ?? []) {
            try requireJoinable(aliasName)
        }
        if views[aliasName] != nil, let f = field(fieldName, of: aliasName), asModel || visible?.contains(qualified) != false {
            if !asModel, let allowed = explore.allowedFields, !allowed.contains(qualified) {
                throw QueryError("\(role) '\(qualified)' is not available in explore '\(explore.name)'")
            }
            return (aliasName, f)
        }
        throw QueryError("unknown \(role) '\(qualified)' in explore '\(explore.name)'" + Suggest.didYouMean(qualified, among: allFieldNames()))
    }

    /// Every `alias.field` of the explore (only for error messages).
    func allFieldNames() -> [String] {
        var out: [String] = []
        for (alias, view) in views { for f in view.fields { out.append("\(alias).\(f.name)") } }
        if let visible { out.removeAll { !visible.contains($0) } }
        return out.sorted()
    }

    /// The aliases to join for `needed`, closed over ON dependencies, in an order where every join
    /// follows the joins its ON clause uses (ties keep the explore's order).
    func joinClosure(_ needed: Set<String>) throws -> [String] {
        var ordered: [String] = []
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        func visit(_ alias: String) throws {
            if alias == base || state[alias] == 2 { return }
            try requireJoinable(alias)
            if state[alias] == 1 { throw QueryError("joins in explore '\(explore.name)' depend on each other in a cycle through '\(alias)'") }
            state[alias] = 1
            for d in dependencies[alias] ?? [] { try visit(d) }
            state[alias] = 2
            ordered.append(alias)
        }
        for alias in needed.sorted(by: { (joinOrder[$0] ?? -1) < (joinOrder[$1] ?? -1) }) { try visit(alias) }
        return ordered
    }

    /// The aliases from `alias` up to the root of the join tree, `alias` first.
    private func ancestry(_ alias: String) -> [String] {
        if let cached = ancestryCache[alias] { return cached }
        var chain = [alias]
        var current = alias
        while let p = parent[current], chain.count <= joins.count + 1 {
            chain.append(p)
            current = p
        }
        ancestryCache[alias] = chain
        return chain
    }

    /// Whether one row of `from` can meet many rows of `to` through the tree path between them:
    /// a one_to_many/many_to_many edge walked downward, a many_to_one/many_to_many edge walked
    /// upward, or a cross join either way.
    func multiplies(from: String, to: String) -> Bool {
        if from == to { return false }
        let up = ancestry(from), down = ancestry(to)
        guard let meet = up.first(where: { down.contains($0) }) else { return true }
        for node in up {
            if node == meet { break }
            guard let join = joins[node] else { continue }
            if join.kind == .cross || join.relationship == .manyToOne || join.relationship == .manyToMany { return true }
        }
        for node in down {
            if node == meet { break }
            guard let join = joins[node] else { continue }
            if join.kind == .cross || join.relationship == .oneToMany || join.relationship == .manyToMany { return true }
        }
        return false
    }

    /// Whether `alias`'s rows are repeated by some other alias in `joined` (the query's FROM).
    func isFannedOut(_ alias: String, in joined: [String]) -> Bool {
        if multiplies(from: alias, to: base) { return true }
        return joined.contains { multiplies(from: alias, to: $0) }
    }
}
