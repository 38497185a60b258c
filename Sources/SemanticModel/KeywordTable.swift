/// A fixed table from LookML keywords (parameter names, types) to values, for the lookups made
/// once per syntax pair while loading.
///
/// `Dictionary` hashes a `String` with SipHash, a few hundred instructions even for `sql`; these keys
/// come from a small known vocabulary, so FNV-1a over the UTF-8 bytes with linear probing is enough
/// and several times cheaper. The table is built once and never grows; an unknown key just misses.
struct KeywordTable<Value> {
    struct Slot {
        var key: String
        var value: Value
    }

    private var slots: [Slot?]
    private let mask: Int

    init(_ entries: [String: Value]) {
        // A quarter full at most: probes stay short for hits and misses alike.
        var size = 16
        while size < entries.count * 4 { size *= 2 }
        mask = size - 1
        slots = [Slot?](repeating: nil, count: size)
        for (key, value) in entries {
            var i = Self.hash(key) & mask
            while slots[i] != nil { i = (i + 1) & mask }
            slots[i] = Slot(key: key, value: value)
        }
    }

    subscript(key: String) -> Value? {
        var i = Self.hash(key) & mask
        while let slot = slots[i] {
            if slot.key == key { return slot.value }
            i = (i + 1) & mask
        }
        return nil
    }

    func contains(_ key: String) -> Bool { self[key] != nil }

    /// FNV-1a of the UTF-8 bytes.
    @inline(__always)
    private static func hash(_ key: String) -> Int {
        func fnv<C: Sequence<UInt8>>(_ bytes: C) -> Int {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return Int(truncatingIfNeeded: h ^ (h >> 29))
        }
        return key.utf8.withContiguousStorageIfAvailable(fnv) ?? fnv(key.utf8)
    }
}

extension KeywordTable: Sendable where Value: Sendable {}
extension KeywordTable.Slot: Sendable where Value: Sendable {}

extension KeywordTable where Value == Void {
    /// A keyword set.
    init(_ keys: some Sequence<String>) {
        self.init(Dictionary(keys.map { ($0, ()) }, uniquingKeysWith: { first, _ in first }))
    }
}
