/// Turns a view's merged syntax (after refinements and extends) into a `View`, expanding dimension
/// groups and remembering every `${…}` reference for `ReferenceValidator`.
struct ViewBuilder {
    let reader: ValueReader
    var sink: DiagnosticSink { reader.sink }

    /// A view plus what validation needs and `View` does not keep.
    struct Built {
        var view: View
        /// Field name → index in `view.fields`.
        var index: [String: Int]
        /// Per field (parallel to `view.fields`): references in sql, sql_start, sql_end.
        var references: [[ValueReader.LocatedReference]]
        var derivedReferences: [ValueReader.LocatedReference]
        /// Where `view:` was written (the name), for messages about the view as a whole.
        var location: SourceLocation
        var hasMeasures: Bool { view.fields.contains { $0.kind == .measure } }
    }

    static let dimensionTypes: Set<String> = [
        "string", "number", "yesno", "tier", "zipcode", "location", "distance", "date", "date_time", "time",
        "bin", "int", "unquoted", "duration",
    ]
    static let measureTypes: Set<String> = [
        "count", "count_distinct", "sum", "sum_distinct", "average", "average_distinct", "min", "max",
        "median", "median_distinct", "percentile", "percentile_distinct", "list", "number", "string", "date",
        "yesno", "int", "running_total", "percent_of_total", "percent_of_previous", "period_over_period",
    ]
    /// Measure types that aggregate rows, so their sql must be a row-level expression.
    static let aggregateMeasureTypes: Set<String> = [
        "count", "count_distinct", "sum", "sum_distinct", "average", "average_distinct", "min", "max",
        "median", "median_distinct", "percentile", "percentile_distinct", "list",
    ]
    /// Measure types that need `sql:` (count counts rows, list uses list_field, the post-query
    /// types name another measure through sql).
    static let measureTypesNeedingSQL: Set<String> = [
        "count_distinct", "sum", "sum_distinct", "average", "average_distinct", "min", "max",
        "median", "median_distinct", "percentile", "percentile_distinct", "number", "running_total",
        "percent_of_total", "percent_of_previous", "string", "date", "yesno", "int",
    ]
    /// `Names.titleCase` of every known timeframe and interval, computed once: dimension groups
    /// ask for them per expanded field.
    static let timeframeTitles: [String: String] = {
        var titles: [String: String] = [:]
        for name in Timeframes.time + Timeframes.intervals { titles[name] = Names.titleCase(name) }
        return titles
    }()

    static func title(ofTimeframe name: String) -> String { timeframeTitles[name] ?? Names.titleCase(name) }

    static let filterTypes: Set<String> = ["string", "number", "date", "date_time", "yesno", "tier", "zipcode", "unquoted"]
    static let parameterTypes: Set<String> = ["string", "number", "date", "date_time", "yesno", "unquoted"]

