/// Turns an explore's merged syntax into an `Explore` and checks it against the model's views:
/// joined views exist, `${alias.field}` references resolve, `fields:` lists name real fields,
/// primary keys exist where fan-out needs them.
struct ExploreBuilder {
    let reader: ValueReader
    let model: String
    /// Every view built for the model (extension views included, so messages can say why one
    /// cannot be used).
    let views: [String: ViewBuilder.Built]
    var sink: DiagnosticSink { reader.sink }

    private struct PendingJoin {
        var join: Join
        var nameLocation: SourceLocation
        var fromLocation: SourceLocation?
        var sqlOnRefs: [ValueReader.LocatedReference] = []
        var sqlWhereRefs: [ValueReader.LocatedReference] = []
        var fields: [Scalar]?
        var foreignKey: Scalar?
        var requiredJoins: [Scalar] = []
        var relationshipLocation: SourceLocation?
    }

    func build(name: String, pairs: [Pair], location: SourceLocation) -> Explore {
        var explore = Explore(model: model, name: name, baseView: name, alias: name)
        explore.location = location
        var from: Scalar?
        var viewName: Scalar?
        var joins: [PendingJoin] = []
        var exploreRefs: [ValueReader.LocatedReference] = []
        var fieldsList: [Scalar]?
        var alwaysJoin: [Scalar] = []
        for pair in pairs {
            switch pair.key {
            case "from": from = reader.scalar(pair)
            case "view_name": viewName = reader.scalar(pair)
            case "label": explore.label = reader.string(pair)
            case "description": explore.description = reader.string(pair)
            case "group_label": explore.groupLabel = reader.string(pair)
            case "view_label": explore.viewLabel = reader.string(pair)
            case "hidden": explore.hidden = reader.bool(pair) ?? false
            case "extension": explore.extensionRequired = reader.scalar(pair)?.text == "required"
            case "fields": fieldsList = reader.list(pair)
            case "always_join":
                alwaysJoin = reader.list(pair)
            case "sql_always_where":
                if let t = reader.template(pair) { explore.sqlAlwaysWhere = t.template; exploreRefs += t.references }
            case "sql_always_having":
                if let t = reader.template(pair) { explore.sqlAlwaysHaving = t.template; exploreRefs += t.references }
            case "always_filter", "conditionally_filter":
                guard case .block(let block) = pair.value else { _ = reader.scalar(pair); continue }
                var conditions: [FilterCondition] = []
                for p in block.pairs where p.key == "filters" { reader.filters(p, into: &conditions) }
                if pair.key == "always_filter" { explore.alwaysFilter = conditions } else {
                    explore.conditionallyFilter = conditions
                    explore.conditionallyFilterUnless = block.pairs.filter { $0.key == "unless" }.flatMap(reader.strings)
                }
            case "required_access_grants":
                explore.requiredAccessGrants = reader.strings(pair)
            case "access_filter":
                if let filter = reader.accessFilter(pair, explore: name) { explore.accessFilters.append(filter) }
            case "join":
                guard case .block(let block) = pair.value, let joinName = block.name else {
                    sink.error("'join' needs a name and a block: join: name { … }", at: pair.keyLocation)
                    continue
                }
                joins.append(join(named: joinName, block: block, at: block.nameLocation ?? pair.keyLocation))
            default:
                break
            }
        }
        explore.baseView = from.map(reader.text) ?? viewName.map(reader.text) ?? name
        explore.alias = viewName.map(reader.text) ?? name
        guard !explore.extensionRequired else { return explore }

        // Aliases in scope: the base alias, then joins (a duplicate join name is reported at the second).
        var aliasView: [String: String] = [:]
        var aliasLocation: [String: SourceLocation] = [:]
        let baseLocation = from?.location ?? viewName?.location ?? location
        if checkUsable(view: explore.baseView, at: baseLocation, role: "explore '\(name)'") {
            aliasView[explore.alias] = explore.baseView
        }
        aliasLocation[explore.alias] = location
        var kept: [PendingJoin] = []
        for pending in joins {
            if let first = aliasLocation[pending.join.name] {
                sink.error("join '\(pending.join.name)' is already defined in explore '\(name)' at \(first)", at: pending.nameLocation)
                continue
            }
            aliasLocation[pending.join.name] = pending.nameLocation
            if checkUsable(view: pending.join.view, at: pending.fromLocation ?? pending.nameLocation, role: "join '\(pending.join.name)'") {
                aliasView[pending.join.name] = pending.join.view
            }
            kept.append(pending)
        }

        // Views already reported for a missing primary key are not warned about again for fan-out.
        var missingKey: Set<String> = []
        for pending in kept {
            check(pending.sqlOnRefs, aliases: aliasView, known: aliasLocation, context: "sql_on of join '\(pending.join.name)'")
            check(pending.sqlWhereRefs, aliases: aliasView, known: aliasLocation, context: "sql_where of join '\(pending.join.name)'")
            for required in pending.requiredJoins where aliasLocation[required.text] == nil {
                sink.error("unknown join '\(required.text)' in required_joins of join '\(pending.join.name)'", at: required.location)
            }
            if pending.join.sqlOn == nil && pending.join.sql == nil && pending.foreignKey == nil && pending.join.kind != .cross {
                sink.error("join '\(pending.join.name)' needs sql_on or foreign_key (or type: cross)", at: pending.nameLocation)
            }
            if let fk = pending.foreignKey {
                if !checkForeignKey(fk, join: pending.join, baseAlias: explore.alias, aliases: aliasView) {
                    missingKey.insert(pending.join.view)
                }
            }
        }
        for scalar in alwaysJoin where aliasLocation[scalar.text] == nil {
            sink.error("unknown join '\(scalar.text)' in always_join of explore '\(name)'", at: scalar.location)
        }
        explore.alwaysJoin = alwaysJoin.map(\.text)
        check(exploreRefs, aliases: aliasView, known: aliasLocation, context: "explore '\(name)'")
        for condition in explore.alwaysFilter + explore.conditionallyFilter {
            checkFieldName(condition.field, at: condition.location, aliases: aliasView, context: "filters of explore '\(name)'")
        }
        for filter in explore.accessFilters {
            checkFieldName(filter.field, at: filter.location, aliases: aliasView, context: "access_filter of explore '\(name)'")
        }
        explore.joins = kept.map(\.join)
        warnAboutFanOut(explore: explore, joins: kept, aliases: aliasView, skipping: missingKey)
        for pending in kept { warnIfJoinMissesKey(pending, aliases: aliasView) }
        explore.allowedFields = allowedFields(explore: explore, joins: kept, list: fieldsList, aliases: aliasView)
        return explore
    }

