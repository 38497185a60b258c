import SemanticModel

/// Looker's access rules (`access_filter`, `required_access_grants`) restrict rows and fields per user.
/// Until Spyglass enforces them, an explore that declares any of them, on itself, a join, a view or a
/// field it reaches, is refused: running it would show every user every row and field.
enum UnenforcedAccessRules {
    /// Throws one sentence naming the first rule found, where it is written, and what to do.
    static func refuse(explore: Explore, views: [String: View]) throws {
        func fail(_ what: String, _ location: SourceLocation?) throws -> Never {
            let at = location.map { " (\($0))" } ?? ""
            throw QueryError("explore '\(explore.name)' declares \(what)\(at), which Spyglass does not enforce yet, "
                + "so it is refused rather than run without it; remove the rule or use an explore without access rules")
        }
        if let filter = explore.accessFilters.first {
            try fail("access_filter on '\(filter.field)' for user attribute '\(filter.userAttribute)'", filter.location ?? explore.location)
        }
        if !explore.requiredAccessGrants.isEmpty {
            try fail("required_access_grants \(explore.requiredAccessGrants)", explore.location)
        }
        for join in explore.joins where !join.requiredAccessGrants.isEmpty {
            try fail("required_access_grants on join '\(join.name)'", join.location)
        }
        for alias in views.keys.sorted() {
            guard let view = views[alias] else { continue }
            if !view.requiredAccessGrants.isEmpty {
                try fail("required_access_grants on view '\(view.name)'", view.location)
            }
            for field in view.fields where !field.requiredAccessGrants.isEmpty {
                try fail("required_access_grants on field '\(field.qualifiedName)'", field.location)
            }
        }
    }
}
