// libFuzzer entry for the LookML parser. Built by Fuzz/run-parser-fuzzer.sh together with
// Sources/LookML/*.swift as one module (so no import), never by SwiftPM.

/// Parses arbitrary bytes and checks the invariants callers rely on; any violation traps, which
/// libFuzzer records as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let path = "fuzz.lkml"
    let (file, diagnostics) = LookMLParser.parse(text, path: path)
    var lineCount = 1
    for byte in text.utf8 where byte == 0x0A { lineCount += 1 }
    func check(_ location: SourceLocation) {
        precondition(location.file == path, "location names the wrong file")
        precondition(location.line >= 1 && location.line <= lineCount, "line \(location.line) out of range")
        precondition(location.column >= 1, "column \(location.column) out of range")
    }
    func walk(_ pairs: [Pair]) {
        for pair in pairs {
            check(pair.keyLocation)
            walk(pair.value)
        }
    }
    func walk(_ value: SyntaxValue) {
        check(value.location)
        switch value {
        case .scalar: break
        case .list(let list):
            for item in list.items {
                switch item {
                case .scalar(let scalar): check(scalar.location)
                case .pair(let pair): check(pair.keyLocation); walk(pair.value)
                case .block(let block): check(block.location); walk(block.pairs)
                }
            }
        case .block(let block):
            if let nameLocation = block.nameLocation { check(nameLocation) }
            walk(block.pairs)
        }
    }
    precondition(file.path == path)
    walk(file.pairs)
    for diagnostic in diagnostics {
        precondition(diagnostic.severity == .error)
        if let location = diagnostic.location { check(location) }
        precondition(!diagnostic.message.isEmpty)
    }
    // A clean file printed back out must parse cleanly to the same tree: this catches values that
    // are cut, merged or misclassified, which the location checks above cannot see.
    if diagnostics.isEmpty {
        let printed = LookMLPrinter.print(file.pairs)
        let (again, againDiagnostics) = LookMLParser.parse(printed, path: path)
        precondition(againDiagnostics.isEmpty, "printed tree does not parse: \(againDiagnostics)\n\(printed)")
        precondition(LookMLPrinter.withoutLocations(again.pairs) == LookMLPrinter.withoutLocations(file.pairs),
                     "printed tree parses differently:\n\(printed)")
    }
    return 0
}

/// Prints a syntax tree back as LookML, and strips locations so two trees can be compared.
enum LookMLPrinter {
    static func print(_ pairs: [Pair]) -> String {
        var out = ""
        for pair in pairs { write(pair, into: &out); out += "\n" }
        return out
    }

    static func write(_ pair: Pair, into out: inout String) {
        out += pair.key + ": "
        switch pair.value {
        case .scalar(let scalar): write(scalar, into: &out)
        case .list(let list): write(list, into: &out)
        case .block(let block): write(block, into: &out)
        }
    }

    static func write(_ scalar: Scalar, into out: inout String) {
        switch scalar.style {
        case .bare: out += scalar.text
        case .sql: out += scalar.text + " ;;"
        case .quoted:
            out += "\""
            for c in scalar.text.unicodeScalars {
                switch c {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                default: out.unicodeScalars.append(c)
                }
            }
            out += "\""
        }
    }

    static func write(_ list: SyntaxList, into out: inout String) {
        out += "["
        for item in list.items {
            switch item {
            case .scalar(let scalar): write(scalar, into: &out)
            case .pair(let pair): write(pair, into: &out)
            case .block(let block): write(block, into: &out)
            }
            out += ",\n"
        }
        out += "]"
    }

    static func write(_ block: Block, into out: inout String) {
        if let name = block.name { out += name + " " }
        out += "{\n"
        for pair in block.pairs { write(pair, into: &out); out += "\n" }
        out += "}"
    }

    static let nowhere = SourceLocation(file: "", line: 0, column: 0)

    static func withoutLocations(_ pairs: [Pair]) -> [Pair] {
        pairs.map { Pair(key: $0.key, keyLocation: nowhere, value: withoutLocations($0.value)) }
    }

    static func withoutLocations(_ value: SyntaxValue) -> SyntaxValue {
        switch value {
        case .scalar(let scalar): .scalar(withoutLocation(scalar))
        case .block(let block): .block(withoutLocations(block))
        case .list(let list):
            .list(SyntaxList(items: list.items.map { item in
                switch item {
                case .scalar(let scalar): .scalar(withoutLocation(scalar))
                case .pair(let pair): .pair(withoutLocations([pair])[0])
                case .block(let block): .block(withoutLocations(block))
                }
            }, location: nowhere))
        }
    }

    static func withoutLocation(_ scalar: Scalar) -> Scalar {
        Scalar(text: scalar.text, style: scalar.style, location: nowhere)
    }

    static func withoutLocations(_ block: Block) -> Block {
        Block(name: block.name, nameLocation: block.name == nil ? nil : nowhere,
              pairs: withoutLocations(block.pairs), location: nowhere)
    }
}
