/// What a template reads from its caller: variables, the caller's tags and filters, and how a value
/// is written into the output (where a caller escapes untrusted values for its context).
///
/// Every requirement has a default, so an environment implements only what it supplies.
public protocol LiquidEnvironment {
    /// A top-level variable, or nil for one the caller does not know (rendered as nothing, false in
    /// conditions). Throw to make an unknown name an error.
    func variable(_ name: String, at location: LiquidLocation) throws -> LiquidValue?
    /// A caller-registered tag: `body` is the block's rendered content (nil for a simple tag) and
    /// `output` what the template has written before it. Returns the text that replaces the tag.
    func tag(_ name: String, markup: String, body: String?, output: String, at location: LiquidLocation) throws -> String
    /// A caller's filter, or nil to use the built-in filter of that name.
    func filter(_ name: String, input: LiquidValue, arguments: [LiquidValue], at location: LiquidLocation) throws -> LiquidValue?
    /// `{{ value }}` as text, given what the template has written before it (`value.text` by default).
    func write(_ value: LiquidValue, output: String, at location: LiquidLocation) throws -> String
}

extension LiquidEnvironment {
    public func variable(_ name: String, at location: LiquidLocation) throws -> LiquidValue? { nil }
    public func tag(_ name: String, markup: String, body: String?, output: String, at location: LiquidLocation) throws -> String {
        throw LiquidError("tag '\(name)' has no handler", at: location)
    }
    public func filter(_ name: String, input: LiquidValue, arguments: [LiquidValue], at location: LiquidLocation) throws -> LiquidValue? { nil }
    public func write(_ value: LiquidValue, output: String, at location: LiquidLocation) throws -> String { value.text }
}

/// The simplest environment: variables from a dictionary.
public struct LiquidVariables: LiquidEnvironment {
    public var values: [String: LiquidValue]
    public init(_ values: [String: LiquidValue] = [:]) { self.values = values }
    public func variable(_ name: String, at location: LiquidLocation) throws -> LiquidValue? { values[name] }
}

extension LiquidTemplate {
    /// Renders the template. Errors are `LiquidError`s for the template's own mistakes (a failed
    /// comparison, a division by zero) and whatever the environment throws.
    public func render(_ environment: some LiquidEnvironment) throws -> String {
        var renderer = Renderer(source: source, environment: environment)
        var out = ""
        _ = try renderer.render(nodes, into: &out)
        return out
    }
}

/// Evaluates nodes. Assignments live in one global scope (as in Shopify Liquid); loop variables in
/// a scope per loop.
struct Renderer<Environment: LiquidEnvironment> {
    let source: String
    let environment: Environment
    var globals: [String: LiquidValue] = [:]
    var loopScopes: [[String: LiquidValue]] = []
    /// Whether an untrusted value was written since the innermost `capture` began.
    var wroteUntrusted = false
    /// Guards against runaway templates: loop iterations per render.
    var iterations = 0
    static var maxIterations: Int { 1_000_000 }

    init(source: String, environment: Environment) {
        self.source = source
        self.environment = environment
    }

    enum Interrupt { case none, breakLoop, continueLoop }

    func location(_ offset: Int) -> LiquidLocation { .of(offset, in: source) }

