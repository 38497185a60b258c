import Foundation
import Testing
@testable import ArrowIPC

/// All batches of a stream, read in one go.
private func readAll(_ bytes: [UInt8]) throws -> (ArrowSchema?, [ArrowRecordBatch]) {
    var schema: ArrowSchema?
    var batches: [ArrowRecordBatch] = []
    try ArrowStreamReader.read(bytes, schema: { schema = $0 }) { batches.append($0) }
    return (schema, batches)
}

@Suite("Arrow IPC stream reader: hand-written streams")
struct ArrowStreamReaderTests {
    @Test func everyIntegerWidthSignedAndUnsignedWithNulls() throws {
        let stream = ArrowWriter.stream([[
            ArrowWriter.fixed("i8", .int(bitWidth: 8, signed: true), [Int8.min, -1, nil, 127]),
            ArrowWriter.fixed("i16", .int(bitWidth: 16, signed: true), [Int16.min, -2, nil, Int16.max]),
            ArrowWriter.fixed("i32", .int(bitWidth: 32, signed: true), [Int32.min, -3, nil, Int32.max]),
            ArrowWriter.fixed("i64", .int(bitWidth: 64, signed: true), [Int64.min, -4, nil, Int64.max]),
            ArrowWriter.fixed("u8", .int(bitWidth: 8, signed: false), [UInt8(0), 1, nil, 255]),
        ]])
        let (schema, batches) = try readAll(stream)
        #expect(schema?.fields.map(\.name) == ["i8", "i16", "i32", "i64", "u8"])
        #expect(batches.count == 1)
        let b = batches[0]
        #expect(b.length == 4)
        #expect(b.columns[0].int64(0) == -128 && b.columns[0].int64(1) == -1 && b.columns[0].int64(3) == 127)
        #expect(b.columns[1].int64(0) == -32768 && b.columns[1].int64(3) == 32767)
        #expect(b.columns[2].int64(0) == Int64(Int32.min) && b.columns[2].int64(1) == -3)
        #expect(b.columns[3].int64(0) == Int64.min && b.columns[3].int64(3) == Int64.max)
        #expect(b.columns[4].int64(3) == 255)
        for c in b.columns {
            #expect(c.isNull(2) && !c.isNull(0) && !c.isNull(3))
            #expect(c.nullCount == 1)
        }
    }

    @Test func doublesStringsBoolsAndDates() throws {
        let stream = ArrowWriter.stream([[
            ArrowWriter.doubles("f", [1.5, nil, -0.1, .infinity]),
            ArrowWriter.strings("s", ["héllo", nil, "", "日本"], metadata: ["logicalType": "TEXT"]),
            ArrowWriter.bools("b", [true, nil, false, true]),
            ArrowWriter.fixed("d", .date(unit: 0), [Int32(19782), nil, -1, 0]),
        ]])
        let (schema, batches) = try readAll(stream)
        #expect(schema?.fields[1].metadata == ["logicalType": "TEXT"])
        #expect(schema?.fields[3].type == .date(unit: 0))
        let c = batches[0].columns
        #expect(c[0].double(0) == 1.5 && c[0].double(2) == -0.1 && c[0].double(3) == .infinity && c[0].isNull(1))
        #expect(c[1].string(0) == "héllo" && c[1].string(2) == "" && !c[1].isNull(2) && c[1].string(3) == "日本" && c[1].isNull(1))
        #expect(c[2].bool(0) && !c[2].bool(2) && c[2].bool(3) && c[2].isNull(1))
        #expect(c[3].int64(0) == 19782 && c[3].int64(2) == -1 && c[3].isNull(1))
    }

