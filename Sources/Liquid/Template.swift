import Foundation

/// A parsed template: nodes with their source offsets, ready to render any number of times.
///
/// Parsing checks everything that does not need values: tags are known and balanced, expressions
/// are well formed, filters exist. Errors carry the line and column in `source`.
public struct LiquidTemplate {
    /// How a caller-registered tag is written: `{% name args %}` alone, or a block closed by `{% endname %}`.
    public enum TagKind: Sendable { case simple, block }

    public let source: String
    let nodes: [Node]

    /// Parses `source`. `tags` registers the caller's tags; `filters` names the caller's filters (which
    /// `LiquidEnvironment.filter` evaluates), so templates using them parse.
    public init(parsing source: String, tags: [String: TagKind] = [:], filters: Set<String> = []) throws(LiquidError) {
        self.source = source
        var parser = TemplateParser(source: source, tokens: try Lexer.tokenize(source), tags: tags, filters: filters)
        self.nodes = try parser.parseAll()
    }

    /// A variable the template reads from its environment (not one it assigns or loops over).
    public struct VariableReference: Sendable, Hashable {
        /// The top-level name, e.g. `_user_attributes` or `orders`.
        public var name: String
        /// The members after it that are written as names or quoted keys: `orders.status._in_query`
        /// → `["status", "_in_query"]`; `_filters['orders.status']` → `["orders.status"]`. Stops at a
        /// computed index.
        public var path: [String]
        public var location: LiquidLocation
    }

    /// Every variable the template reads from its environment, in source order.
    public var variables: [VariableReference] {
        var locals: Set<String> = ["forloop"]
        var out: [VariableReference] = []
        func visit(_ e: Expression) {
            switch e {
            case .variable(let name, let path, let offset):
                var names: [String] = []
                var computed = false
                for part in path {
                    switch part {
                    case .member(let m) where !computed: names.append(m)
                    case .index(.literal(.string(let key, _))) where !computed: names.append(key)
                    case .index(let inner): computed = true; visit(inner)
                    case .member: break
                    }
                }
                if !locals.contains(name) { out.append(VariableReference(name: name, path: names, location: .of(offset, in: source))) }
            case .range(let a, let b): visit(a); visit(b)
            case .literal, .empty, .blank: break
            }
        }
        func visit(_ f: FilteredExpression) {
            visit(f.expression)
            for call in f.filters {
                call.arguments.forEach(visit)
                call.keywordArguments.forEach { visit($0.1) }
            }
        }
        func visit(_ c: Condition) {
            switch c {
            case .value(let e): visit(e)
            case .compare(let a, _, let b, _): visit(a); visit(b)
            case .and(let a, let b), .or(let a, let b): visit(a); visit(b)
            }
        }
        func visit(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text, .breakLoop, .continueLoop: break
                case .output(let f, _): visit(f)
                case .conditional(let branches, let otherwise, _):
                    for b in branches { visit(b.condition); visit(b.body) }
                    otherwise.map(visit)
                case .caseTag(let subject, let whens, let otherwise):
                    visit(subject)
                    for w in whens { w.values.forEach(visit); visit(w.body) }
                    otherwise.map(visit)
                case .forLoop(let loop):
                    visit(loop.collection)
                    loop.limit.map(visit)
                    loop.offset.map(visit)
                    locals.insert(loop.variable)
                    visit(loop.body)
                    loop.otherwise.map(visit)
                case .assign(let name, let f):
                    visit(f)
                    locals.insert(name)
                case .capture(let name, let body):
                    visit(body)
                    locals.insert(name)
                case .custom(_, _, let body, _):
                    body.map(visit)
                }
            }
        }
        visit(nodes)
        return out
    }

    /// A caller-registered tag as written: name, markup (trimmed), and where it starts.
    public struct TagUse: Sendable, Hashable {
        public var name: String
        public var markup: String
        public var location: LiquidLocation
    }

    /// Every use of a caller-registered tag, in source order.
    public var customTags: [TagUse] {
        var out: [TagUse] = []
        func visit(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .custom(let name, let markup, let body, let offset):
                    out.append(TagUse(name: name, markup: markup, location: .of(offset, in: source)))
                    body.map(visit)
                case .conditional(let branches, let otherwise, _):
                    branches.forEach { visit($0.body) }
                    otherwise.map(visit)
                case .caseTag(_, let whens, let otherwise):
                    whens.forEach { visit($0.body) }
                    otherwise.map(visit)
                case .forLoop(let loop): visit(loop.body); loop.otherwise.map(visit)
                case .capture(_, let body): visit(body)
                default: break
                }
            }
        }
        visit(nodes)
        return out
    }
}