    private func join(named name: String, block: Block, at location: SourceLocation) -> PendingJoin {
        var pending = PendingJoin(join: Join(name: name, view: name), nameLocation: location)
        pending.join.location = location
        for pair in block.pairs {
            switch pair.key {
            case "from":
                if let s = reader.scalar(pair) { pending.join.view = s.text; pending.fromLocation = s.location }
            case "type":
                if let s = reader.scalar(pair) {
                    if let kind = Join.Kind(rawValue: s.text) { pending.join.kind = kind } else {
                        sink.error("unknown join type '\(s.text)' in join '\(name)'; expected left_outer, inner, full_outer or cross", at: s.location)
                    }
                }
            case "relationship":
                if let s = reader.scalar(pair) {
                    if let r = Join.Relationship(rawValue: s.text) { pending.join.relationship = r; pending.relationshipLocation = s.location } else {
                        sink.error("unknown relationship '\(s.text)' in join '\(name)'; expected many_to_one, one_to_one, one_to_many or many_to_many", at: s.location)
                    }
                }
            case "sql_on":
                if let t = reader.template(pair) { pending.join.sqlOn = t.template; pending.sqlOnRefs = t.references }
            case "sql_where":
                if let t = reader.template(pair) { pending.join.sqlWhere = t.template; pending.sqlWhereRefs = t.references }
            case "foreign_key":
                if let s = reader.scalar(pair) { pending.foreignKey = s; pending.join.foreignKey = s.text }
            case "view_label":
                pending.join.viewLabel = reader.string(pair)
            case "required_joins":
                pending.requiredJoins = reader.list(pair)
                pending.join.requiredJoins = pending.requiredJoins.map(\.text)
            case "fields":
                pending.fields = reader.list(pair)
            case "required_access_grants":
                pending.join.requiredAccessGrants = reader.strings(pair)
            case "sql":
                // The whole join clause, written out (UNNEST, FLATTEN, LATERAL …).
                if let t = reader.template(pair) { pending.join.sql = t.template; pending.sqlOnRefs += t.references }
            default:
                break
            }
        }
        return pending
    }

