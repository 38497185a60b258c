/// The parameters Looker accepts in each LookML context, so a misspelt key (`primery_key`) is
/// reported instead of silently ignored. Unknown keys are warnings: Looker grows new parameters
/// and an older table must not break a newer project.
enum KnownParameters {
    private static let fieldCommon: Set<String> = [
        "label", "view_label", "group_label", "group_item_label", "description", "hidden", "sql",
        "type", "value_format", "value_format_name", "html", "link", "action", "drill_fields",
        "required_access_grants", "required_fields", "tags", "alias", "can_filter", "suggestable",
        "suggestions", "suggest_dimension", "suggest_explore", "suggest_persist_for", "full_suggestions",
        "bypass_suggest_restrictions", "label_from_parameter", "order_by_field", "case_sensitive",
        "fanout_on", "skip_drill_filter", "map_layer_name", "allow_fill", "style",
    ]

    static let byContext: [String: Set<String>] = [
        "file": ["view", "explore", "include", "connection", "label", "datagroup", "access_grant",
                 "persist_for", "persist_with", "week_start_day", "case_sensitive", "fiscal_month_offset",
                 "named_value_format", "map_layer", "test", "aggregate_awareness", "project_name",
                 "constant", "local_dependency", "remote_dependency", "application", "visualization",
                 "new_lookml_runtime", "localization_settings", "override_constant"],
        "view": ["sql_table_name", "derived_table", "dimension", "dimension_group", "measure", "filter",
                 "parameter", "set", "drill_fields", "extends", "extension", "label", "fields_hidden_by_default",
                 "required_access_grants", "suggestions", "view_label", "final", "include", "description"],
        "derived_table": ["sql", "explore_source", "persist_for", "datagroup_trigger", "sql_trigger_value",
                          "distribution", "distribution_style", "sortkeys", "indexes", "partition_keys",
                          "cluster_keys", "create_process", "sql_create", "materialized_view", "increment_key",
                          "increment_offset", "interval_trigger", "publish_as_db_view", "table_compression",
                          "table_format"],
        "dimension": fieldCommon.union(["primary_key", "tiers", "sql_latitude", "sql_longitude", "string_datatype",
                                        "alpha_sort", "convert_tz", "datatype", "end_location_field",
                                        "start_location_field", "units", "allow_approximate_optimization",
                                        "order_by_field", "case", "value_format", "full_suggestions",
                                        "map_layer_name", "sql_distinct_key", "timeframes", "intervals",
                                        "sql_start", "sql_end", "week_start_day", "extends"]),
        "dimension_group": fieldCommon.union(["timeframes", "intervals", "sql_start", "sql_end", "datatype",
                                              "convert_tz", "primary_key"]),
        "measure": fieldCommon.union(["filters", "percentile", "precision", "sql_distinct_key", "list_field",
                                      "approximate", "approximate_threshold", "direction",
                                      "allow_approximate_optimization", "primary_key", "convert_tz", "datatype",
                                      "based_on", "based_on_time", "period", "kind"]),
        "filter": fieldCommon.union(["default_value", "convert_tz", "datatype"]),
        "parameter": fieldCommon.union(["allowed_value", "default_value"]),
        "set": ["fields"],
        "allowed_value": ["label", "value"],
        "explore": ["join", "from", "view_name", "label", "description", "group_label", "view_label", "hidden",
                    "fields", "sql_always_where", "sql_always_having", "always_filter", "conditionally_filter",
                    "always_join", "access_filter", "extends", "extension", "persist_for", "persist_with",
                    "required_access_grants", "sql_preamble", "sql_table_name", "symmetric_aggregates",
                    "cancel_grouping_fields", "case_sensitive", "tags", "aggregate_table", "query",
                    "final", "sql_where"],
        "join": ["sql_on", "foreign_key", "type", "relationship", "from", "fields", "required_joins",
                 "view_label", "sql_where", "outer_only", "sql_table_name", "required_access_grants", "sql"],
        "always_filter": ["filters"],
        "conditionally_filter": ["filters", "unless"],
        "constant": ["value", "export"],
        "filters_block": ["field", "value"],
    ]

    /// A context's name and its known keys, each mapped to the context of its nested block when
    /// that is checked too (`noChild` otherwise): one table lookup per pair answers both questions.
    private struct Context {
        var name: String
        var keys: KeywordTable<Int>
    }

    private static let noChild = -1

    private static let childNames: [String: [String: String]] = [
        "file": ["view": "view", "explore": "explore", "constant": "constant"],
        "view": ["derived_table": "derived_table", "dimension": "dimension", "dimension_group": "dimension_group",
                 "measure": "measure", "filter": "filter", "parameter": "parameter", "set": "set"],
        "parameter": ["allowed_value": "allowed_value"],
        "measure": ["filters": "filters_block"],
        "explore": ["join": "join", "always_filter": "always_filter", "conditionally_filter": "conditionally_filter"],
    ]

    private static let contexts: [Context] = {
        let names = byContext.keys.sorted()
        let position = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        return names.map { name in
            let children = childNames[name] ?? [:]
            var keys: [String: Int] = [:]
            for key in byContext[name]! { keys[key] = children[key].map { position[$0]! } ?? noChild }
            return Context(name: name, keys: KeywordTable(keys))
        }
    }()

    private static let fileContext = contexts.firstIndex { $0.name == "file" }!

    /// Warns once per unknown key in every block of a file whose context is known.
    static func check(_ file: SyntaxFile, sink: DiagnosticSink) {
        check(file.pairs, context: fileContext, owner: nil, sink: sink)
    }

    private static func check(_ pairs: [Pair], context index: Int, owner: String?, sink: DiagnosticSink) {
        let keys = contexts[index].keys
        // Index rather than `for pair in`: reading the key in place skips copying (and retaining)
        // every pair, which was most of this check's cost.
        for i in pairs.indices {
            guard let child = keys[pairs[i].key] else {
                let pair = pairs[i]
                let name = contexts[index].name
                let place = owner.map { " in \(name) '\($0)'" } ?? (name == "file" ? "" : " in \(name)")
                sink.warning("unknown parameter '\(pair.key)'\(place)", at: pair.keyLocation)
                continue
            }
            guard child != noChild else { continue }
            switch pairs[i].value {
            case .block(let block):
                check(block.pairs, context: child, owner: block.name ?? owner, sink: sink)
            case .list(let list):
                for case .block(let block) in list.items {
                    check(block.pairs, context: child, owner: block.name ?? owner, sink: sink)
                }
            case .scalar:
                break
            }
        }
    }
}
