import Foundation
import SemanticModel

/// `spyglass validate --sql`: compiles every field every explore exposes, the way a content
/// validator would, and reports the fields that do not compile, each at the place it is defined.
///
/// Fields are compiled in groups (every selectable field one alias brings into the explore, one
/// query); only a group that fails is split, in halves, down to the fields at fault, so a clean
/// explore costs one compile per alias. Explores are checked on all cores.
public enum ExploreSQLCheck {
    /// One field that does not compile in one explore.
    public struct Failure: Sendable, Equatable {
        public var model: String
        public var explore: String
        /// `alias.field` as the explore exposes it; nil when no field of the explore compiles for
        /// one reason (the explore itself is at fault, reported once at the explore).
        public var field: String?
        public var message: String
        /// Where the field is defined.
        public var location: SourceLocation?
    }

    /// What one explore gave.
    public struct ExploreResult: Sendable {
        public var model: String
        public var explore: String
        /// Fields tried (dimensions and measures the explore exposes).
        public var checked: Int
        public var failures: [Failure]
    }

    /// Checks every explore of every model; `dialect` gives each model's dialect. Results are in
    /// model then explore order.
    public static func run(project: Project, dialect: (Model) -> any Dialect, options: CompileOptions = CompileOptions()) -> [ExploreResult] {
        var items: [(model: Model, explore: Explore, dialect: any Dialect)] = []
        for model in project.models {
            let d = dialect(model)
            for explore in model.explores { items.append((model, explore, d)) }
        }
        let work = items
        var prepared: [String: CompileOptions] = [:]
        for model in project.models { prepared[model.name] = validatorOptions(options, model: model) }
        let perModel = prepared
        let slots = ResultSlots(count: work.count)
        DispatchQueue.concurrentPerform(iterations: work.count) { i in
            let item = work[i]
            slots.set(i, check(item.explore, of: item.model, project: project, dialect: item.dialect, prepared: perModel[item.model.name]!))
        }
        return slots.values
    }

    /// Checks one explore.
    public static func check(_ explore: Explore, of model: Model, project: Project, dialect: any Dialect,
                             options: CompileOptions = CompileOptions()) -> ExploreResult {
        check(explore, of: model, project: project, dialect: dialect, prepared: validatorOptions(options, model: model))
    }

    static func check(_ explore: Explore, of model: Model, project: Project, dialect: any Dialect,
                      prepared options: CompileOptions) -> ExploreResult {
        let reference = "\(model.name)/\(explore.name)"
        let exposed = project.fields(in: explore, of: model)
        var groups: [[ExploreField]] = []
        var byAlias: [String: Int] = [:]
        for item in exposed where item.field.kind == .dimension || item.field.kind == .measure {
            if let g = byAlias[item.alias] { groups[g].append(item) } else {
                byAlias[item.alias] = groups.count
                groups.append([item])
            }
        }
        // A user must give a parameter without default_value a value; the validator gives the
        // first allowed value (or a plain one).
        var parameterFilters: [FilterCondition] = []
        for item in exposed where item.field.kind == .parameter && item.field.defaultValue == nil {
            let value = item.field.allowedValues.first?.value ?? (item.field.type == "number" ? "1" : "validate")
            parameterFilters.append(FilterCondition(field: item.name, expression: value))
        }
        // A period_over_period measure is only asked for with a timeframe of the time it compares.
        func helpers(_ fields: [ExploreField]) -> [String] {
            var out: [String] = []
            for item in fields where item.field.type == "period_over_period" {
                guard let time = item.field.basedOnTime else { continue }
                // `created_year`, `orders.created_month`, or the group `created`.
                let name = String(time.split(separator: ".").last ?? Substring(time))
                let frames = ["date", "month", "week", "quarter", "year"]
                let helper = exposed.first { $0.alias == item.alias && $0.field.name == name }
                    ?? exposed.first { $0.alias == item.alias && $0.field.group == name && frames.contains($0.field.timeframe ?? "") }
                if let helper, !out.contains(helper.name) { out.append(helper.name) }
            }
            return out
        }
        var failures: [Failure] = []
        func compiles(_ fields: [ExploreField]) -> QueryError? {
            let names = fields.map(\.name)
            var spec = QuerySpec(explore: reference, fields: names + helpers(fields).filter { !names.contains($0) })
            spec.filters = parameterFilters
            spec.limit = 1
            do {
                _ = try QueryCompiler.compile(spec, project: project, dialect: dialect, options: options)
                return nil
            } catch let error as QueryError {
                return error
            } catch {
                return QueryError(String(describing: error))
            }
        }
        func bisect(_ fields: [ExploreField], error: QueryError) {
            guard fields.count > 1 else {
                failures.append(Failure(model: model.name, explore: explore.name, field: fields[0].name,
                                        message: error.message, location: fields[0].field.location))
                return
            }
            let half = fields.count / 2
            for part in [Array(fields[..<half]), Array(fields[half...])] {
                if let error = compiles(part) { bisect(part, error: error) }
            }
        }
        var checked = 0
        for group in groups {
            checked += group.count
            if let error = compiles(group) { bisect(group, error: error) }
        }
        // Every field failing the same way is one mistake of the explore's (an always_filter, a
        // join), not one per field.
        if checked > 1, failures.count == checked, let first = failures.first, failures.allSatisfy({ $0.message == first.message }) {
            failures = [Failure(model: model.name, explore: explore.name, field: nil, message: first.message, location: explore.location)]
        }
        return ExploreResult(model: model.name, explore: explore.name, checked: checked, failures: failures)
    }
}