    /// Whether `view` exists and may be queried; reports why not at `location`.
    private func checkUsable(view: String, at location: SourceLocation, role: String) -> Bool {
        guard let built = views[view] else {
            sink.error("unknown view '\(view)' in \(role)", at: location)
            return false
        }
        if built.view.extensionRequired {
            sink.error("view '\(view)' in \(role) has extension: required and can only be extended", at: location)
            return false
        }
        return true
    }

    private func check(_ refs: [ValueReader.LocatedReference], aliases: [String: String], known: [String: SourceLocation], context: String) {
        for ref in refs {
            guard let alias = ref.view else {
                sink.error("reference '\(ref.written)' in \(context) needs a view: write ${view.\(ref.name)}", at: ref.location)
                continue
            }
            guard let viewName = aliases[alias] else {
                // An alias whose view is unknown was reported at the join; don't repeat it.
                if known[alias] == nil {
                    sink.error("unknown view '\(alias)' in '\(ref.written)'; it is not the explore or one of its joins", at: ref.location)
                }
                continue
            }
            if ref.name == "SQL_TABLE_NAME" { continue }
            if let built = views[viewName], built.index[ref.name] == nil {
                sink.error("unknown field '\(ref.name)' in view '\(viewName)' referenced as '\(ref.written)'", at: ref.location)
            }
        }
    }

