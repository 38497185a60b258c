import Warehouse

/// Streams rows as RFC 4180 CSV without holding a result in memory.
///
/// - Header: one row of column keys (`view.field`; under a pivot `view.field|pivot value`; row totals
///   `view.field|$$$_row_total_$$$`). Keys, not labels, because scripts need names that stay put.
/// - Cells: raw values (no value formats), NULL as an empty field, dates cut to the timeframe,
///   yesno as `Yes`/`No`. Fields holding `,` `"` CR or LF are quoted, quotes doubled.
/// - Lines end in CRLF, as RFC 4180 says.
///
/// Output is gathered in a byte buffer and handed to `write` in chunks of about 64 KiB; call
/// `flush()` when done (the last chunk is also flushed when the writer's storage is released).
public struct CSVWriter {
    private let sink: Sink
    private let shapes: [CellShape]

    /// A writer that hands out text.
    public init(columns: [ResultTable.Column], write: @escaping (String) -> Void) {
        self.init(columns: columns, writeBytes: { write(String(decoding: $0, as: UTF8.self)) })
    }

    /// A writer that hands out UTF-8 bytes (e.g. straight to `fwrite`), the fastest path.
    public init(columns: [ResultTable.Column], writeBytes: @escaping (UnsafeRawBufferPointer) -> Void) {
        sink = Sink(write: writeBytes)
        shapes = columns.map(CellShape.init)
        var first = true
        for column in columns {
            if !first { sink.buffer.append(UInt8(ascii: ",")) }
            first = false
            CSVWriter.appendField(column.qualifiedKey, to: &sink.buffer)
        }
        sink.buffer.append(13)
        sink.buffer.append(10)
    }

    /// Writes one row: one value per column.
    public func writeRow(_ row: [Value]) {
        // Work on a local, uniquely referenced buffer: appending through the class property would
        // pay an exclusivity check per byte run.
        var out = sink.take()
        // Always one field per column, so a short row cannot shift the columns after it.
        let count = min(row.count, shapes.count)
        for i in 0..<count {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            switch row[i] {
            case .null:
                break
            case .string(let s):
                // Re-cut (dates as text) or re-spelled (yesno) text may still need quoting.
                CSVWriter.appendField(shapes[i] == .plain ? s : shapes[i].rawText(row[i]), to: &out)
            case let value:
                shapes[i].appendRaw(value, to: &out)
            }
        }
        if count < shapes.count {
            for _ in max(count, 1)..<shapes.count { out.append(UInt8(ascii: ",")) }
        }
        out.append(13)
        out.append(10)
        let full = out.count >= Sink.chunkSize
        sink.buffer = consume out
        if full { sink.flush() }
    }

    /// Writes a totals row: dimension cells empty except the first, which reads `Total`.
    public func writeTotals(_ totals: [Value], columns: [ResultTable.Column]) {
        var row = totals
        if let first = columns.firstIndex(where: { !$0.isMeasure }), first < row.count, row[first].isNull {
            row[first] = .string("Total")
        }
        writeRow(row)
    }

    /// Hands everything buffered so far to the output.
    public func flush() { sink.flush() }

    /// A whole table as CSV text, totals as a last row.
    static func render(_ table: ResultTable) -> String {
        var text = ""
        let writer = CSVWriter(columns: table.columns, write: { text += $0 })
        for row in table.rows { writer.writeRow(row) }
        if let totals = table.totals { writer.writeTotals(totals, columns: table.columns) }
        writer.flush()
        return text
    }

    /// Appends `s`, quoted only when it must be.
    static func appendField(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            var needsQuotes = false
            for byte in bytes where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 10 || byte == 13 {
                needsQuotes = true
                break
            }
            if !needsQuotes {
                out.append(contentsOf: bytes)
                return
            }
            out.append(UInt8(ascii: "\""))
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { out.append(byte) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    /// The byte buffer and the output, shared by copies of the writer.
    private final class Sink {
        static let chunkSize = 64 * 1024
        var buffer: [UInt8] = []
        let write: (UnsafeRawBufferPointer) -> Void

        init(write: @escaping (UnsafeRawBufferPointer) -> Void) {
            self.write = write
            buffer.reserveCapacity(Sink.chunkSize + 4096)
        }

        /// The buffer, leaving an empty one behind so the caller's copy is unique.
        @inline(__always)
        func take() -> [UInt8] {
            var taken: [UInt8] = []
            swap(&taken, &buffer)
            return taken
        }

        func flush() {
            guard !buffer.isEmpty else { return }
            buffer.withUnsafeBytes { write($0) }
            buffer.removeAll(keepingCapacity: true)
        }

        deinit { flush() }
    }
}
