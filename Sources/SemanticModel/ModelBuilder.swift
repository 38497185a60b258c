/// Builds one model: follows its includes, collects the views and explores they define, applies
/// refinements (in include order) and then `extends`, and validates the result.
///
/// Looker's order: refinements are folded into an object first, so an object that extends it
/// inherits the refined version; the `extends:` that counts is the one left after refinements.
final class ModelBuilder {
    private let name: String
    private let path: String
    private let files: [String: SyntaxFile]
    /// Every project file (LookML and dashboards), project-relative, sorted.
    private let allPaths: [String]
    private let reader: ValueReader
    private var sink: DiagnosticSink { reader.sink }

    private struct Definition {
        var block: Block
        var location: SourceLocation
    }

    private struct Objects {
        var kind: String
        var definitions: [String: Definition] = [:]
        var order: [String] = []
        var refinements: [String: [Block]] = [:]
        var resolved: [String: [Pair]] = [:]
        var resolving: [String] = []
    }

    private var views = Objects(kind: "view")
    private var explores = Objects(kind: "explore")

    init(name: String, path: String, files: [String: SyntaxFile], allPaths: [String], reader: ValueReader) {
        self.name = name
        self.path = path
        self.files = files
        self.allPaths = allPaths
        self.reader = reader
    }

    func build() -> Model {
        var model = Model(name: name)
        guard let file = files[path] else { return model }
        model.location = SourceLocation(file: path, line: 1, column: 1)
        for pair in file.pairs {
            switch pair.key {
            case "connection": model.connection = reader.string(pair)
            case "label": model.label = reader.string(pair)
            case "access_grant":
                guard let grant = reader.accessGrant(pair) else { continue }
                if let first = model.accessGrants[grant.name] {
                    sink.error("access_grant '\(grant.name)' is already defined at \(first.location.map(String.init(describing:)) ?? "")", at: grant.location)
                } else {
                    model.accessGrants[grant.name] = grant
                }
            case "week_start_day":
                if let s = reader.scalar(pair) {
                    let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
                    if let day = days.firstIndex(of: s.text) { model.weekStartDay = day } else {
                        sink.error("week_start_day must be one of \(days.joined(separator: ", ")), not '\(s.text)'", at: s.location)
                    }
                }
            case "fiscal_month_offset":
                if let s = reader.scalar(pair) {
                    if let n = Int(s.text) { model.fiscalMonthOffset = n } else {
                        sink.error("fiscal_month_offset must be a whole number of months, not '\(s.text)'", at: s.location)
                    }
                }
            default: break
            }
        }

        let includes = includeOrder()
        let formats = ValueFormats.Definitions(reading: file, includes: includes.compactMap { files[$0] }, with: reader)
        model.namedValueFormats = formats.byName
        for includedPath in includes + [path] {
            guard let included = files[includedPath] else { continue }
            collect(included)
        }
        for (refined, blocks) in views.refinements where views.definitions[refined] == nil {
            for block in blocks { sink.error("refinement of unknown view '\(refined)'", at: block.nameLocation ?? block.location) }
        }
        for (refined, blocks) in explores.refinements where explores.definitions[refined] == nil {
            for block in blocks { sink.error("refinement of unknown explore '\(refined)'", at: block.nameLocation ?? block.location) }
        }

        // Merging is sequential (it memoizes parents); building each merged view is independent,
        // so it runs on all cores with a sink per view, merged back in definition order.
        let resolvedViews = views.order.map { resolve($0, in: &views) }
        let constants = reader.constants
        // Read out of `self` first: the workers then touch only these constants, not the
        // builder's mutable state (whose every access would be checked for exclusivity).
        let names = views.order
        let locations = names.map { views.definitions[$0]!.location }
        let results = Parallel.map(resolvedViews.count) { i -> (ViewBuilder.Built, [Diagnostic])? in
            guard let pairs = resolvedViews[i] else { return nil }
            let local = DiagnosticSink()
            var b = ViewBuilder(reader: ValueReader(constants: constants, sink: local))
                .build(name: names[i], pairs: pairs, location: locations[i])
            formats.resolve(in: &b.view, reportingTo: local)
            return (b, local.diagnostics)
        }
        var built: [String: ViewBuilder.Built] = [:]
        var ordered: [ViewBuilder.Built] = []
        for case let (b, diagnostics)? in results {
            for diagnostic in diagnostics { sink.add(diagnostic) }
            built[b.view.name] = b
            if !b.view.extensionRequired {
                ordered.append(b)
                model.views[b.view.name] = b.view
            }
        }

        let exploreBuilder = ExploreBuilder(reader: reader, model: name, views: built)
        var aliases: Set<String> = []
        var resolvedExplores: [(String, [Pair])] = []
        for exploreName in explores.order {
            guard let pairs = resolve(exploreName, in: &explores) else { continue }
            resolvedExplores.append((exploreName, pairs))
            aliases.insert(exploreName)
            for pair in pairs {
                if pair.key == "view_name", case .scalar(let s) = pair.value { aliases.insert(s.text) }
                if pair.key == "join", case .block(let b) = pair.value, let joinName = b.name { aliases.insert(joinName) }
            }
        }
        ReferenceValidator(sink: sink, views: ordered, viewsByName: built, aliases: aliases).validate()
        for (exploreName, pairs) in resolvedExplores {
            let explore = exploreBuilder.build(name: exploreName, pairs: pairs, location: explores.definitions[exploreName]!.location)
            if !explore.extensionRequired { model.explores.append(explore) }
        }
        AccessChecks(model: model, sink: sink).check()
        LiquidValidator.validate(model, sink: sink)
        return model
    }