    @Test func decimal128ExactTextIncludingNegativesAndThe38DigitMaximum() throws {
        // 10^38 - 1 = 0x4B3B4CA85A86C47A_098A223FFFFFFFFF.
        let max: (Int64, UInt64) = (0x4B3B_4CA8_5A86_C47A, 0x098A_223F_FFFF_FFFF)
        let stream = ArrowWriter.stream([[
            ArrowWriter.decimals("dec", precision: 38, scale: 2, [(0, 1250), (-1, UInt64(bitPattern: -1250)), nil, (0, 0), max,
                                                                   (-1, UInt64(bitPattern: -5))]),
        ]])
        let (_, batches) = try readAll(stream)
        let c = batches[0].columns[0]
        #expect(c.decimalText(0) == "12.50")
        #expect(c.decimalText(1) == "-12.50")
        #expect(c.isNull(2))
        #expect(c.decimalText(3) == "0.00")
        #expect(c.decimalText(4) == "999999999999999999999999999999999999.99")
        #expect(c.decimalText(5) == "-0.05")
        #expect(DecimalText.format(high: 0, low: 1_000_000_000_000_000_000, scale: 0) == "1000000000000000000")
        #expect(DecimalText.format(high: 0, low: 7, scale: 3) == "0.007")
    }

    @Test func scaledIntegersAsSnowflakeSendsNumberWithScale() throws {
        let stream = ArrowWriter.stream([[ArrowWriter.fixed("n", .int(bitWidth: 16, signed: true), [Int16(1250), -5, 0])]])
        let c = try readAll(stream).1[0].columns[0]
        #expect(c.decimalText(0, scale: 2) == "12.50")
        #expect(c.decimalText(1, scale: 2) == "-0.05")
        #expect(c.decimalText(2, scale: 2) == "0.00")
    }

    @Test func timestampStructsWithNullRows() throws {
        let stream = ArrowWriter.stream([[
            ArrowWriter.timestampStruct("ts", [(1_709_212_455, 123_456_000), nil, (-1, 999_999_999)],
                                        metadata: ["logicalType": "TIMESTAMP_NTZ", "scale": "9"]),
            ArrowWriter.timestampStruct("tz", [(0, 0), nil, (86_400, 5)], timezone: 1440 + 60,
                                        metadata: ["logicalType": "TIMESTAMP_TZ", "scale": "9"]),
        ]])
        let (schema, batches) = try readAll(stream)
        #expect(schema?.fields[0].children.map(\.name) == ["epoch", "fraction"])
        #expect(schema?.fields[1].children.map(\.name) == ["epoch", "fraction", "timezone"])
        let ts = batches[0].columns[0]
        #expect(ts.type == .struct && ts.children.count == 2)
        #expect(ts.children[0].int64(0) == 1_709_212_455 && ts.children[1].int64(0) == 123_456_000)
        #expect(ts.isNull(1) && !ts.isNull(2) && ts.children[0].int64(2) == -1)
        #expect(batches[0].columns[1].children[2].int64(2) == 1500)
    }

    @Test func timeAndTimestampTypesAndNullColumns() throws {
        var nullColumn = TestColumn(field: ArrowField(name: "nothing", type: .null), nodes: [(2, 2)], buffers: [])
        nullColumn.field.nullable = true
        let stream = ArrowWriter.stream([[
            ArrowWriter.fixed("t", .time(unit: 3, bitWidth: 64), [Int64(3_600_000_000_000), nil]),
            ArrowWriter.fixed("ts", .timestamp(unit: 2, timeZone: "UTC"), [Int64(1_000_000), 0]),
            nullColumn,
        ]])
        let (schema, batches) = try readAll(stream)
        #expect(schema?.fields[1].type == .timestamp(unit: 2, timeZone: "UTC"))
        #expect(batches[0].columns[0].int64(0) == 3_600_000_000_000 && batches[0].columns[0].isNull(1))
        #expect(batches[0].columns[1].int64(0) == 1_000_000)
        #expect(batches[0].columns[2].isNull(0) && batches[0].columns[2].isNull(1))
    }

