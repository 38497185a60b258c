/// Bounds-checked reading of a FlatBuffers buffer (the encoding of Arrow's IPC metadata). Every read
/// checks its range, so a malformed or hostile buffer throws `ArrowError` instead of trapping.
struct FlatBuffer {
    let bytes: [UInt8]

    func check(_ position: Int, _ size: Int, _ what: String) throws {
        guard position >= 0, size >= 0, position <= bytes.count - size else {
            throw ArrowError("the Arrow metadata is malformed: \(what) at byte \(position) lies outside the \(bytes.count)-byte message")
        }
    }

    func uint8(_ p: Int) throws -> UInt8 {
        try check(p, 1, "a byte")
        return bytes[p]
    }

    func uint16(_ p: Int) throws -> UInt16 {
        try check(p, 2, "a 16-bit value")
        return UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8
    }

    func uint32(_ p: Int) throws -> UInt32 {
        try check(p, 4, "a 32-bit value")
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(bytes[p + k]) << (8 * UInt32(k)) }
        return v
    }

    func int32(_ p: Int) throws -> Int32 { Int32(bitPattern: try uint32(p)) }

    func int64(_ p: Int) throws -> Int64 {
        try check(p, 8, "a 64-bit value")
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[p + k]) << (8 * UInt64(k)) }
        return Int64(bitPattern: v)
    }

    /// The root table (the first 4 bytes hold its offset).
    func root() throws -> FlatTable {
        try FlatTable(self, at: Int(try uint32(0)))
    }
}

/// One FlatBuffers table: a position and the vtable that says where each field lives.
struct FlatTable {
    let buffer: FlatBuffer
    let position: Int
    private let vtable: Int
    private let vtableSize: Int

    init(_ buffer: FlatBuffer, at position: Int) throws {
        self.buffer = buffer
        self.position = position
        let vtable = position - Int(try buffer.int32(position))
        let size = Int(try buffer.uint16(vtable))
        guard size >= 4, size % 2 == 0 else { throw ArrowError("the Arrow metadata is malformed: a table's vtable has size \(size)") }
        try buffer.check(vtable, size, "a vtable")
        self.vtable = vtable
        vtableSize = size
    }

    /// The absolute position of field `index`, or nil when the field is absent (its default applies).
    func field(_ index: Int) throws -> Int? {
        let slot = 4 + 2 * index
        guard slot + 2 <= vtableSize else { return nil }
        let offset = Int(try buffer.uint16(vtable + slot))
        return offset == 0 ? nil : position + offset
    }

    func uint8(_ index: Int, default value: UInt8 = 0) throws -> UInt8 {
        guard let p = try field(index) else { return value }
        return try buffer.uint8(p)
    }

    func bool(_ index: Int, default value: Bool = false) throws -> Bool {
        guard let p = try field(index) else { return value }
        return try buffer.uint8(p) != 0
    }

    func int16(_ index: Int, default value: Int16 = 0) throws -> Int16 {
        guard let p = try field(index) else { return value }
        return Int16(bitPattern: try buffer.uint16(p))
    }

    func int32(_ index: Int, default value: Int32 = 0) throws -> Int32 {
        guard let p = try field(index) else { return value }
        return try buffer.int32(p)
    }

    func int64(_ index: Int, default value: Int64 = 0) throws -> Int64 {
        guard let p = try field(index) else { return value }
        return try buffer.int64(p)
    }

    /// Follows the offset stored in field `index` (tables, strings and vectors are referenced that way).
    private func target(_ index: Int) throws -> Int? {
        guard let p = try field(index) else { return nil }
        return p + Int(try buffer.uint32(p))
    }

    func table(_ index: Int) throws -> FlatTable? {
        guard let t = try target(index) else { return nil }
        return try FlatTable(buffer, at: t)
    }

    func string(_ index: Int) throws -> String? {
        guard let t = try target(index) else { return nil }
        let length = Int(try buffer.uint32(t))
        try buffer.check(t + 4, length, "a string")
        return String(decoding: buffer.bytes[(t + 4)..<(t + 4 + length)], as: UTF8.self)
    }

    /// A vector's first element position and element count; `elementSize` bounds-checks the whole vector.
    func vector(_ index: Int, elementSize: Int) throws -> (start: Int, count: Int)? {
        guard let t = try target(index) else { return nil }
        let count = Int(try buffer.uint32(t))
        guard count <= (buffer.bytes.count - t) / max(1, elementSize) else {
            throw ArrowError("the Arrow metadata is malformed: a vector of \(count) elements does not fit in the message")
        }
        try buffer.check(t + 4, count * elementSize, "a vector")
        return (t + 4, count)
    }

    /// A vector of tables.
    func tables(_ index: Int) throws -> [FlatTable] {
        guard let (start, count) = try vector(index, elementSize: 4) else { return [] }
        return try (0..<count).map { k in
            let p = start + 4 * k
            return try FlatTable(buffer, at: p + Int(try buffer.uint32(p)))
        }
    }
}