    /// Files the model sees, dependencies before the files that include them, each once.
    private func includeOrder() -> [String] {
        var order: [String] = []
        var visited: Set<String> = [path]
        func visit(_ filePath: String) {
            guard let file = files[filePath] else { return }
            let directory = filePath.split(separator: "/").dropLast().joined(separator: "/")
            for pair in file.pairs where pair.key == "include" {
                for scalar in reader.list(pair) {
                    let pattern = reader.text(scalar)
                    let glob = IncludeGlob(pattern, relativeTo: directory)
                    guard glob.isValid else {
                        sink.error(pattern.hasPrefix("//")
                            ? "include '\(pattern)' names another project; remote and local dependencies are not supported"
                            : "include '\(pattern)' points outside the project", at: scalar.location)
                        continue
                    }
                    var matched = false
                    for candidate in allPaths where glob.matches(candidate) {
                        matched = true
                        // Dashboards are loaded on their own; model files cannot be included.
                        guard candidate.hasSuffix(".lkml"), !candidate.hasSuffix(".model.lkml") else { continue }
                        guard visited.insert(candidate).inserted else { continue }
                        visit(candidate)
                        order.append(candidate)
                    }
                    if !matched {
                        sink.error("include '\(pattern)' matches no files", at: scalar.location)
                    }
                }
            }
        }
        visit(path)
        return order
    }

    private func collect(_ file: SyntaxFile) {
        for pair in file.pairs where pair.key == "view" || pair.key == "explore" {
            guard case .block(let block) = pair.value, let objectName = block.name, !objectName.isEmpty else {
                sink.error("'\(pair.key)' needs a name and a block: \(pair.key): name { … }", at: pair.keyLocation)
                continue
            }
            let location = block.nameLocation ?? pair.keyLocation
            if pair.key == "view" { add(objectName, block, at: location, to: &views) } else { add(objectName, block, at: location, to: &explores) }
        }
    }

    private func add(_ objectName: String, _ block: Block, at location: SourceLocation, to objects: inout Objects) {
        if objectName.hasPrefix("+") {
            objects.refinements[String(objectName.dropFirst()), default: []].append(block)
            return
        }
        if let first = objects.definitions[objectName] {
            sink.error("\(objects.kind) '\(objectName)' is already defined at \(first.location)", at: location)
            return
        }
        objects.definitions[objectName] = Definition(block: block, location: location)
        objects.order.append(objectName)
    }

    /// The object's pairs with refinements and extends applied, or nil if it cannot be built.
    private func resolve(_ objectName: String, in objects: inout Objects) -> [Pair]? {
        if let done = objects.resolved[objectName] { return done }
        guard let definition = objects.definitions[objectName] else { return nil }
        var pairs = definition.block.pairs
        // `final: yes` (on the definition or a refinement) closes the object to later refinements.
        // The refinement is still applied after the error, so its fields don't also show up as
        // unknown where they are used.
        var finalAt = finalDeclaration(in: definition.block.pairs)
        for refinement in objects.refinements[objectName] ?? [] {
            if let finalAt {
                sink.error("\(objects.kind) '\(objectName)' is final (final: yes at \(finalAt)) and cannot be refined",
                           at: refinement.nameLocation ?? refinement.location)
            }
            pairs = SyntaxMerge.merge(pairs, refinement.pairs)
            if finalAt == nil { finalAt = finalDeclaration(in: refinement.pairs) }
        }
        if let extends = pairs.last(where: { $0.key == "extends" }) {
            objects.resolving.append(objectName)
            var inherited: [Pair] = []
            for parent in reader.list(extends) {
                if let at = objects.resolving.firstIndex(of: parent.text) {
                    let cycle = (objects.resolving[at...] + [parent.text]).joined(separator: " → ")
                    sink.error("extends cycle: \(cycle)", at: parent.location)
                    continue
                }
                guard objects.definitions[parent.text] != nil else {
                    sink.error("unknown \(objects.kind) '\(parent.text)' in extends of \(objects.kind) '\(objectName)'", at: parent.location)
                    continue
                }
                guard let parentPairs = resolve(parent.text, in: &objects) else { continue }
                if let finalAt = finalDeclaration(of: parent.text, in: objects) {
                    sink.error("\(objects.kind) '\(parent.text)' is final (final: yes at \(finalAt)) and cannot be extended", at: parent.location)
                }
                // What makes the parent abstract, derived or closed is not inherited.
                inherited = SyntaxMerge.merge(inherited, parentPairs.filter { $0.key != "extends" && $0.key != "extension" && $0.key != "final" })
            }
            objects.resolving.removeLast()
            pairs = SyntaxMerge.merge(inherited, pairs.filter { $0.key != "extends" })
        }
        objects.resolved[objectName] = pairs
        return pairs
    }

    /// Where `final: yes` is written in one body (the last `final:` there counts), if it is.
    private func finalDeclaration(in pairs: [Pair]) -> SourceLocation? {
        guard let pair = pairs.last(where: { $0.key == "final" }), reader.bool(pair) == true else { return nil }
        return pair.keyLocation
    }

    /// Where an object was first declared final: its definition, else its refinements in order.
    private func finalDeclaration(of objectName: String, in objects: Objects) -> SourceLocation? {
        guard let definition = objects.definitions[objectName] else { return nil }
        if let at = finalDeclaration(in: definition.block.pairs) { return at }
        for refinement in objects.refinements[objectName] ?? [] {
            if let at = finalDeclaration(in: refinement.pairs) { return at }
        }
        return nil
    }
}