    @Test func emptyResultHasASchemaAndNoRows() throws {
        let stream = ArrowWriter.schemaMessage([ArrowField(name: "a", type: .int(bitWidth: 64, signed: true))]) + ArrowWriter.endOfStream
        let (schema, batches) = try readAll(stream)
        #expect(schema?.fields.count == 1)
        #expect(batches.isEmpty)
        // A zero-row batch is fine too.
        let zero = ArrowWriter.stream([[ArrowWriter.strings("s", [])]])
        let (_, zeroBatches) = try readAll(zero)
        #expect(zeroBatches.count == 1 && zeroBatches[0].length == 0)
    }

    @Test func manyBatchesFedAByteAtATimeKeepOnlyOneMessageBuffered() throws {
        var batches: [[TestColumn]] = []
        for b in 0..<50 {
            let ids: [Int64?] = (0..<100).map { Int64(b * 100 + $0) }
            let names: [String?] = (0..<100).map { (k: Int) -> String? in k % 3 == 0 ? nil : "r\(b * 100 + k)" }
            batches.append([ArrowWriter.fixed("id", .int(bitWidth: 64, signed: true), ids), ArrowWriter.strings("name", names)])
        }
        let stream = ArrowWriter.stream(batches)
        var reader = ArrowStreamReader()
        var seen = 0
        var sum: Int64 = 0
        var maxBuffered = 0
        for byte in stream {
            reader.append(CollectionOfOne(byte))
            maxBuffered = Swift.max(maxBuffered, reader.bufferedByteCount)
            while let batch = try reader.nextBatch() {
                for i in 0..<batch.length {
                    sum += batch.columns[0].int64(i)
                    if !batch.columns[1].isNull(i) { #expect(batch.columns[1].string(i) == "r\(batch.columns[0].int64(i))") }
                }
                seen += 1
            }
        }
        try reader.finish()
        #expect(seen == 50 && reader.batchCount == 50 && reader.ended)
        #expect(sum == (0..<5000).reduce(0, +))
        #expect(maxBuffered < stream.count / 10, "the reader kept \(maxBuffered) of \(stream.count) bytes")
    }

    @Test func streamWithoutEndMarkerAndLegacyFramingAreAccepted() throws {
        let noEnd = ArrowWriter.stream([[ArrowWriter.fixed("a", .int(bitWidth: 32, signed: true), [Int32(7)])]], end: false)
        #expect(try readAll(noEnd).1[0].columns[0].int64(0) == 7)
        // Before format 0.15 a message started with its length alone (no 0xFFFFFFFF marker).
        let legacy = Array(ArrowWriter.schemaMessage([ArrowField(name: "a", type: .utf8)]).dropFirst(4)) + [0, 0, 0, 0]
        #expect(try readAll(legacy).0?.fields[0].name == "a")
    }
}

@Suite("Arrow IPC stream reader: malformed input")
struct ArrowMalformedInputTests {
    private func message(_ bytes: [UInt8]) -> String {
        do {
            try ArrowStreamReader.read(bytes) { _ in }
            return "no error"
        } catch let error as ArrowError {
            return error.description
        } catch {
            return "unexpected \(error)"
        }
    }

    private var valid: [UInt8] {
        ArrowWriter.stream([[ArrowWriter.strings("s", ["a", "bb", nil]), ArrowWriter.fixed("i", .int(bitWidth: 64, signed: true), [Int64(1), 2, 3])]])
    }

    @Test func emptyInputHasNoSchema() {
        #expect(message([]) == "the Arrow stream is empty: it has no schema message")
    }

    @Test func everyTruncationIsRejectedCleanly() {
        let bytes = valid
        let endMarker = bytes.count - 8
        // Cutting exactly after the schema leaves a valid (empty, unterminated) stream.
        let schemaEnd = ArrowWriter.schemaMessage([ArrowField(name: "s", type: .utf8), ArrowField(name: "i", type: .int(bitWidth: 64, signed: true))]).count
        #expect(message(Array(bytes[0..<schemaEnd])) == "no error")
        for cut in 1..<bytes.count where cut != endMarker && cut != schemaEnd {
            let text = message(Array(bytes[0..<cut]))
            #expect(text.hasPrefix("the Arrow stream"), "cut at \(cut): \(text)")
        }
        #expect(message(Array(bytes[0..<endMarker])) == "no error")
    }

