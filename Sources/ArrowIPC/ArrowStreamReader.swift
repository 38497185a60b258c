/// Reads an Arrow IPC *stream* (schema message, then record batches, then an optional end marker)
/// incrementally: feed bytes as they arrive with `append`, take batches with `nextBatch()`. Only the
/// bytes of the message being assembled are kept, so memory is bounded by one batch, not the stream.
///
///     var reader = ArrowStreamReader()
///     reader.append(bytes)
///     while let batch = try reader.nextBatch() { … }
///     try reader.finish()   // throws if the input stopped mid-message or carried no schema
public struct ArrowStreamReader: Sendable {
    /// A message's metadata larger than this is refused (Snowflake's are a few kilobytes).
    public static let maxMetadataLength = 64 << 20
    /// A record batch body larger than this is refused.
    public static let maxBodyLength = 2 << 30

    public private(set) var schema: ArrowSchema?
    /// True once the end-of-stream marker was read.
    public private(set) var ended = false
    /// Record batches read so far.
    public private(set) var batchCount = 0

    private var pending: [UInt8] = []
    private var start = 0

    public init() {}

    /// Reads a whole stream held in memory; `body` sees each batch in order.
    public static func read(_ bytes: [UInt8], schema onSchema: (ArrowSchema) throws -> Void = { _ in },
                            batch body: (ArrowRecordBatch) throws -> Void) throws {
        var reader = ArrowStreamReader()
        reader.append(bytes)
        var schemaSeen = false
        while let batch = try reader.nextBatch() {
            if !schemaSeen, let s = reader.schema { schemaSeen = true; try onSchema(s) }
            try body(batch)
        }
        try reader.finish()
        if !schemaSeen, let s = reader.schema { try onSchema(s) }
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0, start >= pending.count / 2 {
            pending.removeFirst(start)
            start = 0
        }
        pending.append(contentsOf: bytes)
    }

    /// Bytes received but not yet consumed.
    public var bufferedByteCount: Int { pending.count - start }

    /// The next record batch, or nil when more input is needed (or the stream has ended). The schema
    /// is available in `schema` once its message has been read.
    public mutating func nextBatch() throws -> ArrowRecordBatch? {
        while !ended {
            guard let (header, metadataStart, metadataLength, bodyLength) = try nextFrame() else { return nil }
            let metadata = Array(pending[metadataStart..<(metadataStart + metadataLength)])
            let bodyStart = metadataStart + metadataLength
            let parsed = try ArrowMetadata.message(metadata)
            guard parsed.bodyLength == bodyLength else { throw ArrowError("the Arrow stream is malformed: inconsistent body length") }
            switch parsed.header {
            case .schema(let s):
                guard schema == nil else { throw ArrowError("the Arrow stream is malformed: it has a second schema message") }
                schema = s
                start = bodyStart + bodyLength
            case .recordBatch(let header):
                guard let schema else { throw ArrowError("the Arrow stream is malformed: a record batch arrives before the schema") }
                let body = ArrowBody(Array(pending[bodyStart..<(bodyStart + bodyLength)]))
                start = bodyStart + bodyLength
                let batch = try Self.batch(header, schema: schema, body: body, index: batchCount)
                batchCount += 1
                return batch
            }
            _ = header
        }
        return nil
    }

    /// Call when the input is complete: throws if it stopped part-way through a message, carried
    /// trailing bytes after the end marker, or never delivered a schema.
    public func finish() throws {
        let left = pending.count - start
        if left > 0 {
            throw ArrowError(ended ? "the Arrow stream has \(left) bytes after its end marker"
                : "the Arrow stream is truncated: it ends part-way through a message (\(left) bytes left over)")
        }
        if schema == nil { throw ArrowError("the Arrow stream is empty: it has no schema message") }
    }

    /// Locates the next complete message: (prefix length, metadata start, metadata length, body
    /// length). Nil when the buffer does not yet hold all of it; sets `ended` at the end marker.
    private mutating func nextFrame() throws -> (Int, Int, Int, Int)? {
        let available = pending.count - start
        guard available >= 4 else { return nil }
        if start == 0, schema == nil, available >= 6, pending[0..<6].elementsEqual("ARROW1".utf8) {
            throw ArrowError("the input is an Arrow file, not an Arrow stream")
        }
        var prefix = 4
        var length = Self.int32(pending, start)
        if length == -1 {  // continuation marker, then the length (format 0.15+)
            guard available >= 8 else { return nil }
            length = Self.int32(pending, start + 4)
            prefix = 8
        }
        if length == 0 {
            ended = true
            start += prefix
            return nil
        }
        guard length > 0, length <= Self.maxMetadataLength else {
            throw ArrowError("the Arrow stream is malformed: a message declares \(length) bytes of metadata")
        }
        let metadataStart = start + prefix
        guard pending.count - metadataStart >= Int(length) else { return nil }
        // The body length lives in the metadata; read it to know how much more to wait for.
        let metadata = Array(pending[metadataStart..<(metadataStart + Int(length))])
        let bodyLength = try FlatBuffer(bytes: metadata).root().int64(3)
        guard bodyLength >= 0, bodyLength <= Self.maxBodyLength else {
            throw ArrowError("the Arrow stream is malformed: a message declares a body of \(bodyLength) bytes")
        }
        guard pending.count - metadataStart - Int(length) >= Int(bodyLength) else { return nil }
        return (prefix, metadataStart, Int(length), Int(bodyLength))
    }

