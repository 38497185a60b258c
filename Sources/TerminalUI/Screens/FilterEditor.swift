import Foundation
import SemanticModel

/// The filter input: a Looker filter expression for one field, validated on every keystroke, with
/// suggestions (the model's `suggestions:` at once, existing values from the warehouse as they
/// arrive) for string fields.
struct FilterEditor: Sendable {
    enum Outcome: Equatable { case none, commit(String), cancel }

    let fieldName: String
    let fieldLabel: String
    let field: Field
    var input: TextInput
    private(set) var error: String?
    private(set) var suggestions: [String] = []
    private(set) var suggestionCursor: Int?
    /// The outstanding suggestion request; older answers are ignored.
    var pendingRequest: RequestID?

    init(fieldName: String, fieldLabel: String, field: Field, expression: String, context: UIContext) {
        self.fieldName = fieldName
        self.fieldLabel = fieldLabel
        self.field = field
        input = TextInput(expression)
        validate(context: context)
        suggestions = staticSuggestions
    }

    var suggestsValues: Bool { field.type == "string" || field.type == "zipcode" || !field.suggestions.isEmpty }

    /// The comma-separated segment being typed (what suggestions complete).
    var currentSegment: String {
        let text = input.text
        var segment = text
        var i = text.endIndex
        while i > text.startIndex {
            let previous = text.index(before: i)
            if text[previous] == ",", previous == text.startIndex || text[text.index(before: previous)] != "^" {
                segment = String(text[i...])
                break
            }
            i = previous
        }
        var trimmed = Substring(segment)
        while trimmed.first == " " { trimmed = trimmed.dropFirst() }
        if trimmed.first == "-" { trimmed = trimmed.dropFirst() }
        return String(trimmed)
    }

    private var staticSuggestions: [String] {
        let prefix = currentSegment.lowercased()
        let fromModel = field.suggestions + field.allowedValues.map(\.value)
        return fromModel.filter { prefix.isEmpty || $0.lowercased().hasPrefix(prefix) }
    }

    mutating func validate(context: UIContext) {
        let text = input.text
        error = text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : context.validateFilter(text, field, fieldName)
    }

    /// Handles a key; `changed` tells the caller to ask for fresh suggestions.
    mutating func handle(_ key: Key, context: UIContext) -> (outcome: Outcome, changed: Bool) {
        switch key {
        case .escape: return (.cancel, false)
        case .down where !suggestions.isEmpty:
            suggestionCursor = min(suggestions.count - 1, (suggestionCursor ?? -1) + 1)
        case .up where !suggestions.isEmpty:
            suggestionCursor = (suggestionCursor ?? 0) > 0 ? suggestionCursor! - 1 : nil
        case .tab where !suggestions.isEmpty:
            accept(suggestions[suggestionCursor ?? 0], context: context)
            return (.none, true)
        case .enter:
            if let i = suggestionCursor, suggestions.indices.contains(i) {
                accept(suggestions[i], context: context)
                return (.none, true)
            }
            validate(context: context)
            if error == nil { return (.commit(input.text.trimmingCharacters(in: .whitespaces)), false) }
        default:
            guard input.handle(key) else { return (.none, false) }
            suggestionCursor = nil
            validate(context: context)
            suggestions = staticSuggestions
            return (.none, true)
        }
        return (.none, false)
    }

    /// Replaces the segment being typed with a suggested value, escaped for the grammar.
    private mutating func accept(_ value: String, context: UIContext) {
        let text = input.text
        let segment = currentSegment
        var base = String(text.dropLast(text.hasSuffix(segment) ? segment.count : 0))
        if base.isEmpty, text.hasPrefix("-") { base = "-" }
        input.text = base + ResultsView.escape(value)
        suggestionCursor = nil
        suggestions = []
        validate(context: context)
    }

    /// Merges warehouse values into the model's suggestions.
    mutating func receiveSuggestions(_ values: [String]) {
        var seen = Set(suggestions)
        for value in values where !seen.contains(value) {
            suggestions.append(value)
            seen.insert(value)
        }
        if suggestions.count > 50 { suggestions.removeLast(suggestions.count - 50) }
    }

    func render(into frame: inout Frame, area: Rect) {
        let height = min(area.height, 6 + min(8, suggestions.count))
        let width = min(area.width, 72)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + max(0, (area.height - height) / 3), width: width, height: height)
        frame.fill(x: box.x, y: box.y, width: box.width, height: box.height, style: .normal)
        frame.box(x: box.x, y: box.y, width: box.width, height: box.height, title: "Filter: \(fieldLabel)")
        let inner = box.width - 4
        frame.put("\(field.type) · e.g. \(Self.example(for: field))", x: box.x + 2, y: box.y + 1, style: .dim, maxWidth: inner)
        let status = error ?? (input.text.isEmpty ? "Empty: Enter removes the filter." : "✓ valid")
        frame.put(status, x: box.x + 2, y: box.y + 3, style: error == nil ? .dim : .error, maxWidth: inner)
        for (i, value) in suggestions.prefix(max(0, box.height - 6)).enumerated() {
            frame.putPadded(value, x: box.x + 2, y: box.y + 4 + i, width: inner, style: i == suggestionCursor ? .selection : .normal)
        }
        frame.put("Enter apply · Tab complete · Esc cancel", x: box.x + 2, y: box.y + box.height - 2, style: .dim, maxWidth: inner)
        input.render(into: &frame, x: box.x + 2, y: box.y + 2, width: inner)
    }

    static func example(for field: Field) -> String {
        switch field.type {
        case "number", "count", "sum", "average", "count_distinct", "min", "max": ">=10, [1,5), NOT NULL"
        case "yesno": "Yes"
        case let t where t.hasPrefix("date") || t == "time": "last 7 days, 2024-05, after 2024-01-01"
        default: "web, mobile · foo% · -bar · NULL"
        }
    }
}
