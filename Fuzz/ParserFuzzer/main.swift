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
    return 0
}
