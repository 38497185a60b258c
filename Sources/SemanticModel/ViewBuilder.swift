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
    /// Aggregate types without `sql:` read the column named like the measure (`${TABLE}.name`), as
    /// Looker documents for any field without `sql:` (QueryEngine README, "Defaults").
    static let measureTypesNeedingSQL: Set<String> = [
        "number", "running_total", "percent_of_total", "percent_of_previous", "string", "date", "yesno", "int",
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
                if let source = block.pairs.first(where: { $0.key == "explore_source" }) {
                    built.view.nativeDerivedTable = nativeDerivedTable(source)
                } else if let persisted = block.pairs.first(where: { $0.key == "create_process" || $0.key == "sql_create" }) {
                    // Only a connection that may write can build these; the query engine refuses a
                    // query that needs the view, naming it.
                    built.view.persistedOnlyDerivedTable = persisted.key
                    sink.warning("view '\(name)' builds its derived table with \(persisted.key), which needs a writing connection; Spyglass runs read-only, so queries that use this view are refused", at: persisted.keyLocation)
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
            case "required_access_grants":
                built.view.requiredAccessGrants = reader.strings(pair)
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

    /// `explore_source: name { column … derived_column … bind_filters … }`; the query engine
    /// compiles it against the source explore per query.
    private func nativeDerivedTable(_ pair: Pair) -> NativeDerivedTable? {
        guard case .block(let block) = pair.value, let source = block.name else {
            sink.error("'explore_source' needs an explore name and a block: explore_source: name { column: … }", at: pair.keyLocation)
            return nil
        }
        var table = NativeDerivedTable(exploreSource: source)
        table.location = block.nameLocation ?? pair.keyLocation
        for p in block.pairs {
            switch p.key {
            case "column":
                guard case .block(let b) = p.value, let column = b.name else {
                    sink.error("'column' needs a name: column: name { field: view.field }", at: p.keyLocation)
                    continue
                }
                let field = b.pairs.last { $0.key == "field" }.flatMap(reader.string)
                table.columns.append(.init(name: column, field: field))
            case "derived_column":
                guard case .block(let b) = p.value, let column = b.name,
                      let sqlPair = b.pairs.last(where: { $0.key == "sql" }), let t = reader.template(sqlPair) else {
                    sink.error("'derived_column' needs a name and sql: derived_column: name { sql: … ;; }", at: p.keyLocation)
                    continue
                }
                table.derivedColumns.append(.init(name: column, sql: t.template))
            case "bind_filters":
                guard case .block(let b) = p.value,
                      let from = b.pairs.last(where: { $0.key == "from_field" }).flatMap(reader.string),
                      let to = b.pairs.last(where: { $0.key == "to_field" }).flatMap(reader.string) else {
                    sink.error("'bind_filters' needs from_field and to_field", at: p.keyLocation)
                    continue
                }
                table.bindFilters.append(.init(fromField: from, toField: to))
            case "bind_all_filters":
                table.bindAllFilters = reader.bool(p) ?? false
            case "filters":
                reader.filters(p, into: &table.filters)
            case "timezone":
                table.timezone = reader.string(p)
            case "limit":
                if let n = reader.number(p) {
                    if n >= 1 && n == n.rounded() && n < 1e15 { table.limit = Int(n) } else {
                        sink.error("'limit' of explore_source '\(source)' must be a positive whole number", at: p.value.location)
                    }
                }
            case "sorts":
                var sorts: [FilterCondition] = []
                reader.filters(p, into: &sorts)
                for s in sorts {
                    switch s.expression {
                    case "asc": table.sorts.append(.init(field: s.field, descending: false))
                    case "desc": table.sorts.append(.init(field: s.field, descending: true))
                    default: sink.error("sort direction '\(s.expression)' for '\(s.field)' must be asc or desc", at: s.location ?? p.keyLocation)
                    }
                }
            case "expression_custom_filter":
                table.expressionCustomFilter = reader.string(p)
            default:
                break
            }
        }
        if table.columns.isEmpty {
            sink.error("explore_source '\(source)' needs at least one column", at: table.location ?? pair.keyLocation)
        }
        return table
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
        var sawSQL = false
        for pair in block.pairs {
            guard let parameter = Self.fieldParameters[pair.key] else { continue }
            if applyCommon(pair, parameter, to: &field) { continue }
            switch parameter {
            case .type:
                typeScalar = reader.scalar(pair)
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
            case .caseBlock:
                guard case .block(let b) = pair.value else { _ = reader.scalar(pair); continue }
                for p in b.pairs {
                    if p.key == "else" { field.caseElse = reader.string(p); continue }
                    guard p.key == "when" else { continue }
                    guard case .block(let w) = p.value, let sqlPair = w.pairs.last(where: { $0.key == "sql" }),
                          let t = reader.template(sqlPair), let label = w.pairs.last(where: { $0.key == "label" }).flatMap(reader.string) else {
                        sink.error("'when' of case dimension '\(name)' needs sql and label", at: p.keyLocation)
                        continue
                    }
                    field.cases.append(CaseWhen(sql: t.template, label: label))
                    refs.append(contentsOf: t.references)
                }
                sawSQL = true
            case .alphaSort:
                field.alphaSort = reader.bool(pair) ?? false
            case .sqlLatitude, .sqlLongitude:
                if let t = reader.template(pair) {
                    if parameter == .sqlLatitude { field.sqlLatitude = t.template } else { field.sqlLongitude = t.template }
                    refs.append(contentsOf: t.references)
                }
            case .startLocationField: field.startLocationField = reader.string(pair)
            case .endLocationField: field.endLocationField = reader.string(pair)
            case .units: field.units = reader.string(pair)
            case .listField: field.listField = reader.string(pair)
            case .basedOn: field.basedOn = reader.string(pair)
            case .basedOnTime: field.basedOnTime = reader.string(pair)
            case .period: field.period = reader.string(pair)
            case .kind: field.periodKind = reader.string(pair)
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

        if kind == .dimension && (field.type == "location" || field.type == "distance") { sawSQL = true }
        if kind == .dimension && !sawSQL {
            // Looker's default: a column named like the dimension.
            field.sql = SQLTemplate(fragments: [.table, .text(".\(name)")], location: location)
        }
        if kind == .measure && !sawSQL && field.type == "list" && field.listField == nil {
            sink.error("measure '\(name)' of type list needs list_field (or sql)", at: typeScalar?.location ?? location)
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
        case .requiredAccessGrants: field.requiredAccessGrants = reader.strings(pair)
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
        case requiredAccessGrants
        case caseBlock, alphaSort, sqlLatitude, sqlLongitude, startLocationField, endLocationField, units, listField
        case basedOn, basedOnTime, period, kind
    }

    static let fieldParameters = KeywordTable<FieldParameter>([
        "label": .label, "view_label": .viewLabel, "group_label": .groupLabel, "group_item_label": .groupItemLabel,
        "description": .description, "hidden": .hidden, "value_format": .valueFormat,
        "value_format_name": .valueFormatName, "drill_fields": .drillFields, "suggestions": .suggestions,
        "type": .type, "sql": .sql, "primary_key": .primaryKey, "tiers": .tiers, "style": .style,
        "percentile": .percentile, "sql_distinct_key": .sqlDistinctKey, "filters": .filters,
        "allowed_value": .allowedValue, "default_value": .defaultValue, "convert_tz": .convertTZ,
        "datatype": .datatype, "timeframes": .timeframes, "intervals": .intervals, "sql_start": .sqlStart,
        "sql_end": .sqlEnd, "required_access_grants": .requiredAccessGrants,
        "case": .caseBlock, "alpha_sort": .alphaSort, "sql_latitude": .sqlLatitude,
        "sql_longitude": .sqlLongitude, "start_location_field": .startLocationField, "end_location_field": .endLocationField,
        "units": .units, "list_field": .listField, "based_on": .basedOn, "based_on_time": .basedOnTime, "period": .period,
        "kind": .kind,
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
                if !Timeframes.fiscalSet.contains(tf) && !Timeframes.timeSet.contains(tf) {
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
