/// Checks dashboards against the loaded models: every tile's explore exists and every field a
/// tile, a merged query or a filter names is reachable in its explore or is one of the tile's
/// dynamic fields; `listen` names dashboard filters; `join_fields` name fields of the queries
/// they line up.
struct DashboardValidator {
    let project: Project
    let sink: DiagnosticSink

    func validate() {
        var fieldCache: [String: Set<String>] = [:]
        func fields(_ model: Model, _ explore: Explore) -> Set<String> {
            let key = "\(model.name)/\(explore.name)"
            if let cached = fieldCache[key] { return cached }
            let names = Set(project.fields(in: explore, of: model).map(\.name))
            fieldCache[key] = names
            return names
        }
        func lookup(model: String?, explore: String?, at location: SourceLocation?, owner: String) -> (Model, Explore)? {
            guard let explore else {
                sink.error("\(owner) needs 'explore:'", at: location)
                return nil
            }
            let reference = model.map { "\($0)/\(explore)" } ?? explore
            do {
                return try project.explore(reference)
            } catch {
                sink.error("\(error) (in \(owner))", at: location)
                return nil
            }
        }
        for dashboard in project.dashboards {
            let filterNames = Set(dashboard.filters.map(\.name))
            for filter in dashboard.filters where filter.explore != nil || filter.field != nil {
                guard let (model, explore) = lookup(model: filter.model ?? dashboard.model, explore: filter.explore, at: filter.location,
                                                    owner: "dashboard filter '\(filter.name)'") else { continue }
                if let field = filter.field, !fields(model, explore).contains(field) {
                    sink.error("unknown field '\(field)' in explore '\(explore.name)' (dashboard filter '\(filter.name)')", at: filter.location)
                }
            }
            for element in dashboard.elements where element.type != "text" && element.type != "button" {
                let owner = "element '\(element.name)' of dashboard '\(dashboard.name)'"
                if !element.mergedQueries.isEmpty {
                    validateMerged(element, owner: owner, dashboard: dashboard, filterNames: filterNames, lookup: lookup, fields: fields)
                    // Looker documents merged results; Spyglass does not run them yet (evaluation is
                    // the query side's), so the tile is accepted with a warning rather than an error.
                    // Named without its dashboard: an element inherited through extends warns once.
                    sink.warning("element '\(element.name)' merges the results of \(element.mergedQueries.count) queries, which Spyglass does not run yet; "
                        + "the tile shows no data", at: element.location)
                    continue
                }
                let dynamicNames = Set(element.dynamicFields.map(\.name))
                let used = (element.fields + element.pivots + element.sorts.map { String($0.prefix { $0 != " " }) }).filter(dynamicNames.contains)
                if !used.isEmpty {
                    var seen: Set<String> = []
                    let names = used.filter { seen.insert($0).inserted }.joined(separator: ", ")
                    sink.warning("element '\(element.name)' shows dynamic fields (\(names)), which Spyglass does not evaluate yet; running the tile is refused",
                                 at: element.location)
                }
                var query = DashboardQuery()
                query.model = element.model
                query.explore = element.explore
                query.fields = element.fields
                query.fieldLocations = element.fieldLocations
                query.filters = element.filters
                query.sorts = element.sorts
                query.pivots = element.pivots
                query.listen = element.listen
                query.dynamicFields = element.dynamicFields
                query.location = element.location
                // A tile with neither an explore nor fields shows nothing to check (a bare title).
                if element.explore == nil && element.fields.isEmpty && element.model == nil { continue }
                _ = validate(query, owner: owner, dashboard: dashboard, filterNames: filterNames, lookup: lookup, fields: fields)
            }
        }
    }

    private typealias Lookup = (String?, String?, SourceLocation?, String) -> (Model, Explore)?
    private typealias Fields = (Model, Explore) -> Set<String>