    private static func int32(_ bytes: [UInt8], _ p: Int) -> Int32 {
        Int32(bitPattern: UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24)
    }

    // MARK: Building and checking a batch

    private struct Cursor {
        var node = 0
        var buffer = 0
    }

    private static func batch(_ header: ArrowMetadata.RecordBatchHeader, schema: ArrowSchema, body: ArrowBody,
                              index: Int) throws -> ArrowRecordBatch {
        var cursor = Cursor()
        let columns = try schema.fields.map {
            try array($0, header: header, body: body, cursor: &cursor, batch: index)
        }
        for column in columns where column.length != header.length {
            throw ArrowError("the Arrow stream is malformed: column \"\(column.field.name)\" of batch \(index) has \(column.length) rows, the batch \(header.length)")
        }
        return ArrowRecordBatch(length: header.length, columns: columns)
    }

    private static func array(_ field: ArrowField, header: ArrowMetadata.RecordBatchHeader, body: ArrowBody,
                              cursor: inout Cursor, batch: Int) throws -> ArrowArray {
        func fail(_ what: String) -> ArrowError {
            ArrowError("the Arrow stream is malformed: column \"\(field.name)\" of batch \(batch) \(what)")
        }
        guard cursor.node < header.nodes.count else { throw fail("has no field node") }
        let node = header.nodes[cursor.node]
        cursor.node += 1
        let length = node.length
        guard length >= 0, length <= Int32.max else { throw fail("has \(length) rows") }
        guard node.nullCount >= 0, node.nullCount <= length else { throw fail("has \(node.nullCount) nulls in \(length) rows") }

        func nextBuffer() throws -> (offset: Int, length: Int) {
            guard cursor.buffer < header.buffers.count else { throw fail("is missing a buffer") }
            let b = header.buffers[cursor.buffer]
            cursor.buffer += 1
            guard b.offset >= 0, b.length >= 0, b.offset <= body.bytes.count - b.length else {
                throw fail("has a buffer (\(b.offset)+\(b.length)) outside the \(body.bytes.count)-byte body")
            }
            return b
        }
        func need(_ b: (offset: Int, length: Int), _ bytes: Int, _ what: String) throws {
            guard b.length >= bytes else { throw fail("has a \(what) buffer of \(b.length) bytes; \(bytes) needed") }
        }

        if case .null = field.type {
            // Null columns have no buffers in the IPC format.
            return ArrowArray(field: field, length: length, nullCount: length, children: [], body: body,
                              validity: nil, values: 0, offsets: 0)
        }
        let validityBuffer = try nextBuffer()
        var validity: Int?
        if node.nullCount > 0 {
            try need(validityBuffer, (length + 7) / 8, "validity")
            validity = validityBuffer.offset
        }
        var values = 0
        var offsets = 0
        var children: [ArrowArray] = []
        switch field.type {
        case .null:
            break
        case .bool:
            let b = try nextBuffer()
            try need(b, (length + 7) / 8, "values")
            values = b.offset
        case .utf8, .binary, .largeUTF8, .largeBinary:
            let wide: Bool
            switch field.type {
            case .largeUTF8, .largeBinary: wide = true
            default: wide = false
            }
            let width = wide ? 8 : 4
            let o = try nextBuffer()
            let data = try nextBuffer()
            offsets = o.offset
            values = data.offset
            if length > 0 {
                try need(o, (length + 1) * width, "offsets")
                // Offsets must start inside the data and never decrease, so every value is a valid slice.
                try body.bytes.withUnsafeBytes { raw in
                    var previous = -1
                    for k in 0...length {
                        let p = o.offset + k * width
                        let value = wide ? Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: Int64.self)))
                            : Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: Int32.self)))
                        guard value >= 0, value >= previous, value <= data.length else {
                            throw fail("has offset \(value) at row \(k), outside its \(data.length)-byte data or decreasing")
                        }
                        previous = value
                    }
                }
            }
        case .struct:
            children = try field.children.map { try array($0, header: header, body: body, cursor: &cursor, batch: batch) }
            for child in children where child.length < length {
                throw fail("has a child \"\(child.field.name)\" with \(child.length) rows; \(length) needed")
            }
        default:
            let width = field.type.byteWidth ?? 0
            let b = try nextBuffer()
            let (total, overflow) = length.multipliedReportingOverflow(by: width)
            guard !overflow else { throw fail("is too long") }
            try need(b, total, "values")
            values = b.offset
        }
        return ArrowArray(field: field, length: length, nullCount: node.nullCount, children: children, body: body,
                          validity: validity, values: values, offsets: offsets)
    }
}