extension ExploreSQLCheck {
    /// Compiles as a content validator does: as a user who meets every `access_grant` of the model
    /// (each attribute holds all its grants' allowed values, which a comma list meets) and has a
    /// value ("-NULL") for every other attribute an `access_filter` reads, so no field is skipped
    /// for want of a grant. The caller's own attributes are not used.
    static func validatorOptions(_ options: CompileOptions, model: Model) -> CompileOptions {
        var attributes: [String: [String]] = [:]
        for grant in model.accessGrants.values.sorted(by: { $0.name < $1.name }) {
            for value in grant.allowedValues where !(attributes[grant.userAttribute] ?? []).contains(value) {
                attributes[grant.userAttribute, default: []].append(value)
            }
        }
        var out = options
        out.userAttributes = attributes.mapValues { $0.joined(separator: ",") }
        for explore in model.explores {
            for filter in explore.accessFilters where out.userAttributes[filter.userAttribute] == nil {
                out.userAttributes[filter.userAttribute] = "-NULL"
            }
        }
        // Attributes model SQL reads through Liquid (`_user_attributes['region']`) get a plain value.
        for name in liquidUserAttributes(of: model) where out.userAttributes[name] == nil {
            out.userAttributes[name] = "1"
        }
        out.userName = "the content validator"
        return out
    }

    /// Names in `_user_attributes['name']` (or `"name"`) anywhere in the model's SQL.
    static func liquidUserAttributes(of model: Model) -> Set<String> {
        var names: Set<String> = []
        func scan(_ template: SQLTemplate?) {
            guard let template else { return }
            for case .text(let text) in template.fragments where text.contains("_user_attributes") {
                var rest = Substring(text)
                while let range = rest.range(of: "_user_attributes[") {
                    rest = rest[range.upperBound...]
                    guard let quote = rest.first, quote == "'" || quote == "\"" else { continue }
                    let body = rest.dropFirst()
                    guard let end = body.firstIndex(of: quote) else { break }
                    names.insert(String(body[..<end]))
                    rest = body[end...]
                }
            }
        }
        for view in model.views.values {
            scan(view.derivedTableSQL)
            for field in view.fields { scan(field.sql); scan(field.sqlStart); scan(field.sqlEnd) }
        }
        for explore in model.explores {
            scan(explore.sqlAlwaysWhere)
            scan(explore.sqlAlwaysHaving)
            for join in explore.joins { scan(join.sqlOn); scan(join.sqlWhere); scan(join.sql) }
        }
        return names
    }
}

/// Results written by concurrent workers, each into its own slot.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [ExploreSQLCheck.ExploreResult?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: ExploreSQLCheck.ExploreResult) { lock.withLock { slots[index] = result } }

    var values: [ExploreSQLCheck.ExploreResult] { lock.withLock { slots.compactMap { $0 } } }
}
