import LookML

/// Renders a syntax tree as indented text so a test can assert keys, values, styles and every
/// line:column in one readable string.
///
///     view@1:1 = block orders@1:7 {@1:14
///       type@2:3 = bare "number"@2:9
enum SyntaxDump {
    static func render(_ file: SyntaxFile) -> String {
        var lines: [String] = []
        for pair in file.pairs { render(pair, indent: "", into: &lines) }
        return lines.joined(separator: "\n")
    }

    static func render(_ pair: Pair, indent: String, into lines: inout [String]) {
        let head = "\(indent)\(pair.key)@\(at(pair.keyLocation)) = "
        render(pair.value, head: head, indent: indent, into: &lines)
    }

    static func render(_ value: SyntaxValue, head: String, indent: String, into lines: inout [String]) {
        switch value {
        case .scalar(let scalar):
            lines.append(head + render(scalar))
        case .block(let block):
            render(block, head: head, indent: indent, into: &lines)
        case .list(let list):
            lines.append(head + "list [@\(at(list.location))")
            for item in list.items {
                switch item {
                case .scalar(let scalar):
                    lines.append("\(indent)  - " + render(scalar))
                case .pair(let pair):
                    render(pair.value, head: "\(indent)  - \(pair.key)@\(at(pair.keyLocation)) = ",
                           indent: indent + "    ", into: &lines)
                case .block(let block):
                    render(block, head: "\(indent)  - ", indent: indent + "    ", into: &lines)
                }
            }
        }
    }

    static func render(_ block: Block, head: String, indent: String, into lines: inout [String]) {
        var text = head + "block "
        if let name = block.name, let nameLocation = block.nameLocation {
            text += "\(name)@\(at(nameLocation)) "
        }
        lines.append(text + "{@\(at(block.location))")
        for pair in block.pairs { render(pair, indent: indent + "  ", into: &lines) }
    }

    static func render(_ scalar: Scalar) -> String {
        "\(scalar.style) \(scalar.text.debugDescription)@\(at(scalar.location))"
    }

    static func at(_ location: SourceLocation) -> String { "\(location.line):\(location.column)" }
}

/// Parses `text` as `test.lkml` and returns the tree dump and the diagnostics as users see them.
func parse(_ text: String, path: String = "test.lkml") -> (tree: String, diagnostics: [String]) {
    let (file, diagnostics) = LookMLParser.parse(text, path: path)
    return (SyntaxDump.render(file), diagnostics.map(\.description))
}
