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
        var setLocations: [String: SourceLocation] = [:]
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
                // Built in place at the end of the field array: a Field is a few dozen references,
                // and returning one from a function copied it.
                built.view.fields.append(Field(view: name, name: fieldName, kind: kind, type: ""))
                let last = built.view.fields.count - 1
                guard let refs = configure(&built.view.fields[last], block: block, at: at, hidden: hiddenByDefault) else {
                    built.view.fields.removeLast()
                    continue
                }
                Self.register(lastFieldAt: at, refs, in: &built, sink: sink)
            case "dimension_group":
                guard case .block(let block) = pair.value, let groupName = block.name else {
                    sink.error("'dimension_group' needs a name and a block", at: pair.keyLocation)
                    continue
                }
                let at = block.nameLocation ?? pair.keyLocation
                for (field, refs) in dimensionGroup(view: name, name: groupName, block: block, at: at, hidden: hiddenByDefault) {
                    Self.add(field, refs, at: at, to: &built, sink: sink)
                }
            default:
                break
            }
        }
        // drill_fields may name sets (`detail*`); the query engine wants plain field names.
        built.view.drillFields = Self.expandSetMembers(built.view.drillFields, sets: built.view.sets)
        for i in built.view.fields.indices where !built.view.fields[i].drillFields.isEmpty {
            built.view.fields[i].drillFields = Self.expandSetMembers(built.view.fields[i].drillFields, sets: built.view.sets)
        }
        return built
    }

    /// Appends a field unless its name is taken. A static function with inout parameters rather
    /// than a closure: a closure capturing `built` boxes it and can copy the field array per append.
    private static func add(_ field: consuming Field, _ refs: [ValueReader.LocatedReference], at location: SourceLocation,
                            to built: inout Built, sink: DiagnosticSink) {
        // Moved, not copied: a Field is a few dozen references, each a retain on copy.
        built.view.fields.append(consume field)
        register(lastFieldAt: location, refs, in: &built, sink: sink)
    }

    /// Indexes the field just appended to `built.view.fields`, or removes it again if its name is
    /// taken (reported at `location`, the second definition; a field's location is where it was
    /// defined, so the first one's is in the array already).
    private static func register(lastFieldAt location: SourceLocation, _ refs: [ValueReader.LocatedReference],
                                 in built: inout Built, sink: DiagnosticSink) {
        let last = built.view.fields.count - 1
        let name = built.view.fields[last].name
        // One hash of the name in the common case: insert, and put the first back if there was one.
        if let first = built.index.updateValue(last, forKey: name) {
            built.index[name] = first
            let at = built.view.fields[first].location.map { "\($0)" } ?? "another place"
            sink.error("field '\(name)' is already defined in view '\(built.view.name)' at \(at)", at: location)
            built.view.fields.removeLast()
            return
        }
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

    /// Fills in a new field (view, name and kind set) from its block; returns the references its
    /// SQL makes, or nil when the field is unusable (reported).
    private func configure(_ field: inout Field, block: Block, at location: SourceLocation, hidden: Bool) -> [ValueReader.LocatedReference]? {
        let kind = field.kind
        let name = field.name
        field.hidden = hidden
        field.location = location
        var refs: [ValueReader.LocatedReference] = []
        var typeScalar: Scalar?
        var listField: Scalar?
        var sawSQL = false
        for pair in block.pairs {
            guard let parameter = Self.fieldParameters[pair.key] else { continue }
            if applyCommon(pair, parameter, to: &field) { continue }
            switch parameter {
            case .type:
                typeScalar = reader.scalar(pair)
            case .listField:
                listField = reader.scalar(pair)
            case .sql:
                if let t = reader.template(pair) {
                    field.sql = t.template
                    if refs.isEmpty { refs = t.references } else { refs.append(contentsOf: t.references) }
                    sawSQL = true
                }
            case .primaryKey:
                field.primaryKey = reader.bool(pair) ?? false
            case .tiers:
                field.tiers = reader.list(pair).compactMap { s in
                    if let v = Double(s.text) { return v }
                    sink.error("tiers must be numbers, not '\(s.text)'", at: s.location)
                    return nil
                }
            case .style:
                field.tierStyle = reader.string(pair)
            case .percentile:
                field.percentile = reader.number(pair)
            case .sqlDistinctKey:
                if let t = reader.template(pair) {
                    field.sqlDistinctKey = t.template
                    if refs.isEmpty { refs = t.references } else { refs.append(contentsOf: t.references) }
                }
            case .filters:
                reader.filters(pair, into: &field.filters)
            case .allowedValue:
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
            case .defaultValue:
                field.defaultValue = reader.string(pair)
            case .convertTZ:
                field.convertTZ = reader.bool(pair) ?? true
            case .datatype:
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
        if kind == .measure && field.type == "list" && !sawSQL {
            // Looker's list measure names its dimension with list_field: it lists the distinct values of
            // `${list_field}`, so it becomes that template (and the reference is checked like any other).
            if let listField {
                field.sql = SQLTemplate(fragments: [.field(view: nil, name: listField.text)], location: listField.location)
                refs.append(ValueReader.LocatedReference(view: nil, name: listField.text, location: listField.location))
            } else {
                sink.error("measure '\(name)' of type list needs list_field naming the dimension to list", at: typeScalar?.location ?? location)
            }
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
        return refs
    }

    /// Display parameters every field kind shares. Returns whether `parameter` was one of them.
    private func applyCommon(_ pair: Pair, _ parameter: FieldParameter, to field: inout Field) -> Bool {
        switch parameter {
        case .label: field.label = reader.string(pair)
        case .viewLabel: field.viewLabel = reader.string(pair)
        case .groupLabel: field.groupLabel = reader.string(pair)
        case .groupItemLabel: field.groupItemLabel = reader.string(pair)
        case .description: field.description = reader.string(pair)
        case .hidden: field.hidden = reader.bool(pair) ?? field.hidden
        case .valueFormat: field.valueFormat = reader.string(pair)
        case .valueFormatName: if let s = reader.scalar(pair) { field.valueFormatName = reader.text(s); field.valueFormatNameLocation = s.location }
        case .drillFields: field.drillFields = reader.strings(pair)
        case .suggestions: field.suggestions = reader.strings(pair)
        default: return false
        }
        return true
    }

    /// The field parameters building reads. Each pair's key is classified by one table lookup:
    /// `switch` over strings compares the key with every case in turn, a large share of building.
    enum FieldParameter {
        case label, viewLabel, groupLabel, groupItemLabel, description, hidden, valueFormat, valueFormatName
        case drillFields, suggestions, type, sql, primaryKey, tiers, style, percentile, sqlDistinctKey
        case filters, allowedValue, defaultValue, convertTZ, datatype, timeframes, intervals, sqlStart, sqlEnd
        case listField
    }

    static let fieldParameters = KeywordTable<FieldParameter>([
        "label": .label, "view_label": .viewLabel, "group_label": .groupLabel, "group_item_label": .groupItemLabel,
        "description": .description, "hidden": .hidden, "value_format": .valueFormat,
        "value_format_name": .valueFormatName, "drill_fields": .drillFields, "suggestions": .suggestions,
        "type": .type, "sql": .sql, "primary_key": .primaryKey, "tiers": .tiers, "style": .style,
        "percentile": .percentile, "sql_distinct_key": .sqlDistinctKey, "filters": .filters,
        "allowed_value": .allowedValue, "default_value": .defaultValue, "convert_tz": .convertTZ,
        "datatype": .datatype, "timeframes": .timeframes, "intervals": .intervals, "sql_start": .sqlStart,
        "sql_end": .sqlEnd, "list_field": .listField,
    ])

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
            guard let parameter = Self.fieldParameters[pair.key] else { continue }
            if applyCommon(pair, parameter, to: &template) { continue }
            switch parameter {
            case .type: type = reader.scalar(pair)
            case .timeframes: timeframes = reader.list(pair)
            case .intervals: intervals = reader.list(pair)
            case .sql:
                if let t = reader.template(pair) { template.sql = t.template; sqlRefs = t.references; sawSQL = true }
            case .sqlStart:
                if let t = reader.template(pair) { template.sqlStart = t.template; startRefs = t.references }
            case .sqlEnd:
                if let t = reader.template(pair) { template.sqlEnd = t.template; endRefs = t.references }
            case .convertTZ: template.convertTZ = reader.bool(pair) ?? true
            case .datatype:
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
