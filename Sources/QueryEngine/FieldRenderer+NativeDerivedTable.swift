import Foundation
import SemanticModel

/// Native derived tables (`derived_table: { explore_source: … }`): the source explore's query,
/// compiled by the same compiler, becomes the view's FROM item.
///
/// The subquery exposes each `column:` under its own name (and each `derived_column:` computed over
/// them), so the view's `${TABLE}.column` references read it like a table. Filters reach it from the
/// NDT's own `filters:`, from `bind_filters` (the outer query's filter on `from_field`, applied to
/// `to_field`) and from `bind_all_filters` (every outer filter on a field of the source explore).
extension FieldRenderer {
    /// Explores feeding explores deeper than this are refused rather than compiled forever.
    static let maxNativeNesting = 8

    func nativeDerivedTableSQL(_ view: View, _ ndt: NativeDerivedTable) throws -> String {
        let owner = "native derived table of view '\(view.name)'"
        guard options.nesting < Self.maxNativeNesting else {
            throw QueryError("\(owner) nests native derived tables more than \(Self.maxNativeNesting) deep; one of them probably reads itself")
        }
        if let expression = ndt.expressionCustomFilter {
            throw QueryError("\(owner) uses expression_custom_filter '\(expression)', which Spyglass does not evaluate; write it as filters: [field: \"expression\"]")
        }
        guard let source = ctx.model.explore(named: ndt.exploreSource) else {
            throw QueryError("\(owner) reads explore_source '\(ndt.exploreSource)', which model '\(ctx.model.name)' does not define")
        }
        guard !ndt.columns.isEmpty else { throw QueryError("\(owner) has no column") }

        var spec = QuerySpec(explore: "\(ctx.model.name)/\(source.name)")
        spec.fields = ndt.columns.map { $0.field ?? "\(source.alias).\($0.name)" }
        spec.filters = ndt.filters
        spec.sorts = ndt.sorts.map { SortKey(field: $0.field, descending: $0.descending) }
        spec.limit = ndt.limit
        spec.filters += try boundFilters(ndt, view: view, source: source, owner: owner)

        var inner = options
        inner.nesting += 1
        switch ndt.timezone {
        case nil: inner.queryTimeZone = TimeZone(identifier: "UTC")!
        case "query_timezone": break
        case let name?:
            guard let zone = TimeZone(identifier: name) else { throw QueryError("\(owner) has an unknown timezone '\(name)'") }
            inner.queryTimeZone = zone
        }
        let sourceContext = try ExploreContext(model: ctx.model, explore: source, attributes: options.userAttributes, userName: options.userName)
        let renderer = FieldRenderer(ctx: sourceContext, dialect: dialect, options: inner)
        let planner = QueryPlanner(ctx: sourceContext, renderer: renderer, spec: spec, options: inner)
        planner.unlimited = true
        let compiled: CompiledQuery
        do { compiled = try planner.compile() } catch let error as QueryError {
            throw QueryError("\(owner) cannot be compiled from explore '\(source.name)': \(error.message)")
        }

        let q = dialect.quoteIdentifier("ndt_q"), t = dialect.quoteIdentifier("ndt_t")
        var select: [String] = []
        for (column, field) in zip(ndt.columns, spec.fields) {
            guard let out = compiled.columns.first(where: { $0.name == field }) else {
                throw QueryError("\(owner) column '\(column.name)' names '\(field)', which the source query does not return")
            }
            select.append("\(q).\(dialect.quoteIdentifier(out.alias)) AS \(columnName(column.name))")
        }
        var sql = "SELECT " + select.joined(separator: ", ") + "\nFROM (\n" + compiled.sql + "\n) \(q)"
        if !ndt.derivedColumns.isEmpty {
            // Derived columns name the columns above directly (window functions, arithmetic).
            var outer = ["\(t).*"]
            for derived in ndt.derivedColumns {
                let e = try expand(derived.sql, alias: "ndt_t", owner: "derived_column '\(derived.name)' of view '\(view.name)'")
                outer.append("(\(e.sql)) AS \(columnName(derived.name))")
            }
            sql = "SELECT " + outer.joined(separator: ", ") + "\nFROM (\n" + sql + "\n) \(t)"
        }
        return "(\n" + sql + "\n)"
    }

    /// A column name as the view's SQL will read it: bare when it is a plain lower-case identifier
    /// (so `${TABLE}.name` matches on every dialect), quoted otherwise.
    private func columnName(_ name: String) -> String {
        let plain = !name.isEmpty && name.utf8.allSatisfy { b in (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F }
            && !(name.utf8.first! >= 0x30 && name.utf8.first! <= 0x39)
        return plain ? name : dialect.quoteIdentifier(name)
    }

    /// The outer query's filters this table takes on: `bind_filters` pairs and, with
    /// `bind_all_filters`, every filter on a field the source explore also has (not the table's own).
    private func boundFilters(_ ndt: NativeDerivedTable, view: View, source: Explore, owner: String) throws -> [FilterCondition] {
        var out: [FilterCondition] = []
        func qualified(_ name: String) -> String {
            guard let dot = name.firstIndex(of: ".") else { return name }
            let head = String(name[..<dot])
            return (ctx.alias(for: head) ?? head) + name[dot...]
        }
        for binding in ndt.bindFilters {
            let from = qualified(binding.fromField)
            for filter in queryFilters where qualified(filter.field) == from {
                out.append(FilterCondition(field: binding.toField, expression: filter.expression))
            }
        }
        if ndt.bindAllFilters {
            let sourceAliases = Set([source.alias] + source.joins.map(\.name))
            let ownAliases = Set(ctx.views.filter { $0.value.name == view.name }.map(\.key))
            for filter in queryFilters {
                guard let dot = filter.field.firstIndex(of: ".") else { continue }
                let alias = String(filter.field[..<dot])
                guard sourceAliases.contains(alias), !ownAliases.contains(alias) else { continue }
                out.append(filter)
            }
        }
        return out
    }
}
