/// "did you mean" suggestions by edit distance, computed only when an error is being reported.
/// Public for the front ends' own names (subcommands, looks, dashboards).
public enum Suggest {
    /// `; did you mean 'x'?` for the closest candidate within a third of the name's length, else "".
    public static func didYouMean(_ name: String, among candidates: [String]) -> String {
        closest(to: name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// The candidate closest to `name` by edit distance (case-insensitive), when within a third of
    /// the name's length (at least 2); nil otherwise.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased().utf8)
        var best: (String, Int)?
        for c in candidates {
            let d = distance(target, Array(c.lowercased().utf8))
            if best == nil || d < best!.1 { best = (c, d) }
        }
        guard let (c, d) = best, d <= max(2, target.count / 3) else { return nil }
        return c
    }

    /// Levenshtein distance over bytes, two rows of memory.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