    func build(name: String, pairs: [Pair], location: SourceLocation) -> Built {
        var view = View(name: name)
        view.location = location
        var built = Built(view: view, index: [:], references: [], derivedReferences: [], location: location)
        var fieldLocations: [String: SourceLocation] = [:]
        var setLocations: [String: SourceLocation] = [:]
        fieldLocations.reserveCapacity(pairs.count * 2)
        // `fields_hidden_by_default: yes` flips the default of every field's `hidden:`, wherever
        // in the view it is written.
        let hiddenByDefault = pairs.last { $0.key == "fields_hidden_by_default" }.flatMap(reader.bool) ?? false
        built.index.reserveCapacity(pairs.count * 2)
        built.view.fields.reserveCapacity(pairs.count * 2)

        for pair in pairs {
            switch pair.key {
            case "sql_table_name":
                built.view.sqlTableName = reader.string(pair)?.trimmingSpaces()
            case "derived_table":
                guard case .block(let block) = pair.value else { _ = reader.scalar(pair); continue }
                var sawSQL = false
                for p in block.pairs where p.key == "sql" {
                    if let t = reader.template(p) {
                        built.view.derivedTableSQL = t.template
                        built.derivedReferences = t.references
                        sawSQL = true
                    }
                }
                if !sawSQL && block.pairs.contains(where: { $0.key == "explore_source" }) {
                    sink.error("derived_table explore_source (native derived tables) is not supported; write the derived table's sql", at: block.location)
                } else if !sawSQL {
                    sink.error("derived_table of view '\(name)' needs a sql parameter", at: block.location)
                }
            case "label":
                built.view.label = reader.string(pair)
            case "extension":
                if let s = reader.scalar(pair) {
                    if s.text == "required" { built.view.extensionRequired = true } else {
                        sink.error("'extension' must be 'required', not '\(s.text)'", at: s.location)
                    }
                }
            case "drill_fields":
                built.view.drillFields = reader.strings(pair)
            case "set":
                guard case .block(let block) = pair.value, let setName = block.name else {
                    sink.error("'set' needs a name and a block: set: name { fields: [...] }", at: pair.keyLocation)
                    continue
                }
                let at = block.nameLocation ?? pair.keyLocation
                if let first = setLocations[setName] {
                    sink.error("set '\(setName)' is already defined in view '\(name)' at \(first)", at: at)
                    continue
                }
                setLocations[setName] = at
                built.view.sets[setName] = block.pairs.filter { $0.key == "fields" }.flatMap(reader.strings)
            case "dimension", "measure", "filter", "parameter":
                guard case .block(let block) = pair.value, let fieldName = block.name else {
                    sink.error("'\(pair.key)' needs a name and a block: \(pair.key): name { … }", at: pair.keyLocation)
                    continue
                }
                let kind = Field.Kind(rawValue: pair.key)!
                let at = block.nameLocation ?? pair.keyLocation
                if let (field, refs) = field(kind: kind, view: name, name: fieldName, block: block, at: at, hidden: hiddenByDefault) {
                    Self.add(field, refs, at: at, to: &built, locations: &fieldLocations, sink: sink)
                }
            case "dimension_group":
                guard case .block(let block) = pair.value, let groupName = block.name else {
                    sink.error("'dimension_group' needs a name and a block", at: pair.keyLocation)
                    continue
                }
                let at = block.nameLocation ?? pair.keyLocation
                for (field, refs) in dimensionGroup(view: name, name: groupName, block: block, at: at, hidden: hiddenByDefault) {
                    Self.add(field, refs, at: at, to: &built, locations: &fieldLocations, sink: sink)
                }
            default:
                break
            }
        }
        // drill_fields may name sets (`detail*`); the query engine wants plain field names.
        built.view.drillFields = expandSets(built.view.drillFields, sets: built.view.sets)
        for i in built.view.fields.indices where !built.view.fields[i].drillFields.isEmpty {
            built.view.fields[i].drillFields = expandSets(built.view.fields[i].drillFields, sets: built.view.sets)
        }
        return built
    }

    func expandSets(_ names: [String], sets: [String: [String]]) -> [String] {
        Self.expandSetMembers(names, sets: sets)
    }

    /// Appends a field unless its name is taken. A static function with inout parameters rather
    /// than a closure: a closure capturing `built` boxes it and can copy the field array per append.
    private static func add(_ field: consuming Field, _ refs: [ValueReader.LocatedReference], at location: SourceLocation,
                            to built: inout Built, locations: inout [String: SourceLocation], sink: DiagnosticSink) {
        if let first = locations[field.name] {
            sink.error("field '\(field.name)' is already defined in view '\(built.view.name)' at \(first)", at: location)
            return
        }
        locations[field.name] = location
        built.index[field.name] = built.view.fields.count
        // Moved, not copied: a Field is a few dozen references, each a retain on copy.
        built.view.fields.append(consume field)
        built.references.append(refs)
    }

    /// Replaces `set*` entries with the set's fields (nested sets too; a set naming itself stops).
    static func expandSetMembers(_ names: [String], sets: [String: [String]]) -> [String] {
        guard names.contains(where: { $0.hasSuffix("*") }) else { return names }
        var out: [String] = []
        var visiting: Set<String> = []
        func visit(_ list: [String]) {
            for entry in list {
                if entry.hasSuffix("*"), !entry.contains(".") {
                    let set = String(entry.dropLast())
                    guard let members = sets[set], visiting.insert(set).inserted else { continue }
                    visit(members)
                    visiting.remove(set)
                } else {
                    out.append(entry)
                }
            }
        }
        visit(names)
        return out
    }

