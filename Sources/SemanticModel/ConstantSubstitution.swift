import LookML

/// `@{name}` manifest constants substituted into a value's text, remembering where each piece of
/// the result came from so later diagnostics (an unknown `${field}` inside a constant's
/// neighbourhood) still point at the right column of the original text.
struct ConstantSubstitution {
    /// The text with every known constant substituted.
    var text: String
    /// (output byte offset, original byte offset, isInserted) at each seam, ascending.
    private var seams: [(output: Int, original: Int, inserted: Bool)]
    /// Unknown constants: the original byte offset of their `@` and their name.
    var unknown: [(offset: Int, name: String)]

    /// Returns nil when `text` has no `@{`, the common case, so callers skip all bookkeeping.
    init?(_ original: String, constants: [String: String]) {
        guard Self.mayContainConstant(original) else { return nil }
        let bytes = Array(original.utf8)
        let at = UInt8(ascii: "@"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var seams: [(output: Int, original: Int, inserted: Bool)] = [(0, 0, false)]
        var unknown: [(Int, String)] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == at, i + 1 < bytes.count, bytes[i + 1] == open,
               let end = bytes[(i + 2)...].firstIndex(of: close) {
                let name = String(decoding: bytes[(i + 2)..<end], as: UTF8.self).trimmingSpaces()
                if let value = constants[name] {
                    seams.append((out.count, i, true))
                    out.append(contentsOf: value.utf8)
                    seams.append((out.count, end + 1, false))
                } else {
                    unknown.append((i, name))
                    out.append(contentsOf: bytes[i...end])
                }
                i = end + 1
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        self.text = String(decoding: out, as: UTF8.self)
        self.seams = seams
        self.unknown = unknown
    }

    /// Whether `text` has an `@{`, checked without copying (most values have none).
    static func mayContainConstant(_ text: String) -> Bool {
        // Native strings are contiguous: a memchr per '@' beats a byte-by-byte state machine.
        if let found = text.utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            var from = 0
            while let at = ByteSearch.first(UInt8(ascii: "@"), in: bytes, from: from, to: bytes.count - 1) {
                if bytes[at + 1] == UInt8(ascii: "{") { return true }
                from = at + 1
            }
            return false
        }) {
            return found
        }
        var previousWasAt = false
        for b in text.utf8 {
            if previousWasAt && b == UInt8(ascii: "{") { return true }
            previousWasAt = b == UInt8(ascii: "@")
        }
        return false
    }

    /// Maps a byte offset of `text` back to the original text (inside a substituted constant:
    /// the constant's `@`).
    func originalOffset(_ output: Int) -> Int {
        var lo = 0, hi = seams.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if seams[mid].output <= output { lo = mid } else { hi = mid - 1 }
        }
        let seam = seams[lo]
        return seam.inserted ? seam.original : seam.original + (output - seam.output)
    }
}