    @Test func randomGarbageNeverCrashes() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let bytes = valid
        var rejected = 0
        for _ in 0..<3000 {
            var corrupt = bytes
            for _ in 0..<(1 + Int(next() % 4)) {
                corrupt[Int(next() % UInt64(corrupt.count))] = UInt8(truncatingIfNeeded: next())
            }
            var reader = ArrowStreamReader()
            reader.append(corrupt)
            do {
                while let batch = try reader.nextBatch() {
                    // Reading every value must stay inside the body whatever the metadata said.
                    for column in batch.columns {
                        for i in 0..<column.length where !column.isNull(i) {
                            switch column.type {
                            case .utf8: _ = column.string(i)
                            case .int: _ = column.int64(i)
                            default: break
                            }
                        }
                    }
                }
                try reader.finish()
            } catch is ArrowError {
                rejected += 1
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
        #expect(rejected > 1000)
        var pure = [UInt8]()
        for _ in 0..<4096 { pure.append(UInt8(truncatingIfNeeded: next())) }
        #expect(message(pure) != "no error")
    }

    @Test func stringOffsetsPastTheDataAreRejected() {
        var column = ArrowWriter.strings("s", ["abc"])
        column.buffers[1] = FB.le(Int32(0)) + FB.le(Int32(99))
        let text = message(ArrowWriter.stream([[column]]))
        #expect(text == "the Arrow stream is malformed: column \"s\" of batch 0 has offset 99 at row 1, outside its 3-byte data or decreasing")
    }

    @Test func shortValueBufferIsRejected() {
        var column = ArrowWriter.fixed("i", .int(bitWidth: 64, signed: true), [Int64(1), 2])
        column.buffers[1] = Array(column.buffers[1].prefix(8))
        #expect(message(ArrowWriter.stream([[column]])) == "the Arrow stream is malformed: column \"i\" of batch 0 has a values buffer of 8 bytes; 16 needed")
    }

    @Test func nullCountAboveLengthIsRejected() {
        var column = ArrowWriter.fixed("i", .int(bitWidth: 64, signed: true), [Int64(1)])
        column.nodes[0].nullCount = 2
        #expect(message(ArrowWriter.stream([[column]])) == "the Arrow stream is malformed: column \"i\" of batch 0 has 2 nulls in 1 rows")
    }

    @Test func unsupportedTypesAreNamed() {
        let list = ArrowWriter.frame(ArrowWriter.message(headerType: 1, header: .table([.i16(0), .offset(.tables([
            .table([.offset(.string("tags")), .u8(1), .u8(12), .offset(.table([]))]),
        ]))]), bodyLength: 0))
        #expect(message(list) == "column \"tags\" has Arrow type list, which this reader does not support")
        let dictionaryBatch = ArrowWriter.schemaMessage([ArrowField(name: "a", type: .utf8)])
            + ArrowWriter.frame(ArrowWriter.message(headerType: 2, header: .table([]), bodyLength: 0))
        #expect(message(dictionaryBatch) == "the Arrow stream uses dictionary-encoded columns, which this reader does not support")
    }

    @Test func batchBeforeSchemaAndSecondSchemaAreRejected() {
        let batch = ArrowWriter.batchMessage(length: 1, columns: [ArrowWriter.fixed("i", .int(bitWidth: 64, signed: true), [Int64(1)])])
        #expect(message(batch) == "the Arrow stream is malformed: a record batch arrives before the schema")
        let schema = ArrowWriter.schemaMessage([ArrowField(name: "a", type: .utf8)])
        #expect(message(schema + schema) == "the Arrow stream is malformed: it has a second schema message")
    }

    @Test func hugeDeclaredLengthsAreRefusedBeforeAllocating() {
        let huge = FB.le(UInt32(0xFFFF_FFFF)) + FB.le(Int32.max) + [UInt8](repeating: 0, count: 16)
        #expect(message(huge) == "the Arrow stream is malformed: a message declares 2147483647 bytes of metadata")
        #expect(message(Array("ARROW1\0\0".utf8)) == "the input is an Arrow file, not an Arrow stream")
    }

    @Test func trailingBytesAfterTheEndMarkerAreRejected() {
        #expect(message(valid + [1, 2, 3]) == "the Arrow stream has 3 bytes after its end marker")
    }
}

@Suite("Arrow IPC stream reader: fakesnow and pyarrow output")
struct ArrowRealOutputTests {
    private func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "arrows", subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }

