/// Applies LookML dashboards' `extends:` and drops `extension: required` ones, as Looker does:
/// an extending dashboard starts from its parent's filters and elements; a filter or element of
/// the same name replaces the parent's in place, new ones follow; settings it writes win.
enum DashboardExtends {
    static func resolve(_ dashboards: [Dashboard], sink: DiagnosticSink) -> [Dashboard] {
        var byName: [String: Dashboard] = [:]
        for dashboard in dashboards { byName[dashboard.name] = dashboard }
        var resolved: [String: Dashboard] = [:]
        var resolving: [String] = []

        func resolve(_ name: String) -> Dashboard? {
            if let done = resolved[name] { return done }
            guard var dashboard = byName[name] else { return nil }
            if let parentName = dashboard.extends {
                if let at = resolving.firstIndex(of: parentName) {
                    let cycle = (resolving[at...] + [name, parentName]).joined(separator: " → ")
                    sink.error("dashboard extends cycle: \(cycle)", at: dashboard.location)
                } else if byName[parentName] == nil {
                    sink.error("dashboard '\(name)' extends unknown dashboard '\(parentName)'; a model must include both", at: dashboard.location)
                } else {
                    resolving.append(name)
                    if let parent = resolve(parentName) { dashboard = merge(parent, into: dashboard) }
                    resolving.removeLast()
                }
            }
            resolved[name] = dashboard
            return dashboard
        }

        var out: [Dashboard] = []
        for dashboard in dashboards {
            guard let done = resolve(dashboard.name), !done.extensionRequired else { continue }
            out.append(done)
        }
        return out
    }

    private static func merge(_ parent: Dashboard, into child: Dashboard) -> Dashboard {
        var merged = child
        if !child.hasOwnTitle { merged.title = parent.title; merged.hasOwnTitle = parent.hasOwnTitle }
        merged.description = child.description ?? parent.description
        merged.layout = child.layout ?? parent.layout
        merged.filters = mergeByName(parent.filters, child.filters, name: \.name)
        merged.elements = mergeByName(parent.elements, child.elements, name: \.name)
        return merged
    }

    private static func mergeByName<T>(_ parent: [T], _ child: [T], name: (T) -> String) -> [T] {
        var out = parent
        for item in child {
            if let i = out.firstIndex(where: { name($0) == name(item) }) { out[i] = item } else { out.append(item) }
        }
        return out
    }
}
