/// The names a field's `value_format_name` can use: Looker's built-in formats, and the model's own
/// `named_value_format` blocks. The built-in table lives here, not in Presentation, so building a
/// model can tell a misspelt name (`decimal2`) from a real one and resolve names once.
public enum ValueFormats {
    /// Looker's built-in names, in the order its documentation lists them (used in messages).
    public static let builtinNames: [String] = [
        "decimal_0", "decimal_1", "decimal_2", "decimal_3", "decimal_4",
        "usd_0", "usd", "gbp_0", "gbp", "eur_0", "eur", "id",
        "percent_0", "percent_1", "percent_2", "percent_3", "percent_4",
    ]

    /// The Excel-style pattern behind a built-in `value_format_name`, or nil for any other name.
    public static func builtin(named name: String) -> String? {
        switch name {
        case "decimal_0": "#,##0"
        case "decimal_1": "#,##0.0"
        case "decimal_2": "#,##0.00"
        case "decimal_3": "#,##0.000"
        case "decimal_4": "#,##0.0000"
        case "usd": "$#,##0.00"
        case "usd_0": "$#,##0"
        case "gbp": "\"£\"#,##0.00"
        case "gbp_0": "\"£\"#,##0"
        case "eur": "\"€\"#,##0.00"
        case "eur_0": "\"€\"#,##0"
        case "percent_0": "0%"
        case "percent_1": "0.0%"
        case "percent_2": "0.00%"
        case "percent_3": "0.000%"
        case "percent_4": "0.0000%"
        case "id": "0"
        default: nil
        }
    }

    /// The pattern `name` stands for in a model: its own `named_value_format` first, then built-ins.
    public static func pattern(named name: String, in formats: [String: NamedValueFormat]) -> String? {
        formats[name]?.pattern ?? builtin(named: name)
    }
}

/// A model's `named_value_format: name { value_format: "…" strict_value_format: yes }`.
public struct NamedValueFormat: Hashable, Sendable {
    public var name: String
    /// The Excel-style `value_format` string, constants substituted.
    public var pattern: String
    /// `strict_value_format: yes`: the format also wins where a user could override it (the
    /// `number_format` user attribute, a visualization's value format). Stored; nothing reads it yet.
    public var strict: Bool
    /// Where the name was written.
    public var location: SourceLocation?

    public init(name: String, pattern: String, strict: Bool = false, location: SourceLocation? = nil) {
        self.name = name
        self.pattern = pattern
        self.strict = strict
        self.location = location
    }
}

extension ValueFormats {
    /// A model's `named_value_format` blocks, read and checked once, then used to resolve every
    /// field's `value_format_name`.
    struct Definitions {
        private(set) var byName: [String: NamedValueFormat] = [:]
        /// Names defined without a usable `value_format`: already reported, so a field using one is
        /// not reported again as unknown.
        private var broken: Set<String> = []

        /// Reads the model file's definitions. Looker reads `named_value_format` only in model files,
        /// so one in an included file is reported and ignored rather than silently applied.
        init(reading modelFile: SyntaxFile, includes: [SyntaxFile], with reader: ValueReader) {
            let sink = reader.sink
            for included in includes {
                for pair in included.pairs where pair.key == "named_value_format" {
                    sink.warning("named_value_format is ignored here: Looker reads it only in a model file", at: pair.keyLocation)
                }
            }
            for pair in modelFile.pairs where pair.key == "named_value_format" {
                guard case .block(let block) = pair.value, let name = block.name, !name.isEmpty else {
                    sink.error("'named_value_format' needs a name and a block: named_value_format: name { value_format: \"…\" }", at: pair.keyLocation)
                    continue
                }
                let location = block.nameLocation ?? pair.keyLocation
                if let first = byName[name] {
                    sink.error("named_value_format '\(name)' is already defined at \(first.location.map { "\($0)" } ?? "an earlier line")", at: location)
                    continue
                }
                if broken.contains(name) {
                    sink.error("named_value_format '\(name)' is already defined earlier in this file", at: location)
                    continue
                }
                if ValueFormats.builtin(named: name) != nil {
                    sink.error("named_value_format '\(name)' has the name of a built-in format; choose another name", at: location)
                    broken.insert(name)
                    continue
                }
                var pattern: String?
                var strict = false
                for inner in block.pairs {
                    switch inner.key {
                    case "value_format": pattern = reader.string(inner)
                    case "strict_value_format": strict = reader.bool(inner) ?? false
                    default: break
                    }
                }
                guard let pattern else {
                    sink.error("named_value_format '\(name)' needs value_format: \"…\" (an Excel-style format string)", at: location)
                    broken.insert(name)
                    continue
                }
                byName[name] = NamedValueFormat(name: name, pattern: pattern, strict: strict, location: location)
            }
        }

        /// Sets `valueFormat` of every field that names a format and has no `value_format` of its
        /// own; reports a name that is neither the model's nor built in, where it was written.
        func resolve(in view: inout View, reportingTo sink: DiagnosticSink) {
            for i in view.fields.indices {
                guard let name = view.fields[i].valueFormatName else { continue }
                guard let pattern = ValueFormats.pattern(named: name, in: byName) else {
                    if !broken.contains(name) {
                        sink.error(unknownMessage(name), at: view.fields[i].valueFormatNameLocation ?? view.fields[i].location)
                    }
                    continue
                }
                if view.fields[i].valueFormat == nil { view.fields[i].valueFormat = pattern }
            }
        }

        private func unknownMessage(_ name: String) -> String {
            let known = byName.keys.sorted() + ValueFormats.builtinNames
            return "unknown value_format_name '\(name)'; define it with named_value_format: \(name) { value_format: \"…\" } or use one of: \(known.joined(separator: ", "))"
        }
    }
}