    /// `alias.field` in an explore's filters or fields lists.
    private func checkFieldName(_ name: String, at location: SourceLocation?, aliases: [String: String], context: String) {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            sink.error("field '\(name)' in \(context) needs a view: write view.\(name)", at: location)
            return
        }
        guard let viewName = aliases[parts[0]] else {
            sink.error("unknown view '\(parts[0])' in \(context)", at: location)
            return
        }
        if let built = views[viewName], built.index[parts[1]] == nil {
            sink.error("unknown field '\(parts[1])' in view '\(viewName)' in \(context)", at: location)
        }
    }

    /// Returns false when the joined view has no primary key (reported here).
    private func checkForeignKey(_ fk: Scalar, join: Join, baseAlias: String, aliases: [String: String]) -> Bool {
        let parts = fk.text.split(separator: ".", maxSplits: 1).map(String.init)
        let (alias, field) = parts.count == 2 ? (parts[0], parts[1]) : (baseAlias, fk.text)
        if let viewName = aliases[alias], let built = views[viewName], built.index[field] == nil {
            sink.error("unknown field '\(field)' in view '\(viewName)' in foreign_key of join '\(join.name)'", at: fk.location)
        } else if aliases[alias] == nil && parts.count == 2 {
            sink.error("unknown view '\(alias)' in foreign_key of join '\(join.name)'", at: fk.location)
        }
        if let joined = views[join.view], joined.view.primaryKey == nil {
            sink.error("join '\(join.name)' uses foreign_key but view '\(join.view)' has no primary_key", at: fk.location)
            return false
        }
        return true
    }

    /// A one_to_many join repeats the rows of the views on its "one" side (every other view in the
    /// explore); a many_to_many join also repeats its own view's rows. Measures of a repeated view
    /// are only right if the query engine can tell its rows apart by primary key.
    private func warnAboutFanOut(explore: Explore, joins: [PendingJoin], aliases: [String: String], skipping: Set<String>) {
        let order = [explore.alias] + joins.map(\.join.name)
        var warned = skipping
        for fanning in joins where fanning.join.relationship == .oneToMany || fanning.join.relationship == .manyToMany {
            let at = fanning.relationshipLocation ?? fanning.nameLocation
            for alias in order where alias != fanning.join.name || fanning.join.relationship == .manyToMany {
                guard let viewName = aliases[alias], let built = views[viewName], built.hasMeasures,
                      built.view.primaryKey == nil, warned.insert(viewName).inserted else { continue }
                sink.warning("measures of '\(viewName)' may be wrong through fan-out: view '\(viewName)' has no primary_key", at: at)
            }
        }
    }

    /// A join declared `many_to_one` or `one_to_one` promises at most one joined row per row on
    /// the left; its `sql_on` keeps that promise only if it equates the joined view's primary key
    /// (`JoinKeyCheck` says when it cannot tell, and then nothing is said). `foreign_key:` joins
    /// are on the key by definition; a view without a primary key is reported elsewhere.
    private func warnIfJoinMissesKey(_ pending: PendingJoin, aliases: [String: String]) {
        let join = pending.join
        guard join.relationship == .manyToOne || join.relationship == .oneToOne, pending.foreignKey == nil,
              join.kind != .cross, let sqlOn = join.sqlOn, let viewName = aliases[join.name],
              let built = views[viewName], let key = built.view.primaryKey else { return }
        // A misspelt field in the sql_on was reported as an error; one report per mistake.
        for ref in pending.sqlOnRefs where ref.view == join.name && ref.name != "SQL_TABLE_NAME" && built.index[ref.name] == nil { return }
        guard JoinKeyCheck.verdict(sqlOn: sqlOn, alias: join.name, view: built) == .missesKey else { return }
        let declared = pending.relationshipLocation == nil
            ? "is \(join.relationship.rawValue) (the default when no relationship is given)"
            : "is declared \(join.relationship.rawValue)"
        sink.warning("join '\(join.name)' \(declared), but its sql_on does not match \(join.name).\(key.name) (the primary key): "
            + "if several \(join.name) rows match one row, measures are counted more than once; "
            + "fix the sql_on or declare the relationship one_to_many",
            at: pending.relationshipLocation ?? pending.nameLocation)
    }

    /// `fields:` on the explore and its joins, as the set of `alias.field` names a user may pick.
    private func allowedFields(explore: Explore, joins: [PendingJoin], list: [Scalar]?, aliases: [String: String]) -> Set<String>? {
        guard list != nil || joins.contains(where: { $0.fields != nil }) else { return nil }
        // Fields each alias brings into the explore, after join-level `fields:`.
        var available: [String: [String]] = [:]
        var order: [String] = []
        if let viewName = aliases[explore.alias], let built = views[viewName] {
            available[explore.alias] = built.view.fields.map(\.name)
            order.append(explore.alias)
        }
        for pending in joins {
            guard let viewName = aliases[pending.join.name], let built = views[viewName] else { continue }
            order.append(pending.join.name)
            guard let fields = pending.fields else {
                available[pending.join.name] = built.view.fields.map(\.name)
                continue
            }
            var names: [String] = []
            for item in fields {
                var text = item.text
                if text.hasPrefix(pending.join.name + ".") { text.removeFirst(pending.join.name.count + 1) }
                names += expand(text, view: built, at: item.location, context: "fields of join '\(pending.join.name)'")
            }
            available[pending.join.name] = names
        }
        var everything: Set<String> = []
        for alias in order { for f in available[alias] ?? [] { everything.insert("\(alias).\(f)") } }
        guard let list else { return everything }

        var included: Set<String> = []
        var excluded: Set<String> = []
        var sawInclusion = false
        for item in list {
            var text = item.text
            let exclude = text.hasPrefix("-")
            if exclude { text.removeFirst() }
            var selected: [String] = []
            if text == "ALL_FIELDS*" {
                selected = Array(everything)
            } else {
                let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
                guard parts.count == 2 else {
                    sink.error("'\(item.text)' in fields of explore '\(explore.name)' needs a view: write view.\(text)", at: item.location)
                    continue
                }
                guard let viewName = aliases[parts[0]], let built = views[viewName] else {
                    sink.error("unknown view '\(parts[0])' in fields of explore '\(explore.name)'", at: item.location)
                    continue
                }
                selected = expand(parts[1], view: built, at: item.location, context: "fields of explore '\(explore.name)'")
                    .map { "\(parts[0]).\($0)" }
            }
            if exclude { excluded.formUnion(selected) } else { sawInclusion = true; included.formUnion(selected) }
        }
        if !sawInclusion { included = everything }
        return included.subtracting(excluded).intersection(everything)
    }

    /// `field`, `*` or `set*` of one view, as field names; unknown names are reported.
    private func expand(_ item: String, view built: ViewBuilder.Built, at location: SourceLocation, context: String) -> [String] {
        if item == "*" { return built.view.fields.map(\.name) }
        if item.hasSuffix("*") {
            let set = String(item.dropLast())
            guard let members = built.view.sets[set] else {
                sink.error("unknown set '\(set)' in view '\(built.view.name)' in \(context)", at: location)
                return []
            }
            var out: [String] = []
            for member in ViewBuilder.expandSetMembers(members, sets: built.view.sets) {
                // Sets may name fields of other views (`users.name`) for drilling; only this view's count here.
                let name = member.hasPrefix(built.view.name + ".") ? String(member.dropFirst(built.view.name.count + 1)) : member
                if built.index[name] != nil { out.append(name) }
            }
            return out
        }
        guard built.index[item] != nil else {
            sink.error("unknown field '\(item)' in view '\(built.view.name)' in \(context)", at: location)
            return []
        }
        return [item]
    }
}