    /// Checks one query; returns the names it may use (explore fields and its dynamic fields)
    /// and the fields it selects, or nil when its explore is unknown (reported).
    private func validate(_ query: DashboardQuery, owner: String, dashboard: Dashboard, filterNames: Set<String>,
                          lookup: Lookup, fields: Fields) -> (known: Set<String>, selected: Set<String>)? {
        guard let (model, explore) = lookup(query.model ?? dashboard.model, query.explore, query.location, owner) else { return nil }
        let exploreFields = fields(model, explore)
        var known = exploreFields
        for dynamic in query.dynamicFields {
            known.insert(dynamic.name)
        }
        for dynamic in query.dynamicFields {
            if let basedOn = dynamic.basedOn, !exploreFields.contains(basedOn) {
                sink.error("unknown field '\(basedOn)' in explore '\(explore.name)' (based_on of dynamic field '\(dynamic.name)' of \(owner))",
                           at: dynamic.location ?? query.location)
            }
            for reference in Self.references(in: dynamic.expression ?? "") where !known.contains(reference) {
                sink.error("unknown field '\(reference)' in explore '\(explore.name)' (expression of dynamic field '\(dynamic.name)' of \(owner))",
                           at: dynamic.location ?? query.location)
            }
        }
        for (i, field) in query.fields.enumerated() where !known.contains(field) {
            let at = i < query.fieldLocations.count ? query.fieldLocations[i] : query.location
            sink.error("unknown field '\(field)' in explore '\(explore.name)' (\(owner))", at: at)
        }
        for field in query.pivots where !known.contains(field) {
            sink.error("unknown pivot field '\(field)' in explore '\(explore.name)' (\(owner))", at: query.location)
        }
        for sort in query.sorts {
            let field = sort.split(separator: " ").first.map(String.init) ?? sort
            if !known.contains(field) {
                sink.error("unknown sort field '\(field)' in explore '\(explore.name)' (\(owner))", at: query.location)
            }
        }
        for condition in query.filters where !known.contains(condition.field) {
            sink.error("unknown field '\(condition.field)' in explore '\(explore.name)' (filters of \(owner))", at: condition.location ?? query.location)
        }
        for (filter, field) in query.listen.sorted(by: { $0.key < $1.key }) {
            if !filterNames.contains(filter) {
                sink.error("unknown dashboard filter '\(filter)' in listen of \(owner)", at: query.location)
            } else if !exploreFields.contains(field) {
                sink.error("unknown field '\(field)' in explore '\(explore.name)' (listen of \(owner))", at: query.location)
            }
        }
        return (known, Set(query.fields))
    }

    /// Merged results: each query on its own, then each `join_fields` pair against the primary
    /// query's fields and its own query's fields, as Looker merges them.
    private func validateMerged(_ element: DashboardElement, owner: String, dashboard: Dashboard, filterNames: Set<String>,
                                lookup: Lookup, fields: Fields) {
        var primary: Set<String>?
        for (i, query) in element.mergedQueries.enumerated() {
            let queryOwner = "merged query \(i + 1) of \(owner)"
            let checked = validate(query, owner: queryOwner, dashboard: dashboard, filterNames: filterNames, lookup: lookup, fields: fields)
            if i == 0 {
                primary = checked?.selected
                if !query.joinFields.isEmpty {
                    sink.error("join_fields belong to the merged queries after the first (the primary query) in \(owner)", at: query.joinFields[0].location)
                }
                continue
            }
            if query.joinFields.isEmpty {
                sink.error("\(queryOwner) needs join_fields to say how it lines up with the first query", at: query.location)
            }
            for join in query.joinFields {
                if let primary, !primary.contains(join.field) {
                    sink.error("join field '\(join.field)' is not a field of the first merged query of \(owner)", at: join.location ?? query.location)
                }
                if let checked, !checked.selected.contains(join.sourceField) {
                    sink.error("source field '\(join.sourceField)' is not a field of \(queryOwner)", at: join.location ?? query.location)
                }
            }
        }
    }

    /// `${view.field}` and `${dynamic_field}` names in a Looker expression.
    static func references(in expression: String) -> [String] {
        var out: [String] = []
        var rest = Substring(expression)
        while let open = rest.range(of: "${") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            out.append(String(rest[open.upperBound..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }
}