indirect enum Node {
    case text(String)
    case output(FilteredExpression, offset: Int)
    /// `if`/`elsif`/`else`; `unless` has `negateFirst`.
    case conditional(branches: [(condition: Condition, body: [Node])], otherwise: [Node]?, negateFirst: Bool)
    case caseTag(Expression, whens: [(values: [Expression], body: [Node])], otherwise: [Node]?)
    case forLoop(ForLoop)
    case assign(String, FilteredExpression)
    case capture(String, [Node])
    case breakLoop, continueLoop
    /// A caller's tag: its name, its markup, its body for a block tag.
    case custom(name: String, markup: String, body: [Node]?, offset: Int)
}

struct ForLoop {
    var variable: String
    var collection: Expression
    var limit: Expression?
    var offset: Expression?
    var reversed: Bool
    var body: [Node]
    var otherwise: [Node]?
}

/// Builds nodes from tokens, matching each block's tags.
struct TemplateParser {
    let source: String
    let tokens: [Token]
    let tags: [String: LiquidTemplate.TagKind]
    let filters: Set<String>
    var index = 0

    init(source: String, tokens: [Token], tags: [String: LiquidTemplate.TagKind], filters: Set<String>) {
        self.source = source
        self.tokens = tokens
        self.tags = tags
        self.filters = filters
    }

    static let builtin: Set<String> = ["if", "unless", "case", "for", "assign", "capture", "comment", "raw", "echo", "break", "continue", "#"]
    static let inner: [String: String] = ["elsif": "if", "else": "if, unless, case or for", "when": "case"]

    func location(_ offset: Int) -> LiquidLocation { .of(offset, in: source) }

    func knownFilter(_ name: String) -> Bool { filters.contains(name) || Filters.builtin[name] != nil }

    mutating func parseAll() throws(LiquidError) -> [Node] {
        let (nodes, stop) = try parseBody(until: [], opener: nil)
        if let stop { throw LiquidError("unexpected '\(stop.name)'", at: location(stop.token.offset)) }
        return nodes
    }

