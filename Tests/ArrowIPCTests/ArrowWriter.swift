@testable import ArrowIPC

/// A hand-written Arrow IPC stream writer for tests: FlatBuffers metadata laid out by hand (each table's
/// vtable right before it, children after it, so every offset points forward) and little-endian
/// buffers, so the reader is checked against bytes built from the format spec, not by itself.
enum FB {
    indirect case table([Slot?])
    case string(String)
    case tables([FB])
    /// Inline structs: raw bytes of `count` elements.
    case structs([UInt8], count: Int)

    enum Slot {
        case u8(UInt8)
        case i16(Int16)
        case i32(Int32)
        case i64(Int64)
        case offset(FB)

        var size: Int {
            switch self {
            case .u8: 1
            case .i16: 2
            case .i32, .offset: 4
            case .i64: 8
            }
        }
    }

    /// The finished buffer: root offset, then the root table.
    static func encode(_ root: FB) -> [UInt8] {
        var out: [UInt8] = [0, 0, 0, 0]
        let p = write(root, into: &out)
        patch(&out, at: 0, UInt32(p))
        return out
    }

    static func patch(_ out: inout [UInt8], at p: Int, _ v: UInt32) {
        for k in 0..<4 { out[p + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) }
    }

    static func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) }
    }

    /// Writes a node and returns its position.
    @discardableResult
    static func write(_ node: FB, into out: inout [UInt8]) -> Int {
        switch node {
        case .string(let s):
            while out.count % 4 != 0 { out.append(0) }
            let p = out.count
            out += le(UInt32(s.utf8.count)) + Array(s.utf8) + [0]
            return p
        case .structs(let bytes, let count):
            while (out.count + 4) % 8 != 0 { out.append(0) }
            let p = out.count
            out += le(UInt32(count)) + bytes
            return p
        case .tables(let items):
            while out.count % 4 != 0 { out.append(0) }
            let p = out.count
            out += le(UInt32(items.count))
            out += [UInt8](repeating: 0, count: 4 * items.count)
            for (k, item) in items.enumerated() {
                let child = write(item, into: &out)
                patch(&out, at: p + 4 + 4 * k, UInt32(child - (p + 4 + 4 * k)))
            }
            return p
        case .table(let slots):
            // Inline layout: soffset, then each present field at its natural size (aligned).
            var layout: [Int?] = []
            var size = 4
            for slot in slots {
                guard let slot else { layout.append(nil); continue }
                while size % slot.size != 0 { size += 1 }
                layout.append(size)
                size += slot.size
            }
            let vtableSize = 4 + 2 * slots.count
            while (out.count + vtableSize) % 8 != 0 { out.append(0) }
            let vtable = out.count
            out += le(UInt16(vtableSize)) + le(UInt16(size))
            for offset in layout { out += le(UInt16(offset ?? 0)) }
            let table = out.count
            out += le(Int32(table - vtable))
            out += [UInt8](repeating: 0, count: size - 4)
            var children: [(Int, FB)] = []
            for (slot, offset) in zip(slots, layout) {
                guard let slot, let offset else { continue }
                let bytes: [UInt8]
                switch slot {
                case .u8(let v): bytes = [v]
                case .i16(let v): bytes = le(v)
                case .i32(let v): bytes = le(v)
                case .i64(let v): bytes = le(v)
                case .offset(let child): children.append((table + offset, child)); continue
                }
                out.replaceSubrange((table + offset)..<(table + offset + bytes.count), with: bytes)
            }
            for (at, child) in children {
                let p = write(child, into: &out)
                patch(&out, at: at, UInt32(p - at))
            }
            return table
        }
    }
}

/// A column to write: its Arrow field and the buffers of one batch.
struct TestColumn {
    var field: ArrowField
    var nodes: [(length: Int, nullCount: Int)]
    var buffers: [[UInt8]]
}

enum ArrowWriter {
    static func typeSlots(_ type: ArrowType) -> (UInt8, FB) {
        switch type {
        case .null: (1, .table([]))
        case .int(let w, let s): (2, .table([.i32(Int32(w)), .u8(s ? 1 : 0)]))
        case .float(let w): (3, .table([.i16(w == 32 ? 1 : 2)]))
        case .binary: (4, .table([]))
        case .utf8: (5, .table([]))
        case .bool: (6, .table([]))
        case .decimal(let p, let s, let w): (7, .table([.i32(Int32(p)), .i32(Int32(s)), .i32(Int32(w))]))
        case .date(let unit): (8, .table([.i16(Int16(unit))]))
        case .time(let unit, let w): (9, .table([.i16(Int16(unit)), .i32(Int32(w))]))
        case .timestamp(let unit, let tz): (10, .table([.i16(Int16(unit)), tz.map { .offset(.string($0)) }]))
        case .struct: (13, .table([]))
        case .fixedSizeBinary(let w): (15, .table([.i32(Int32(w))]))
        case .largeBinary: (19, .table([]))
        case .largeUTF8: (20, .table([]))
        }
    }

    static func field(_ f: ArrowField) -> FB {
        let (typeID, typeTable) = typeSlots(f.type)
        let metadata = f.metadata.sorted { $0.key < $1.key }.map { FB.table([.offset(.string($0.key)), .offset(.string($0.value))]) }
        return .table([
            .offset(.string(f.name)), .u8(f.nullable ? 1 : 0), .u8(typeID), .offset(typeTable), nil,
            .offset(.tables(f.children.map(field))), metadata.isEmpty ? nil : .offset(.tables(metadata)),
        ])
    }

    static func message(headerType: UInt8, header: FB, bodyLength: Int) -> [UInt8] {
        FB.encode(.table([.i16(4), .u8(headerType), .offset(header), .i64(Int64(bodyLength))]))
    }