    mutating func render(_ nodes: [Node], into out: inout String) throws -> Interrupt {
        for node in nodes {
            switch node {
            case .text(let t):
                out += t
            case .output(let f, let offset):
                let value = try evaluate(f)
                if value.isUntrusted { wroteUntrusted = true }
                out += try environment.write(value, output: out, at: location(offset))
            case .conditional(let branches, let otherwise, let negateFirst):
                var taken = false
                for (i, branch) in branches.enumerated() {
                    var truth = try evaluate(branch.condition)
                    if i == 0 && negateFirst { truth.toggle() }
                    if truth {
                        taken = true
                        let interrupt = try render(branch.body, into: &out)
                        if interrupt != .none { return interrupt }
                        break
                    }
                }
                if !taken, let otherwise {
                    let interrupt = try render(otherwise, into: &out)
                    if interrupt != .none { return interrupt }
                }
            case .caseTag(let subject, let whens, let otherwise):
                let value = try evaluate(subject)
                var matched = false
                // Every matching `when` renders, as in Shopify Liquid.
                for when in whens {
                    var hit = false
                    for candidate in when.values where try compare(value, "==", candidate, candidateExpression: candidate, offset: 0) {
                        hit = true
                        break
                    }
                    if hit {
                        matched = true
                        let interrupt = try render(when.body, into: &out)
                        if interrupt != .none { return interrupt }
                    }
                }
                if !matched, let otherwise {
                    let interrupt = try render(otherwise, into: &out)
                    if interrupt != .none { return interrupt }
                }
            case .forLoop(let loop):
                try renderLoop(loop, into: &out)
            case .assign(let name, let f):
                globals[name] = try evaluate(f)
            case .capture(let name, let body):
                let outer = wroteUntrusted
                wroteUntrusted = false
                var captured = ""
                let interrupt = try render(body, into: &captured)
                globals[name] = .string(captured, untrusted: wroteUntrusted)
                wroteUntrusted = outer || wroteUntrusted
                if interrupt != .none { return interrupt }
            case .breakLoop:
                return .breakLoop
            case .continueLoop:
                return .continueLoop
            case .custom(let name, let markup, let body, let offset):
                var bodyText: String?
                if let body {
                    var text = ""
                    _ = try render(body, into: &text)
                    bodyText = text
                }
                out += try environment.tag(name, markup: markup, body: bodyText, output: out, at: location(offset))
            }
        }
        return .none
    }

    mutating func renderLoop(_ loop: ForLoop, into out: inout String) throws {
        var items: [LiquidValue]
        switch try evaluate(loop.collection) {
        case .array(let a): items = a
        case .hash(let h): items = h.keys.sorted().map { .array([.string($0), h[$0]!]) }
        case .nil: items = []
        case .string(let s, let u): items = s.isEmpty ? [] : [.string(s, untrusted: u)]
        default: items = []
        }
        if let offset = loop.offset {
            let n = max(0, try integer(try evaluate(offset), what: "offset"))
            items = Array(items.dropFirst(n))
        }
        if let limit = loop.limit {
            let n = max(0, try integer(try evaluate(limit), what: "limit"))
            items = Array(items.prefix(n))
        }
        if loop.reversed { items.reverse() }
        if items.isEmpty {
            if let otherwise = loop.otherwise { _ = try render(otherwise, into: &out) }
            return
        }
        let parent = loopScopes.last?["forloop"] ?? .nil
        loopScopes.append([:])
        defer { loopScopes.removeLast() }
        let length = items.count
        for (i, item) in items.enumerated() {
            iterations += 1
            if iterations > Self.maxIterations { throw LiquidError("the template loops more than \(Self.maxIterations) times", at: location(0)) }
            loopScopes[loopScopes.count - 1] = [
                loop.variable: item,
                "forloop": .hash(["index": .int(i + 1), "index0": .int(i), "rindex": .int(length - i), "rindex0": .int(length - i - 1),
                                  "first": .bool(i == 0), "last": .bool(i == length - 1), "length": .int(length), "parentloop": parent]),
            ]
            if try render(loop.body, into: &out) == .breakLoop { break }
        }
    }

    func integer(_ v: LiquidValue, what: String) throws -> Int {
        switch v.number {
        case .int(let i): return i
        case .double(let d): return Int(d)
        default: return 0
        }
    }

    // MARK: Expressions

    func evaluate(_ f: FilteredExpression) throws -> LiquidValue {
        var value = try evaluate(f.expression)
        for call in f.filters {
            let args = try call.arguments.map { try evaluate($0) }
            var keywords: [String: LiquidValue] = [:]
            for (k, e) in call.keywordArguments { keywords[k] = try evaluate(e) }
            let at = location(call.offset)
            let result: LiquidValue
            if let custom = try environment.filter(call.name, input: value, arguments: args, at: at) {
                result = custom
            } else if let builtin = Filters.builtin[call.name] {
                let tainted = value.isUntrusted || args.contains(where: \.isUntrusted)
                let r = try builtin(FilterInput(value: value, arguments: args, keywords: keywords, location: at, name: call.name))
                result = tainted ? r.markedUntrusted : r
            } else {
                throw LiquidError("unknown filter '\(call.name)'", at: at)
            }
            value = result
        }
        return value
    }

