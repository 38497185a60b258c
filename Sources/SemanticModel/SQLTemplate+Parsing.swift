extension SQLTemplate {
    /// Parses SQL with `${…}` references (no constants, no validation). Malformed references stay
    /// literal text; the project loader reports them.
    public init(parsing text: String, location: SourceLocation? = nil) {
        let parsed = SQLTemplateParser.parse(text)
        self.init(fragments: parsed.fragments, location: location)
    }

    /// The field references in the template, as (view or nil, field name).
    public var fieldReferences: [(view: String?, name: String)] {
        fragments.compactMap { if case .field(let v, let n) = $0 { (v, n) } else { nil } }
    }
}
