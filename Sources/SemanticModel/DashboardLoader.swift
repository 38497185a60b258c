import Foundation
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
            dashboard.hasOwnTitle = mapping["title"] != nil
            dashboard.description = string(mapping["description"])
            dashboard.layout = string(mapping["layout"])
            dashboard.extends = string(mapping["extends"])
            if let extensionNode = mapping["extension"] {
                if string(extensionNode) == "required" { dashboard.extensionRequired = true } else {
                    sink.error("'extension' must be 'required'", at: at(extensionNode, path))
                }
            }
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
                let query = self.query(m, at: element.location ?? at(node, path))
                element.model = query.model
                element.explore = query.explore
                element.fields = query.fields
                element.fieldLocations = query.fieldLocations
                element.filters = query.filters
                element.sorts = query.sorts
                element.pivots = query.pivots
                element.limit = query.limit
                element.listen = query.listen
                element.dynamicFields = query.dynamicFields
                element.totals = (m["total"] ?? m["totals"])?.bool ?? false
                element.bodyText = string(m["body_text"]) ?? string(m["note_text"]) ?? string(m["text"])
                element.row = m["row"]?.int
                element.col = m["col"]?.int
                element.width = m["width"]?.int
                element.height = m["height"]?.int
                for (key, value) in m {
                    if let name = key.string, let text = value.scalar?.string { element.settings[name] = text }
                }
                for queryNode in m["merged_queries"]?.sequence ?? [] {
                    guard let q = queryNode.mapping else {
                        sink.error("each of merged_queries must be a query (model:, explore:, fields:, …)", at: at(queryNode, path))
                        continue
                    }
                    var merged = self.query(q, at: at(queryNode, path))
                    for joinNode in q["join_fields"]?.sequence ?? [] {
                        guard let j = joinNode.mapping, let field = string(j["field_name"]), let source = string(j["source_field_name"]) else {
                            sink.error("each join_fields entry needs field_name and source_field_name", at: at(joinNode, path))
                            continue
                        }
                        merged.joinFields.append(MergeJoinField(field: field, sourceField: source, location: at(j["field_name"] ?? joinNode, path)))
                    }
                    element.mergedQueries.append(merged)
                }
                dashboard.elements.append(element)
            }
            dashboards.append(dashboard)
        }
        return dashboards
    }

    /// The query parameters an element and each of its merged queries share. Legacy tiles list
    /// `dimensions:` and `measures:` instead of `fields:`; both count as the query's fields.
    private func query(_ m: Node.Mapping, at location: SourceLocation) -> DashboardQuery {
        var query = DashboardQuery()
        query.location = location
        query.model = string(m["model"])
        query.explore = string(m["explore"])
        for key in ["fields", "dimensions", "measures"] {
            let values = strings(m[key])
            query.fields += values
            if let seq = m[key]?.sequence, seq.count == values.count {
                query.fieldLocations += seq.map { at($0, path) }
            } else {
                query.fieldLocations += values.map { _ in m[key].map { at($0, path) } ?? location }
            }
        }
        query.sorts = strings(m["sorts"])
        query.pivots = strings(m["pivots"])
        query.limit = m["limit"].flatMap { $0.int }
        if let filters = m["filters"]?.mapping {
            for (key, value) in filters {
                guard let field = key.string else { continue }
                query.filters.append(FilterCondition(field: field, expression: string(value) ?? "", location: at(key, path)))
            }
        }
        if let listen = m["listen"]?.mapping {
            for (key, value) in listen {
                if let filter = key.string, let field = value.string { query.listen[filter] = field }
            }
        }
        if let node = m["dynamic_fields"] { query.dynamicFields = dynamicFields(node) }
        return query
    }

    /// `dynamic_fields`: a YAML list of mappings, or (as older Looker exports write it) a string
    /// holding the same list as JSON.
    private func dynamicFields(_ node: Node) -> [DynamicField] {
        let location = at(node, path)
        var items: [(values: [String: String], location: SourceLocation)] = []
        if let seq = node.sequence {
            for item in seq {
                guard let m = item.mapping else {
                    sink.error("each dynamic field must be a mapping (table_calculation:, measure: or dimension: with its parameters)", at: at(item, path))
                    continue
                }
                var values: [String: String] = [:]
                for (key, value) in m { if let k = key.string, let v = value.string { values[k] = v } }
                items.append((values, at(item, path)))
            }
        } else if let text = node.string {
            guard let data = text.data(using: .utf8), let array = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] else {
                sink.error("dynamic_fields must be a list of dynamic fields (a YAML list, or a JSON array in a string)", at: location)
                return []
            }
            for object in array {
                var values: [String: String] = [:]
                for (key, value) in object {
                    if let v = value as? String { values[key] = v } else if let v = value as? NSNumber { values[key] = v.stringValue }
                }
                items.append((values, location))
            }
        }
        var out: [DynamicField] = []
        for (values, at) in items {
            let kinds: [(String, DynamicField.Kind)] = [("table_calculation", .tableCalculation), ("measure", .measure), ("dimension", .dimension)]
            guard let (key, kind) = kinds.first(where: { values[$0.0] != nil }), let name = values[key] else {
                sink.warning("dynamic field without a table_calculation, measure or dimension name is ignored", at: at)
                continue
            }
            var field = DynamicField(name: name, kind: kind)
            field.expression = values["expression"]
            field.basedOn = values["based_on"]
            field.type = values["type"]
            field.label = values["label"]
            field.valueFormat = values["value_format"]
            field.valueFormatName = values["value_format_name"]
            field.location = at
            out.append(field)
        }
        return out
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
