/// Resolves every `${…}` reference written inside views, checks what may reference what (a
/// dimension cannot use a measure; an aggregate cannot aggregate a measure), and finds reference
/// cycles with Tarjan's strongly-connected components, linear in fields plus references.
struct ReferenceValidator {
    let sink: DiagnosticSink
    /// Views of the model in definition order (extension-required ones left out).
    let views: [ViewBuilder.Built]
    /// Every view of the model by name, extension views included.
    let viewsByName: [String: ViewBuilder.Built]
    /// Explore aliases and join names in the model: `${alias.field}` inside a view may name a join
    /// rather than a view, which only a query can resolve.
    let aliases: Set<String>

    private struct Edge {
        var target: Int
        var location: SourceLocation
    }

    func validate() {
        // Graph nodes are the fields of `views`, numbered view after view.
        var offsets: [String: Int] = [:]
        var owners: [(view: Int, field: Int)] = []
        for (v, built) in views.enumerated() {
            offsets[built.view.name] = owners.count
            for f in built.view.fields.indices { owners.append((v, f)) }
        }
        // Each view's references are checked on its own (all cores), with its own sink; the
        // diagnostics are merged in view order, so the report does not depend on scheduling.
        let perView = Parallel.map(views.count) { v -> (edges: [[Edge]], diagnostics: [Diagnostic]) in
            let local = DiagnosticSink()
            let edges = self.edges(of: views[v], offsets: offsets, sink: local)
            return (edges, local.diagnostics)
        }
        var edges: [[Edge]] = []
        edges.reserveCapacity(owners.count)
        for result in perView {
            edges.append(contentsOf: result.edges)
            for diagnostic in result.diagnostics { sink.add(diagnostic) }
        }
        reportCycles(edges: edges) { node in
            let owner = owners[node]
            return views[owner.view].view.fields[owner.field].qualifiedName
        }
    }

    /// The outgoing reference edges of each field of `built`, reporting references that name
    /// nothing or what the field may not use.
    private func edges(of built: ViewBuilder.Built, offsets: [String: Int], sink: DiagnosticSink) -> [[Edge]] {
        let fields = built.view.fields
        var edges = [[Edge]](repeating: [], count: fields.count)
        for i in fields.indices {
            // Read properties in place: copying a whole Field per reference is the hot spot.
            let kind = fields[i].kind
            for ref in built.references[i] {
                guard let (targetName, targetIndex, cross) = resolve(ref, from: built, sink: sink) else { continue }
                // What another view's field may be used for is checked per explore.
                if !cross && fields[targetIndex].kind == .measure {
                    let targetField = fields[targetIndex].name
                    let name = fields[i].name
                    if kind == .dimension || kind == .filter {
                        sink.error("\(kind.rawValue) '\(name)' cannot reference measure '\(targetField)'", at: ref.location)
                        continue
                    }
                    let type = fields[i].type
                    if kind == .measure && ViewBuilder.aggregateMeasureTypes.contains(type) {
                        sink.error("measure '\(name)' of type \(type) cannot aggregate measure '\(targetField)'; use type: number", at: ref.location)
                        continue
                    }
                }
                if let targetBase = offsets[targetName] {
                    edges[i].append(Edge(target: targetBase + targetIndex, location: ref.location))
                }
            }
            if !fields[i].filters.isEmpty {
                for condition in fields[i].filters { checkFilterField(condition, in: built, sink: sink) }
            }
            if kind == .measure, fields[i].sql == nil, let listField = fields[i].listField {
                checkListField(listField, of: fields[i], in: built, sink: sink)
            }
        }
        for ref in built.derivedReferences {
            if ref.name == "SQL_TABLE_NAME", let v = ref.view {
                if viewsByName[v] == nil { sink.error("unknown view '\(v)' referenced as '\(ref.written)'", at: ref.location) }
            } else {
                sink.error("derived_table sql of view '\(built.view.name)' can only reference other views as ${view.SQL_TABLE_NAME}, not '\(ref.written)'", at: ref.location)
            }
        }
        return edges
    }

    /// The view name and field index a reference names, or nil after reporting why not.
    ///
    /// A reference to another view's field (`${users.name}`) is judged in each explore that uses
    /// the field (`ExploreReferenceCheck`): the name may be a join alias there, and a view no
    /// explore exposes is not Looker's business. Here it only adds a cycle edge when it names a
    /// view of the model directly (`cross` true: the kind rules are checked per explore too).
    private func resolve(_ ref: ValueReader.LocatedReference, from built: ViewBuilder.Built, sink: DiagnosticSink) -> (String, Int, cross: Bool)? {
        if let v = ref.view, v != built.view.name {
            if ref.name == "SQL_TABLE_NAME" {
                if viewsByName[v] == nil && !aliases.contains(v) {
                    sink.error("unknown view '\(v)' referenced as '\(ref.written)'", at: ref.location)
                }
                return nil
            }
            guard let other = viewsByName[v], let index = other.index[ref.name] else { return nil }
            return (v, index, true)
        }
        if ref.name == "SQL_TABLE_NAME" { return nil }
        guard let index = built.index[ref.name] else {
            sink.error("unknown field '\(ref.name)' in view '\(built.view.name)' referenced as '\(ref.written)'", at: ref.location)
            return nil
        }
        return (built.view.name, index, false)
    }