    /// Continuation marker, padded metadata length, metadata, body.
    static func frame(_ metadata: [UInt8], body: [UInt8] = []) -> [UInt8] {
        var padded = metadata
        while padded.count % 8 != 0 { padded.append(0) }
        return FB.le(UInt32(0xFFFF_FFFF)) + FB.le(Int32(padded.count)) + padded + body
    }

    static func schemaMessage(_ fields: [ArrowField]) -> [UInt8] {
        frame(message(headerType: 1, header: .table([.i16(0), .offset(.tables(fields.map(field)))]), bodyLength: 0))
    }

    static func batchMessage(length: Int, columns: [TestColumn]) -> [UInt8] {
        var body: [UInt8] = []
        var bufferSpecs: [UInt8] = []
        var nodeSpecs: [UInt8] = []
        var bufferCount = 0
        for column in columns {
            for node in column.nodes { nodeSpecs += FB.le(Int64(node.length)) + FB.le(Int64(node.nullCount)) }
            for buffer in column.buffers {
                bufferSpecs += FB.le(Int64(body.count)) + FB.le(Int64(buffer.count))
                body += buffer
                while body.count % 8 != 0 { body.append(0) }
                bufferCount += 1
            }
        }
        let header = FB.table([
            .i64(Int64(length)),
            .offset(.structs(nodeSpecs, count: nodeSpecs.count / 16)),
            .offset(.structs(bufferSpecs, count: bufferCount)),
        ])
        return frame(message(headerType: 3, header: header, bodyLength: body.count), body: body)
    }

    static let endOfStream: [UInt8] = FB.le(UInt32(0xFFFF_FFFF)) + FB.le(UInt32(0))

    // MARK: Column builders

    static func validity(_ valid: [Bool]) -> [UInt8] {
        var bits = [UInt8](repeating: 0, count: (valid.count + 7) / 8)
        for (i, v) in valid.enumerated() where v { bits[i / 8] |= 1 << UInt8(i % 8) }
        return bits
    }

    static func fixed<T: FixedWidthInteger>(_ name: String, _ type: ArrowType, _ values: [T?], metadata: [String: String] = [:]) -> TestColumn {
        let valid = values.map { $0 != nil }
        let nulls = valid.filter { !$0 }.count
        return TestColumn(field: ArrowField(name: name, type: type, metadata: metadata),
                          nodes: [(values.count, nulls)],
                          buffers: [nulls > 0 ? validity(valid) : [], values.flatMap { FB.le($0 ?? 0) }])
    }

    static func doubles(_ name: String, _ values: [Double?]) -> TestColumn {
        var column = fixed(name, .float(bitWidth: 64), values.map { $0?.bitPattern })
        column.field.type = .float(bitWidth: 64)
        return column
    }

    static func bools(_ name: String, _ values: [Bool?]) -> TestColumn {
        let nulls = values.filter { $0 == nil }.count
        return TestColumn(field: ArrowField(name: name, type: .bool), nodes: [(values.count, nulls)],
                          buffers: [nulls > 0 ? validity(values.map { $0 != nil }) : [], validity(values.map { $0 ?? false })])
    }

    static func strings(_ name: String, _ values: [String?], metadata: [String: String] = [:]) -> TestColumn {
        var offsets: [UInt8] = FB.le(Int32(0))
        var data: [UInt8] = []
        for v in values {
            data += Array((v ?? "").utf8)
            offsets += FB.le(Int32(data.count))
        }
        let nulls = values.filter { $0 == nil }.count
        return TestColumn(field: ArrowField(name: name, type: .utf8, metadata: metadata), nodes: [(values.count, nulls)],
                          buffers: [nulls > 0 ? validity(values.map { $0 != nil }) : [], offsets, data])
    }

    static func decimals(_ name: String, precision: Int, scale: Int, _ values: [(high: Int64, low: UInt64)?]) -> TestColumn {
        let nulls = values.filter { $0 == nil }.count
        let bytes = values.flatMap { v in FB.le(v?.low ?? 0) + FB.le(v?.high ?? 0) }
        return TestColumn(field: ArrowField(name: name, type: .decimal(precision: precision, scale: scale, bitWidth: 128)),
                          nodes: [(values.count, nulls)], buffers: [nulls > 0 ? validity(values.map { $0 != nil }) : [], bytes])
    }

    /// Snowflake's timestamp struct: epoch seconds (int64) and nanosecond fraction (int32), optional zone.
    static func timestampStruct(_ name: String, _ values: [(epoch: Int64, fraction: Int32)?], timezone: Int32? = nil,
                                metadata: [String: String]) -> TestColumn {
        let nulls = values.filter { $0 == nil }.count
        let epoch = fixed("epoch", .int(bitWidth: 64, signed: true), values.map { $0?.epoch })
        let fraction = fixed("fraction", .int(bitWidth: 32, signed: true), values.map { $0?.fraction })
        var children = [epoch, fraction]
        if let timezone { children.append(fixed("timezone", .int(bitWidth: 32, signed: true), values.map { _ in timezone })) }
        return TestColumn(
            field: ArrowField(name: name, type: .struct, metadata: metadata, children: children.map(\.field)),
            nodes: [(values.count, nulls)] + children.flatMap(\.nodes),
            buffers: [nulls > 0 ? validity(values.map { $0 != nil }) : []] + children.flatMap(\.buffers))
    }

    static func stream(_ batches: [[TestColumn]], end: Bool = true) -> [UInt8] {
        var out = schemaMessage(batches[0].map(\.field))
        for columns in batches {
            out += batchMessage(length: columns.first?.nodes.first?.length ?? 0, columns: columns)
        }
        return end ? out + endOfStream : out
    }
}