    @Test func fakesnowTypesQuery() throws {
        let (schema, batches) = try readAll(try fixture("fakesnow-types"))
        let fields = try #require(schema).fields
        #expect(fields.map(\.name) == ["I8", "I16", "I32", "I64", "DEC", "DBL", "TXT", "FLAG", "D", "TS", "TSTZ", "HUGESUM"])
        #expect(fields.map { $0.metadata["logicalType"] ?? "" } == ["FIXED", "FIXED", "FIXED", "FIXED", "FIXED", "REAL", "TEXT", "BOOLEAN",
                                                                   "DATE", "TIMESTAMP_NTZ", "TIMESTAMP_TZ", "REAL"])
        #expect(fields[4].type == .decimal(precision: 10, scale: 2, bitWidth: 128))
        #expect(fields[9].children.map(\.name) == ["epoch", "fraction"])
        let rows = batches.reduce(0) { $0 + $1.length }
        #expect(rows == 2)
        let c = batches[0].columns
        #expect(c[0].int64(0) == 1 && c[1].int64(0) == 300 && c[2].int64(0) == 70000 && c[3].int64(0) == 9_000_000_000)
        #expect(c[4].decimalText(0) == "12.50")
        #expect(c[5].double(0) == 1.5)
        #expect(c[6].string(0) == "héllo")
        #expect(c[7].bool(0))
        #expect(c[8].int64(0) == 19782)  // 2024-02-29
        #expect(c[9].children[0].int64(0) == 1_709_212_455 && c[9].children[1].int64(0) == 123_456_000)
        #expect(c[10].children[2].int64(0) == 1440)
        #expect(c[11].double(0) == -2)
        for k in 0..<9 { #expect(c[k].isNull(1), "column \(k)") }
        // fakesnow leaves the struct itself valid and nulls its children.
        #expect(c[9].children[0].isNull(1))
    }

    @Test func fakesnowEmptyResult() throws {
        let (schema, batches) = try readAll(try fixture("fakesnow-empty"))
        #expect(schema?.fields.map(\.name) == ["A", "B"])
        #expect(batches.reduce(0) { $0 + $1.length } == 0)
    }

    @Test func fakesnowDecimalsToThe38thDigit() throws {
        let (_, batches) = try readAll(try fixture("fakesnow-negative_decimals"))
        let c = batches[0].columns[0]
        #expect((0..<4).map { c.decimalText($0) } == ["-0.0001", "-123456789012345678.1234", "0.0000",
                                                      "99999999999999999999999999999999.9999"])
    }

    @Test func pyarrowManyBatches() throws {
        let (_, batches) = try readAll(try fixture("pyarrow-many-batches"))
        #expect(batches.count == 10)
        var count = 0
        for batch in batches {
            for i in 0..<batch.length {
                let id = batch.columns[0].int64(i)
                #expect(id == Int64(count))
                #expect(batch.columns[1].isNull(i) == (id % 7 == 0))
                if id % 7 != 0 { #expect(batch.columns[1].string(i) == "row \(id)") }
                count += 1
            }
        }
        #expect(count == 10_000)
    }
}