    private func field(kind: Field.Kind, view: String, name: String, block: Block, at location: SourceLocation, hidden: Bool) -> (Field, [ValueReader.LocatedReference])? {
        var field = Field(view: view, name: name, kind: kind, type: "")
        field.hidden = hidden
        field.location = location
        var refs: [ValueReader.LocatedReference] = []
        var typeScalar: Scalar?
        var sawSQL = false
        for pair in block.pairs {
            if applyCommon(pair, to: &field) { continue }
            switch pair.key {
            case "type":
                typeScalar = reader.scalar(pair)
            case "sql":
                if let t = reader.template(pair) {
                    field.sql = t.template
                    refs.append(contentsOf: t.references)
                    sawSQL = true
                }
            case "primary_key":
                field.primaryKey = reader.bool(pair) ?? false
            case "tiers":
                field.tiers = reader.list(pair).compactMap { s in
                    if let v = Double(s.text) { return v }
                    sink.error("tiers must be numbers, not '\(s.text)'", at: s.location)
                    return nil
                }
            case "style":
                field.tierStyle = reader.string(pair)
            case "percentile":
                field.percentile = reader.number(pair)
            case "sql_distinct_key":
                if let t = reader.template(pair) {
                    field.sqlDistinctKey = t.template
                    refs.append(contentsOf: t.references)
                }
            case "filters":
                reader.filters(pair, into: &field.filters)
            case "allowed_value":
                guard case .block(let b) = pair.value else { _ = reader.scalar(pair); continue }
                var label: String?
                var value: String?
                for p in b.pairs {
                    if p.key == "label" { label = reader.string(p) }
                    if p.key == "value" { value = reader.string(p) }
                }
                if let value { field.allowedValues.append(AllowedValue(label: label, value: value)) } else {
                    sink.error("allowed_value of parameter '\(name)' needs 'value:'", at: b.location)
                }
            case "default_value":
                field.defaultValue = reader.string(pair)
            case "convert_tz":
                field.convertTZ = reader.bool(pair) ?? true
            case "datatype":
                field.datatype = reader.string(pair)
            default:
                break
            }
        }

        let allowed: Set<String>
        switch kind {
        case .dimension: allowed = Self.dimensionTypes
        case .measure: allowed = Self.measureTypes
        case .filter: allowed = Self.filterTypes
        case .parameter: allowed = Self.parameterTypes
        }
        if let typeScalar {
            let type = typeScalar.text
            let isTimeframeType = kind == .dimension && type.hasPrefix("date_") && Timeframes.timeSet.contains(String(type.dropFirst(5)))
            guard allowed.contains(type) || isTimeframeType else {
                sink.error("unknown type '\(type)' for \(kind.rawValue) '\(name)'; expected one of: \(allowed.sorted().joined(separator: ", "))", at: typeScalar.location)
                return nil
            }
            field.type = type
        } else {
            switch kind {
            case .dimension, .filter, .parameter: field.type = "string"
            // Looker's default for measures too: a non-aggregate string measure.
            case .measure: field.type = "string"
            }
        }

        if kind == .dimension && !sawSQL {
            // Looker's default: a column named like the dimension.
            field.sql = SQLTemplate(fragments: [.table, .text(".\(name)")], location: location)
        }
        if kind == .measure && !sawSQL && Self.measureTypesNeedingSQL.contains(field.type) {
            sink.error("measure '\(name)' of type \(field.type) needs a sql parameter", at: typeScalar?.location ?? location)
        }
        if kind == .measure && !field.filters.isEmpty && !Self.aggregateMeasureTypes.contains(field.type),
           let filters = block.pairs.first(where: { $0.key == "filters" }) {
            sink.error("measure '\(name)' of type \(field.type) cannot use filters; only aggregate measures (count, sum, …) can", at: filters.keyLocation)
        }
        if kind == .measure && field.type == "percentile" && field.percentile == nil {
            sink.error("measure '\(name)' of type percentile needs a percentile parameter", at: typeScalar?.location ?? location)
        }
        if field.type == "tier" && field.tiers.isEmpty && kind == .dimension {
            sink.error("dimension '\(name)' of type tier needs a tiers parameter", at: typeScalar?.location ?? location)
        }
        return (field, refs)
    }

    /// Display parameters every field kind shares. Returns whether `pair` was one of them.
    private func applyCommon(_ pair: Pair, to field: inout Field) -> Bool {
        switch pair.key {
        case "label": field.label = reader.string(pair)
        case "view_label": field.viewLabel = reader.string(pair)
        case "group_label": field.groupLabel = reader.string(pair)
        case "group_item_label": field.groupItemLabel = reader.string(pair)
        case "description": field.description = reader.string(pair)
        case "hidden": field.hidden = reader.bool(pair) ?? field.hidden
        case "value_format": field.valueFormat = reader.string(pair)
        case "value_format_name": field.valueFormatName = reader.string(pair)
        case "drill_fields": field.drillFields = reader.strings(pair)
        case "suggestions": field.suggestions = reader.strings(pair)
        default: return false
        }
        return true
    }

