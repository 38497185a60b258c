/// The project's kept work as the UI shows it: saved looks (named queries) and the history of
/// queries run, newest first. The bridge loads it from SpyglassCore's `SavedWorkStore`; `AppState`
/// keeps it current as the user runs and saves, and the effects write it back.
public struct SavedWork: Sendable, Equatable {
    public struct Look: Sendable, Equatable {
        public var name: String
        public var draft: QueryDraft
        public init(name: String, draft: QueryDraft) {
            self.name = name
            self.draft = draft
        }
    }

    public var looks: [Look]
    public var history: [QueryDraft]

    public init(looks: [Look] = [], history: [QueryDraft] = []) {
        self.looks = looks
        self.history = history
    }

    /// The most recent queries the start screen lists.
    static let recentShown = 8

    mutating func remember(_ draft: QueryDraft) {
        history.removeAll { $0 == draft }
        history.insert(draft, at: 0)
    }

    mutating func save(_ name: String, _ draft: QueryDraft) {
        looks.removeAll { $0.name == name }
        looks.append(Look(name: name, draft: draft))
        looks.sort { $0.name.lowercased() < $1.name.lowercased() }
    }

    /// "Events Platform, Events Active Users · 1 filter" for a list line.
    static func summary(_ draft: QueryDraft, labels: (String) -> String) -> String {
        var text = draft.fields.map(labels).joined(separator: ", ")
        if !draft.filters.isEmpty { text += " · \(draft.filters.count) filter\(draft.filters.count == 1 ? "" : "s")" }
        if !draft.pivots.isEmpty { text += " · pivoted" }
        return text
    }
}