    func evaluate(_ e: Expression) throws -> LiquidValue {
        switch e {
        case .literal(let v): return v
        case .empty: return .string("")
        case .blank: return .string("")
        case .range(let a, let b):
            let lo = try integer(try evaluate(a), what: "range"), hi = try integer(try evaluate(b), what: "range")
            guard hi < lo || hi - lo < Self.maxIterations else { throw LiquidError("the range (\(lo)..\(hi)) is too large", at: location(0)) }
            return .array(hi < lo ? [] : (lo...hi).map { .int($0) })
        case .variable(let name, let path, let offset):
            var value: LiquidValue
            if let local = loopScopes.reversed().lazy.compactMap({ $0[name] }).first {
                value = local
            } else if let global = globals[name] {
                value = global
            } else {
                value = try environment.variable(name, at: location(offset)) ?? .nil
            }
            for part in path {
                switch part {
                case .member(let m): value = try value.member(.string(m))
                case .index(let inner): value = try value.member(try evaluate(inner))
                }
            }
            return value
        }
    }

    // MARK: Conditions

    func evaluate(_ c: Condition) throws -> Bool {
        switch c {
        case .value(let e): return try evaluate(e).isTruthy
        case .compare(let a, let op, let b, let offset):
            return try compare(try evaluate(a), op, b, candidateExpression: b, offset: offset, leftExpression: a)
        case .and(let a, let b): return try evaluate(a) && evaluate(b)
        case .or(let a, let b): return try evaluate(a) || evaluate(b)
        }
    }

    func compare(_ left: LiquidValue, _ op: String, _ right: Expression, candidateExpression: Expression, offset: Int,
                 leftExpression: Expression? = nil) throws -> Bool {
        // `x == empty`, `x == blank` (either side).
        func special(_ e: Expression) -> ((LiquidValue) -> Bool)? {
            switch e {
            case .empty: return { $0.isEmptyValue }
            case .blank: return { $0.isBlank }
            default: return nil
            }
        }
        let test: ((LiquidValue) -> Bool, LiquidValue)? = if let t = special(right) { (t, left) }
            else if let l = leftExpression, let t = special(l) { (t, try evaluate(right)) } else { nil }
        if let (t, other) = test {
            switch op {
            case "==": return t(other)
            case "!=": return !t(other)
            default: return false
            }
        }
        let r = try evaluate(right)
        switch op {
        case "==": return LiquidValue.equal(left, r)
        case "!=": return !LiquidValue.equal(left, r)
        case "contains":
            switch left {
            case .string(let s, _):
                if case .nil = r { return false }
                return s.contains(r.text)
            case .array(let a): return a.contains { LiquidValue.equal($0, r) }
            case .hash(let h): return h[r.text] != nil
            default: return false
            }
        default:
            if case .nil = left { return false }
            if case .nil = r { return false }
            guard let o = LiquidValue.order(left, r) else {
                throw LiquidError("cannot compare \(left.kindName) with \(r.kindName) using '\(op)'", at: location(offset))
            }
            switch op {
            case "<": return o < 0
            case ">": return o > 0
            case "<=": return o <= 0
            default: return o >= 0
            }
        }
    }
}

extension LiquidValue {
    /// `value.key` / `value[key]`, with Liquid's `size`, `first` and `last` on collections.
    func member(_ key: LiquidValue) throws -> LiquidValue {
        let name: String? = if case .string(let s, _) = key { s } else { nil }
        switch self {
        case .hash(let h):
            if let name, let v = h[name] { return v }
            if name == "size" { return .int(h.count) }
            return .nil
        case .array(let a):
            if case .int(let i) = key {
                let j = i < 0 ? a.count + i : i
                return a.indices.contains(j) ? a[j] : .nil
            }
            switch name {
            case "size": return .int(a.count)
            case "first": return a.first ?? .nil
            case "last": return a.last ?? .nil
            default: return .nil
            }
        case .string(let s, _):
            return name == "size" ? .int(s.count) : .nil
        case .drop(let d):
            guard let name else { return key.isUntrusted ? .nil : try d.member(key.text) ?? .nil }
            return try d.member(name) ?? .nil
        default:
            return .nil
        }
    }

}
