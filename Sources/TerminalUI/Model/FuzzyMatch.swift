/// Subsequence matching with a score, the way fzf-style pickers rank: consecutive letters and
/// letters at word starts score higher; nil when not every query letter appears in order.
enum FuzzyMatch {
    static func score(_ query: String, in candidate: String) -> Int? {
        let q = Array(query.lowercased().utf8).filter { $0 != 0x20 }
        if q.isEmpty { return 0 }
        let c = Array(candidate.lowercased().utf8)
        var qi = 0
        var score = 0
        var previousMatch = -2
        for (i, byte) in c.enumerated() where qi < q.count && byte == q[qi] {
            var points = 1
            if i == previousMatch + 1 { points += 4 }
            if i == 0 || c[i - 1] == 0x20 || c[i - 1] == 0x5F || c[i - 1] == 0x2E || c[i - 1] == 0x2F { points += 3 }
            score += points
            previousMatch = i
            qi += 1
        }
        guard qi == q.count else { return nil }
        return score * 100 / max(1, c.count / 8 + 1)
    }
}
