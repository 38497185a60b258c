/// Decodes the FlatBuffers metadata of IPC messages (Message.fbs, Schema.fbs) into plain values.
enum ArrowMetadata {
    enum Header {
        case schema(ArrowSchema)
        case recordBatch(RecordBatchHeader)
    }

    struct RecordBatchHeader {
        var length: Int
        var nodes: [(length: Int, nullCount: Int)]
        var buffers: [(offset: Int, length: Int)]
    }

    /// Nested struct columns deeper than this are refused (it also bounds the recursion).
    static let maxDepth = 32

    /// Parses one message's metadata; returns its header and body length.
    static func message(_ bytes: [UInt8]) throws -> (header: Header, bodyLength: Int) {
        let buffer = FlatBuffer(bytes: bytes)
        let message = try buffer.root()
        let headerType = try message.uint8(1)
        let bodyLength = try message.int64(3)
        guard bodyLength >= 0 else { throw ArrowError("the Arrow stream is malformed: a message declares a negative body length") }
        guard let header = try message.table(2) else { throw ArrowError("the Arrow stream is malformed: a message has no header") }
        switch headerType {
        case 1: return (.schema(try schema(header)), Int(bodyLength))
        case 2: throw ArrowError("the Arrow stream uses dictionary-encoded columns, which this reader does not support")
        case 3: return (.recordBatch(try recordBatch(header)), Int(bodyLength))
        case 4, 5: throw ArrowError("the Arrow stream holds a tensor message, not a table")
        default: throw ArrowError("the Arrow stream is malformed: unknown message type \(headerType)")
        }
    }

    static func schema(_ table: FlatTable) throws -> ArrowSchema {
        guard try table.int16(0) == 0 else { throw ArrowError("the Arrow stream is big-endian, which this reader does not support") }
        let fields = try table.tables(1).map { try field($0, depth: 0) }
        return ArrowSchema(fields: fields, metadata: try keyValues(table.tables(2)))
    }

    private static func keyValues(_ tables: [FlatTable]) throws -> [String: String] {
        var result: [String: String] = [:]
        for kv in tables {
            if let key = try kv.string(0) { result[key] = try kv.string(1) ?? "" }
        }
        return result
    }

    static func field(_ table: FlatTable, depth: Int) throws -> ArrowField {
        guard depth < maxDepth else { throw ArrowError("the Arrow schema nests struct columns more than \(maxDepth) deep") }
        let name = try table.string(0) ?? ""
        guard try table.table(4) == nil else {
            throw ArrowError("column \"\(name)\" is dictionary-encoded, which this reader does not support")
        }
        let typeID = try table.uint8(2)
        let typeTable = try table.table(3)
        let type = try Self.type(typeID, typeTable, column: name)
        let children = try table.tables(5).map { try field($0, depth: depth + 1) }
        switch type {
        case .struct: break
        default:
            guard children.isEmpty else { throw ArrowError("the Arrow schema is malformed: column \"\(name)\" of type \(type) has child columns") }
        }
        return ArrowField(name: name, type: type, nullable: try table.bool(1), metadata: try keyValues(table.tables(6)),
                          children: children)
    }

    private static func type(_ id: UInt8, _ t: FlatTable?, column: String) throws -> ArrowType {
        func need() throws -> FlatTable {
            guard let t else { throw ArrowError("the Arrow schema is malformed: column \"\(column)\" has no type parameters") }
            return t
        }
        func unit(_ u: Int16, _ allowed: ClosedRange<Int16>) throws -> Int {
            guard allowed.contains(u) else { throw ArrowError("column \"\(column)\" has an unknown time unit \(u)") }
            return Int(u)
        }
        switch id {
        case 1: return .null
        case 2:
            let t = try need()
            let width = Int(try t.int32(0))
            guard [8, 16, 32, 64].contains(width) else { throw ArrowError("column \"\(column)\" has an integer width of \(width) bits") }
            return .int(bitWidth: width, signed: try t.bool(1))
        case 3:
            switch try need().int16(0) {
            case 1: return .float(bitWidth: 32)
            case 2: return .float(bitWidth: 64)
            default: throw ArrowError("column \"\(column)\" is a half-precision float, which this reader does not support")
            }
        case 4: return .binary
        case 5: return .utf8
        case 6: return .bool
        case 7:
            let t = try need()
            let width = Int(try t.int32(2, default: 128))
            guard [32, 64, 128].contains(width) else {
                throw ArrowError("column \"\(column)\" is a \(width)-bit decimal, which this reader does not support")
            }
            return .decimal(precision: Int(try t.int32(0)), scale: Int(try t.int32(1)), bitWidth: width)
        case 8: return .date(unit: try unit(t?.int16(0, default: 1) ?? 1, 0...1))
        case 9:
            let width = Int(try t?.int32(1, default: 32) ?? 32)
            guard width == 32 || width == 64 else { throw ArrowError("column \"\(column)\" has a time width of \(width) bits") }
            return .time(unit: try unit(t?.int16(0, default: 1) ?? 1, 0...3), bitWidth: width)
        case 10:
            return .timestamp(unit: try unit(t?.int16(0) ?? 0, 0...3), timeZone: try t?.string(1))
        case 13: return .struct
        case 15:
            let width = Int(try need().int32(0))
            guard width >= 0 else { throw ArrowError("column \"\(column)\" has a negative fixed binary width") }
            return .fixedSizeBinary(byteWidth: width)
        case 19: return .largeBinary
        case 20: return .largeUTF8
        default:
            let names: [UInt8: String] = [0: "NONE", 11: "interval", 12: "list", 14: "union", 16: "fixed-size list", 17: "map",
                                          18: "duration", 21: "large list", 22: "run-end encoded", 23: "binary view",
                                          24: "string view", 25: "list view", 26: "large list view"]
            throw ArrowError("column \"\(column)\" has Arrow type \(names[id] ?? "#\(id)"), which this reader does not support")
        }
    }

    static func recordBatch(_ table: FlatTable) throws -> RecordBatchHeader {
        guard try table.table(3) == nil else {
            throw ArrowError("the Arrow stream uses buffer compression, which this reader does not support")
        }
        let length = try table.int64(0)
        guard length >= 0, length <= Int32.max else { throw ArrowError("the Arrow stream is malformed: a record batch has \(length) rows") }
        let buffer = table.buffer
        var nodes: [(Int, Int)] = []
        if let (start, count) = try table.vector(1, elementSize: 16) {
            for k in 0..<count {
                nodes.append((Int(try buffer.int64(start + 16 * k)), Int(try buffer.int64(start + 16 * k + 8))))
            }
        }
        var buffers: [(Int, Int)] = []
        if let (start, count) = try table.vector(2, elementSize: 16) {
            for k in 0..<count {
                buffers.append((Int(try buffer.int64(start + 16 * k)), Int(try buffer.int64(start + 16 * k + 8))))
            }
        }
        return RecordBatchHeader(length: Int(length), nodes: nodes, buffers: buffers)
    }
}
