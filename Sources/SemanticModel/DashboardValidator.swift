/// Checks dashboards against the loaded models: every tile's explore exists and every field a
/// tile or filter names is reachable in its explore.
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
                guard let (model, explore) = lookup(model: filter.model, explore: filter.explore, at: filter.location, owner: "dashboard filter '\(filter.name)'") else { continue }
                if let field = filter.field, !fields(model, explore).contains(field) {
                    sink.error("unknown field '\(field)' in explore '\(explore.name)' (dashboard filter '\(filter.name)')", at: filter.location)
                }
            }
            for element in dashboard.elements where element.type != "text" && element.type != "button" {
                let owner = "element '\(element.name)' of dashboard '\(dashboard.name)'"
                guard let (model, explore) = lookup(model: element.model, explore: element.explore, at: element.location, owner: owner) else { continue }
                let known = fields(model, explore)
                for (i, field) in element.fields.enumerated() where !known.contains(field) {
                    let at = i < element.fieldLocations.count ? element.fieldLocations[i] : element.location
                    sink.error("unknown field '\(field)' in explore '\(explore.name)' (\(owner))", at: at)
                }
                for field in element.pivots where !known.contains(field) {
                    sink.error("unknown pivot field '\(field)' in explore '\(explore.name)' (\(owner))", at: element.location)
                }
                for condition in element.filters where !known.contains(condition.field) {
                    sink.error("unknown field '\(condition.field)' in explore '\(explore.name)' (filters of \(owner))", at: condition.location ?? element.location)
                }
                for (filter, field) in element.listen.sorted(by: { $0.key < $1.key }) {
                    if !filterNames.contains(filter) {
                        sink.error("unknown dashboard filter '\(filter)' in listen of \(owner)", at: element.location)
                    } else if !known.contains(field) {
                        sink.error("unknown field '\(field)' in explore '\(explore.name)' (listen of \(owner))", at: element.location)
                    }
                }
            }
        }
    }
}