    private func checkFilterField(_ condition: FilterCondition, in built: ViewBuilder.Built, sink: DiagnosticSink) {
        // On UTF-8: finding a Character walks grapheme clusters, many times slower.
        let text = condition.field
        let (viewName, field) = text.utf8.firstIndex(of: UInt8(ascii: ".")).map {
            (String(text[..<$0]), String(text[text.utf8.index(after: $0)...]))
        } ?? (built.view.name, text)
        // The owning view's index is at hand; looking it up by name would copy its whole Built.
        guard let index = viewName == built.view.name ? built.index : viewsByName[viewName]?.index else {
            if !aliases.contains(viewName) {
                sink.error("unknown view '\(viewName)' in measure filter '\(condition.field)'", at: condition.location)
            }
            return
        }
        if index[field] == nil {
            sink.error("unknown field '\(field)' in view '\(viewName)' in measure filter", at: condition.location)
        }
    }

    /// A list measure's `list_field` must name a dimension, as the query engine requires; said here
    /// so `validate` does not accept what every query would refuse.
    private func checkListField(_ name: String, of measure: Field, in built: ViewBuilder.Built, sink: DiagnosticSink) {
        let (viewName, fieldName) = name.firstIndex(of: ".").map { (String(name[..<$0]), String(name[name.index(after: $0)...])) }
            ?? (built.view.name, name)
        let target = viewName == built.view.name ? built : viewsByName[viewName]
        guard let target else {
            if !aliases.contains(viewName) {
                sink.error("list measure '\(measure.name)' has list_field '\(name)', but there is no view '\(viewName)'", at: measure.location)
            }
            return
        }
        guard let index = target.index[fieldName], target.view.fields[index].kind == .dimension else {
            sink.error("list measure '\(measure.name)' has list_field '\(name)', which is not a dimension of view '\(viewName)'", at: measure.location)
            return
        }
    }

    /// Reports each strongly-connected component with a cycle once, naming one cycle through it.
    private func reportCycles(edges: [[Edge]], name: (Int) -> String) {
        let n = edges.count
        var index = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        var counter = 0
        var frames: [(node: Int, edge: Int)] = []
        for start in 0..<n where index[start] == -1 {
            index[start] = counter; low[start] = counter; counter += 1
            stack.append(start); onStack[start] = true
            frames.append((start, 0))
            while let frame = frames.last {
                let v = frame.node
                if frame.edge < edges[v].count {
                    frames[frames.count - 1].edge += 1
                    let w = edges[v][frame.edge].target
                    if index[w] == -1 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        frames.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last { low[parent.node] = min(low[parent.node], low[v]) }
                guard low[v] == index[v] else { continue }
                // Most fields are their own component: settle those without building an array.
                if stack.last == v {
                    stack.removeLast()
                    onStack[v] = false
                    if edges[v].contains(where: { $0.target == v }) { reportCycle(in: [v], edges: edges, name: name) }
                    continue
                }
                var component: [Int] = []
                while let w = stack.popLast() {
                    onStack[w] = false
                    component.append(w)
                    if w == v { break }
                }
                if component.count > 1 || edges[v].contains(where: { $0.target == v }) {
                    reportCycle(in: component, edges: edges, name: name)
                }
            }
        }
    }

    private func reportCycle(in component: [Int], edges: [[Edge]], name: (Int) -> String) {
        let members = Set(component)
        let start = component.min()!
        // Breadth-first search inside the component for the shortest way back to `start`.
        var parent: [Int: (from: Int, edge: Edge)] = [:]
        var queue = [start]
        var head = 0
        var closing: (from: Int, edge: Edge)?
        search: while head < queue.count {
            let v = queue[head]; head += 1
            for edge in edges[v] where members.contains(edge.target) {
                if edge.target == start { closing = (v, edge); break search }
                if parent[edge.target] == nil { parent[edge.target] = (v, edge); queue.append(edge.target) }
            }
        }
        guard let closing else { return }
        var path = [start]
        var node = closing.from
        var firstEdge = closing.edge
        var back: [Int] = []
        while node != start {
            back.append(node)
            firstEdge = parent[node]!.edge
            node = parent[node]!.from
        }
        path += back.reversed()
        path.append(start)
        let cycle = path.map(name).joined(separator: " → ")
        sink.error("reference cycle: \(cycle)", at: firstEdge.location)
    }
}