    /// Parses nodes until a tag named in `stops` (returned with its markup), or the end of input.
    mutating func parseBody(until stops: Set<String>, opener: (name: String, offset: Int)?) throws(LiquidError)
        -> ([Node], (name: String, markup: Substring, token: Token)?) {
        var nodes: [Node] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token.kind {
            case .text:
                nodes.append(.text(token.content))
            case .output:
                var p = try MarkupParser(token.content, offset: token.contentOffset, source: source)
                let f = try p.filteredExpression(known: knownFilter)
                try p.expectEnd("{{ }}")
                nodes.append(.output(f, offset: token.offset))
            case .tag:
                let trimmed = token.content.drop(while: \.isWhitespace)
                let name = String(trimmed.prefix(while: { !$0.isWhitespace }))
                let markup = trimmed.dropFirst(name.count)
                let markupOffset = token.contentOffset + (token.content.utf8.count - markup.utf8.count)
                if stops.contains(name) { return (nodes, (name, markup, token)) }
                if name.isEmpty { throw LiquidError("empty tag '{% %}'", at: location(token.offset)) }
                if name.hasPrefix("#") { continue }
                if let node = try parseTag(name, markup: markup, markupOffset: markupOffset, token: token, enclosing: opener) {
                    nodes.append(node)
                }
            }
        }
        if let opener {
            let end = stops.first(where: { $0.hasPrefix("end") }) ?? "end" + opener.name
            throw LiquidError("'\(opener.name)' is never closed (expected '\(end)')", at: location(opener.offset))
        }
        return (nodes, nil)
    }

    mutating func parseTag(_ name: String, markup: Substring, markupOffset: Int, token: Token,
                           enclosing: (name: String, offset: Int)?) throws(LiquidError) -> Node? {
        func markupParser() throws(LiquidError) -> MarkupParser { try MarkupParser(String(markup), offset: markupOffset, source: source) }
        func noArguments() throws(LiquidError) {
            if !markup.allSatisfy(\.isWhitespace) { throw LiquidError("'\(name)' takes no arguments", at: location(markupOffset)) }
        }
        switch name {
        case "if", "unless":
            var branches: [(condition: Condition, body: [Node])] = []
            var otherwise: [Node]?
            var p = try markupParser()
            var condition = try p.condition()
            try p.expectEnd(name)
            let end = "end" + name
            while true {
                let (body, stop) = try parseBody(until: ["elsif", "else", end], opener: (name, token.offset))
                branches.append((condition, body))
                guard let stop else { break }
                if stop.name == end { break }
                if stop.name == "else" {
                    let (elseBody, elseStop) = try parseBody(until: [end, "elsif", "else"], opener: (name, token.offset))
                    if let elseStop, elseStop.name != end {
                        throw LiquidError("'\(elseStop.name)' after 'else' in '\(name)'", at: location(elseStop.token.offset))
                    }
                    otherwise = elseBody
                    break
                }
                var q = try MarkupParser(String(stop.markup), offset: stop.token.contentOffset + (stop.token.content.utf8.count - stop.markup.utf8.count), source: source)
                condition = try q.condition()
                try q.expectEnd("elsif")
            }
            return .conditional(branches: branches, otherwise: otherwise, negateFirst: name == "unless")
        case "case":
            var p = try markupParser()
            let subject = try p.expression()
            try p.expectEnd("case")
            var whens: [(values: [Expression], body: [Node])] = []
            var otherwise: [Node]?
            // Text before the first `when` is ignored, as in Shopify Liquid.
            var (_, stop) = try parseBody(until: ["when", "else", "endcase"], opener: ("case", token.offset))
            while let s = stop, s.name != "endcase" {
                if s.name == "else" {
                    let (body, next) = try parseBody(until: ["endcase", "when", "else"], opener: ("case", token.offset))
                    if let next, next.name != "endcase" {
                        throw LiquidError("'\(next.name)' after 'else' in 'case'", at: location(next.token.offset))
                    }
                    otherwise = body
                    break
                }
                var q = try MarkupParser(String(s.markup), offset: s.token.contentOffset + (s.token.content.utf8.count - s.markup.utf8.count), source: source)
                var values: [Expression] = []
                repeat { values.append(try q.expression()) } while q.accept(.comma) != nil || q.accept(.identifier, "or") != nil
                try q.expectEnd("when")
                let (body, next) = try parseBody(until: ["when", "else", "endcase"], opener: ("case", token.offset))
                whens.append((values, body))
                stop = next
            }
            return .caseTag(subject, whens: whens, otherwise: otherwise)
        case "for":
            var p = try markupParser()
            let variable = try p.expect(.identifier, "a loop variable").text
            guard p.accept(.identifier, "in") != nil else { throw p.error("expected 'in' after 'for \(variable)'") }
            let collection = try p.expression()
            var loop = ForLoop(variable: variable, collection: collection, limit: nil, offset: nil, reversed: false, body: [], otherwise: nil)
            while let word = p.accept(.identifier) {
                switch word.text {
                case "reversed": loop.reversed = true
                case "limit", "offset":
                    _ = try p.expect(.colon, "':' after '\(word.text)'")
                    let e = try p.expression()
                    if word.text == "limit" { loop.limit = e } else { loop.offset = e }
                default: throw p.error("unknown 'for' option '\(word.text)'", at: word.offset)
                }
                _ = p.accept(.comma)
            }
            try p.expectEnd("for")
            let (body, stop) = try parseBody(until: ["else", "endfor"], opener: ("for", token.offset))
            loop.body = body
            if stop?.name == "else" {
                let (elseBody, _) = try parseBody(until: ["endfor"], opener: ("for", token.offset))
                loop.otherwise = elseBody
            }
            return .forLoop(loop)
        case "assign":
            var p = try markupParser()
            let variable = try p.expect(.identifier, "a variable name").text
            guard p.accept(.comparison, "=") != nil else { throw p.error("expected '=' in 'assign \(variable)'") }
            let value = try p.filteredExpression(known: knownFilter)
            try p.expectEnd("assign")
            return .assign(variable, value)
        case "capture":
            var p = try markupParser()
            let variable = try p.expect(.identifier, "a variable name").text
            try p.expectEnd("capture")
            let (body, _) = try parseBody(until: ["endcapture"], opener: ("capture", token.offset))
            return .capture(variable, body)
        case "echo":
            var p = try markupParser()
            let f = try p.filteredExpression(known: knownFilter)
            try p.expectEnd("echo")
            return .output(f, offset: token.offset)
        case "raw", "comment":
            // The lexer kept the body as one text token (raw) or dropped it (comment); the end tag follows.
            try noArguments()
            var body: [Node] = []
            if index < tokens.count, tokens[index].kind == .text {
                if name == "raw" { body.append(.text(tokens[index].content)) }
                index += 1
            }
            index += 1
            return body.first
        case "break", "continue":
            try noArguments()
            return name == "break" ? .breakLoop : .continueLoop
        default:
            if let kind = tags[name] {
                let text = String(markup).trimmingCharacters(in: .whitespacesAndNewlines)
                guard kind == .block else { return .custom(name: name, markup: text, body: nil, offset: token.offset) }
                let (body, _) = try parseBody(until: ["end" + name], opener: (name, token.offset))
                return .custom(name: name, markup: text, body: body, offset: token.offset)
            }
            if name.hasPrefix("end") || Self.inner[name] != nil {
                let opener = name.hasPrefix("end") ? "'" + name.dropFirst(3) + "'" : Self.inner[name]!
                let inside = enclosing.map { " (inside '\($0.name)' opened at \(location($0.offset)))" } ?? ""
                throw LiquidError("'\(name)' without a matching \(opener)\(inside)", at: location(token.offset))
            }
            throw LiquidError("unknown tag '\(name)'", at: location(token.offset))
        }
    }
}