    private func dimensionGroup(view: String, name: String, block: Block, at location: SourceLocation, hidden: Bool) -> [(Field, [ValueReader.LocatedReference])] {
        var template = Field(view: view, name: name, kind: .dimension, type: "")
        template.hidden = hidden
        template.location = location
        template.group = name
        var type: Scalar?
        var timeframes: [Scalar]?
        var intervals: [Scalar]?
        var sqlRefs: [ValueReader.LocatedReference] = []
        var startRefs: [ValueReader.LocatedReference] = []
        var endRefs: [ValueReader.LocatedReference] = []
        var sawSQL = false
        for pair in block.pairs {
            if applyCommon(pair, to: &template) { continue }
            switch pair.key {
            case "type": type = reader.scalar(pair)
            case "timeframes": timeframes = reader.list(pair)
            case "intervals": intervals = reader.list(pair)
            case "sql":
                if let t = reader.template(pair) { template.sql = t.template; sqlRefs = t.references; sawSQL = true }
            case "sql_start":
                if let t = reader.template(pair) { template.sqlStart = t.template; startRefs = t.references }
            case "sql_end":
                if let t = reader.template(pair) { template.sqlEnd = t.template; endRefs = t.references }
            case "convert_tz": template.convertTZ = reader.bool(pair) ?? true
            case "datatype":
                if let s = reader.scalar(pair) {
                    if Timeframes.datatypes.contains(s.text) { template.datatype = s.text } else {
                        sink.error("unknown datatype '\(s.text)' for dimension_group '\(name)'; expected one of: \(Timeframes.datatypes.sorted().joined(separator: ", "))", at: s.location)
                    }
                }
            default: break
            }
        }
        var out: [(Field, [ValueReader.LocatedReference])] = []
        switch type?.text ?? "time" {
        case "time":
            if !sawSQL { template.sql = SQLTemplate(fragments: [.table, .text(".\(name)")], location: location) }
            var seen: Set<String> = []
            let frames = timeframes ?? Timeframes.defaultTime.map { Scalar(text: $0, style: .bare, location: location) }
            for frame in frames {
                let tf = frame.text
                if Timeframes.fiscalSet.contains(tf) {
                    sink.warning("fiscal timeframe '\(tf)' of dimension_group '\(name)' follows the calendar year (fiscal_month_offset is not supported)", at: frame.location)
                } else if !Timeframes.timeSet.contains(tf) {
                    sink.error("unknown timeframe '\(tf)' in dimension_group '\(name)'", at: frame.location)
                    continue
                }
                guard seen.insert(tf).inserted else { continue }
                var f = template
                f.name = "\(name)_\(tf)"
                f.type = "date_\(tf)"
                f.timeframe = tf
                // As Looker labels them: the group's label and the timeframe ("Signed Up Month").
                if let label = template.label { f.label = "\(label) \(Self.title(ofTimeframe: tf))" }
                if f.groupItemLabel == nil { f.groupItemLabel = Self.title(ofTimeframe: tf) }
                out.append((f, sqlRefs))
            }
        case "duration":
            if template.sqlStart == nil || template.sqlEnd == nil {
                sink.error("dimension_group '\(name)' of type duration needs sql_start and sql_end", at: type?.location ?? location)
                return []
            }
            var seen: Set<String> = []
            let list = intervals ?? Timeframes.defaultIntervals.map { Scalar(text: $0, style: .bare, location: location) }
            for interval in list {
                guard Timeframes.intervalSet.contains(interval.text) else {
                    sink.error("unknown interval '\(interval.text)' in dimension_group '\(name)'; expected one of: \(Timeframes.intervals.joined(separator: ", "))", at: interval.location)
                    continue
                }
                guard seen.insert(interval.text).inserted else { continue }
                var f = template
                f.name = Timeframes.durationFieldName(interval: interval.text, group: name)
                f.type = "duration_\(interval.text)"
                f.timeframe = interval.text
                if let label = template.label { f.label = "\(Self.title(ofTimeframe: interval.text))s \(label)" }
                if f.groupItemLabel == nil { f.groupItemLabel = "\(Self.title(ofTimeframe: interval.text))s" }
                f.convertTZ = false
                out.append((f, startRefs + endRefs))
            }
        default:
            sink.error("unknown type '\(type!.text)' for dimension_group '\(name)'; expected time or duration", at: type!.location)
        }
        return out
    }
}
