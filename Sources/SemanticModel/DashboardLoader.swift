import Yams

/// Reads `*.dashboard.lookml` files (YAML: a list of dashboards) into `Dashboard` values, with the
/// line and column Yams reports for each dashboard, filter and element.
struct DashboardLoader {
    let sink: DiagnosticSink
    let constants: [String: String]
    /// The file being read, for locations of values.
    private var path = ""

    init(sink: DiagnosticSink, constants: [String: String]) {
        self.sink = sink
        self.constants = constants
    }

    func load(path: String, text: String) -> [Dashboard] {
        var reader = self
        reader.path = path
        return reader.read(text: text)
    }

    private func read(text: String) -> [Dashboard] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            sink.error("invalid YAML: \(Self.problem(error))", at: Self.mark(error).map { location(path, $0) } ?? SourceLocation(file: path, line: 1, column: 1))
            return []
        } catch {
            sink.error("invalid YAML: \(error)", at: SourceLocation(file: path, line: 1, column: 1))
            return []
        }
        guard let root else { return [] }
        guard let items = root.sequence else {
            sink.error("a dashboard file must be a list of dashboards (- dashboard: name)", at: at(root, path))
            return []
        }
        var dashboards: [Dashboard] = []
        for item in items {
            guard let mapping = item.mapping, let name = mapping["dashboard"]?.string else {
                sink.error("each dashboard needs 'dashboard: name'", at: at(item, path))
                continue
            }
            var dashboard = Dashboard(name: name, title: name)
            dashboard.location = at(mapping["dashboard"] ?? item, path)
            dashboard.title = string(mapping["title"]) ?? name
            dashboard.description = string(mapping["description"])
            dashboard.layout = string(mapping["layout"])
            for node in mapping["filters"]?.sequence ?? [] {
                guard let m = node.mapping, let filterName = m["name"]?.string else {
                    sink.error("each dashboard filter needs 'name:'", at: at(node, path))
                    continue
                }
                var filter = DashboardFilter(name: filterName)
                filter.title = string(m["title"])
                filter.type = string(m["type"])
                filter.defaultValue = string(m["default_value"])
                filter.model = string(m["model"])
                filter.explore = string(m["explore"])
                filter.field = string(m["field"])
                filter.location = at(m["name"] ?? node, path)
                dashboard.filters.append(filter)
            }
            for node in mapping["elements"]?.sequence ?? [] {
                guard let m = node.mapping, let elementName = m["name"]?.string else {
                    sink.error("each dashboard element needs 'name:'", at: at(node, path))
                    continue
                }
                var element = DashboardElement(name: elementName, type: string(m["type"]) ?? "table")
                element.location = at(m["name"] ?? node, path)
                element.title = string(m["title"])
                element.model = string(m["model"])
                element.explore = string(m["explore"])
                element.fields = strings(m["fields"])
                if let seq = m["fields"]?.sequence, seq.count == element.fields.count {
                    element.fieldLocations = seq.map { at($0, path) }
                }
                element.sorts = strings(m["sorts"])
                element.pivots = strings(m["pivots"])
                element.limit = m["limit"].flatMap { $0.int }
                element.totals = (m["total"] ?? m["totals"])?.bool ?? false
                element.bodyText = string(m["body_text"]) ?? string(m["note_text"]) ?? string(m["text"])
                element.row = m["row"]?.int
                element.col = m["col"]?.int
                element.width = m["width"]?.int
                element.height = m["height"]?.int
                for (key, value) in m {
                    if let name = key.string, let text = value.scalar?.string { element.settings[name] = text }
                }
                if let filters = m["filters"]?.mapping {
                    for (key, value) in filters {
                        guard let field = key.string else { continue }
                        element.filters.append(FilterCondition(field: field, expression: string(value) ?? "", location: at(key, path)))
                    }
                }
                if let listen = m["listen"]?.mapping {
                    for (key, value) in listen {
                        if let filter = key.string, let field = value.string { element.listen[filter] = field }
                    }
                }
                dashboard.elements.append(element)
            }
            dashboards.append(dashboard)
        }
        return dashboards
    }

    private func string(_ node: Node?) -> String? {
        guard let node, let text = node.string else { return nil }
        guard let substitution = ConstantSubstitution(text, constants: constants) else { return text }
        for unknown in substitution.unknown {
            sink.error("unknown constant '\(unknown.name)'; define it in manifest.lkml with constant: \(unknown.name) { value: \"…\" }",
                       at: node.mark.map { SourceLocation(file: path, line: $0.line, column: $0.column) })
        }
        return substitution.text
    }

    private func strings(_ node: Node?) -> [String] {
        guard let node else { return [] }
        if let seq = node.sequence { return seq.compactMap { string($0) } }
        return string(node).map { [$0] } ?? []
    }

    private func at(_ node: Node, _ path: String) -> SourceLocation {
        node.mark.map { location(path, $0) } ?? SourceLocation(file: path, line: 1, column: 1)
    }

    private func location(_ path: String, _ mark: Mark) -> SourceLocation {
        SourceLocation(file: path, line: mark.line, column: mark.column)
    }

    private static func mark(_ error: YamlError) -> Mark? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark
        default: nil
        }
    }

    private static func problem(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }
}
