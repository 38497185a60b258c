import SemanticModel

/// The fields a user may pick in one explore, grouped by the view alias they come from (the base
/// view first, then joins in order), hidden fields and fields outside `fields:` lists left out.
struct ExploreCatalog: Sendable {
    struct Entry: Sendable, Hashable {
        /// `alias.field`, as QuerySpec wants it.
        var name: String
        var field: Field
        var viewLabel: String
        var label: String { ExploreCatalog.label(of: field, viewLabel: viewLabel) }
    }

    struct Group: Sendable {
        var alias: String
        var label: String
        var entries: [Entry]
    }

    let model: Model
    let explore: Explore
    let groups: [Group]
    private let byName: [String: Entry]

    /// `model/explore` (the canonical reference used in QueryDraft).
    var reference: String { "\(model.name)/\(explore.name)" }

    /// Finds `model/explore` or a bare explore name (the first model that has it).
    init?(project: Project, explore reference: String) {
        let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
        var found: (Model, Explore)?
        if parts.count == 2 {
            if let model = project.model(named: parts[0]), let explore = model.explore(named: parts[1]) { found = (model, explore) }
        } else {
            for model in project.models { if let explore = model.explore(named: reference) { found = (model, explore); break } }
        }
        guard let (model, explore) = found else { return nil }
        self.model = model
        self.explore = explore
        var groups: [Group] = []
        func add(alias: String, viewName: String, label: String?) {
            guard let view = model.views[viewName] else { return }
            let viewLabel = label ?? view.label ?? Names.titleCase(alias)
            let entries = view.fields.compactMap { field -> Entry? in
                let name = "\(alias).\(field.name)"
                if field.hidden { return nil }
                if let allowed = explore.allowedFields, !allowed.contains(name) { return nil }
                return Entry(name: name, field: field, viewLabel: viewLabel)
            }
            if !entries.isEmpty { groups.append(Group(alias: alias, label: viewLabel, entries: entries)) }
        }
        add(alias: explore.alias, viewName: explore.baseView, label: explore.viewLabel)
        for join in explore.joins { add(alias: join.name, viewName: join.view, label: join.viewLabel) }
        self.groups = groups
        var byName: [String: Entry] = [:]
        for group in groups { for entry in group.entries { byName[entry.name] = entry } }
        self.byName = byName
    }

    func entry(named name: String) -> Entry? { byName[name] }

    /// A field by name even when hidden (drill fields and tiles may use hidden fields), but only one
    /// the user may see. The project is the user's (`AccessPolicy.visibleProject`), whose explores
    /// list exactly the visible fields in `allowedFields`: a field guarded by `required_access_grants`
    /// is as unknown here as in the compiler, so no label, type or suggestion of it reaches the screen.
    /// Only the explore's own aliases name fields (a bare view name is not one, as in the compiler).
    func anyField(named name: String) -> Field? {
        if let entry = byName[name] { return entry.field }
        if let allowed = explore.allowedFields, !allowed.contains(name) { return nil }
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let viewName: String
        if parts[0] == explore.alias {
            viewName = explore.baseView
        } else if let join = explore.join(named: parts[0]) {
            viewName = join.view
        } else {
            return nil
        }
        return model.views[viewName]?.field(named: parts[1])
    }

    /// "Orders Created Month" for a timeframe (the group's label and the timeframe), else Looker's
    /// full label.
    static func label(of field: Field, viewLabel: String) -> String {
        if let group = field.group, let timeframe = field.timeframe {
            let groupLabel = field.groupLabel ?? field.label ?? Names.titleCase(group)
            return "\(field.viewLabel ?? viewLabel) \(groupLabel) \(Names.titleCase(timeframe))"
        }
        return field.fullLabel(viewLabel: viewLabel)
    }

    /// The label a business user reads for a field name.
    func label(of name: String) -> String { byName[name]?.label ?? name }
}
