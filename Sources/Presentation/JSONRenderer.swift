import Warehouse

/// The `--format json` object (DESIGN.md's contract), written straight into UTF-8 bytes:
///
/// ```
/// {"fields": [{"name": "orders.status", "label": "Orders Status", "type": "string", "kind": "dimension"}, …],
///  "pivots": ["web", "mobile"],                       // only when pivoted, in column order
///  "rows": [
///   {"orders.status": "complete", "orders.count": {"web": 3, "mobile": 5, "$$$_row_total_$$$": 8}},
///   …],
///  "totals": {"orders.count": {"web": 10, "mobile": 7}},   // only when the result has totals
///  "notes": ["showing the first 50 of 73 pivot values"]}   // only when there are notes
/// ```
///
/// `fields` follows column order, listing each measure once and the pivot dimensions (with
/// `"pivot": true`) just before the first measure. Values are raw: numbers are JSON numbers (decimals printed digit for digit),
/// NULL, NaN and infinities are `null`, dates/timestamps are strings cut to the timeframe,
/// yesno is `"Yes"`/`"No"`. `totals` holds measures only.
struct JSONRenderer {
    let table: ResultTable

    /// Where a row's cells go: a plain key, or a measure's object keyed by pivot text.
    private enum Entry {
        case single(key: String, column: Int)
        case pivoted(key: String, cells: [(key: String, column: Int)])
    }

    func render() -> String {
        let shapes = table.columns.map(CellShape.init)
        let entries = layout()
        var out: [UInt8] = []
        out.reserveCapacity(256 + table.rows.count * table.columns.count * 16)

        appendASCII("{\"fields\": [", to: &out)
        var firstField = true
        func field(_ column: ResultTable.Column, pivot: Bool) {
            if !firstField { appendASCII(", ", to: &out) }
            firstField = false
            appendASCII("{\"name\": ", to: &out)
            JSONRenderer.appendString(column.name, to: &out)
            appendASCII(", \"label\": ", to: &out)
            JSONRenderer.appendString(column.label, to: &out)
            appendASCII(", \"type\": ", to: &out)
            if let type = column.field?.type { JSONRenderer.appendString(type, to: &out) } else { appendASCII("null", to: &out) }
            appendASCII(", \"kind\": ", to: &out)
            JSONRenderer.appendString(column.field?.kind.rawValue ?? (column.isMeasure ? "measure" : "dimension"), to: &out)
            if pivot { appendASCII(", \"pivot\": true", to: &out) }
            out.append(UInt8(ascii: "}"))
        }
        // Column order, each measure once; pivot dimensions just before the first measure.
        var seenMeasures = Set<String>()
        var pivotsListed = false
        for column in table.columns {
            if column.isMeasure {
                if !pivotsListed {
                    for pivot in table.pivotColumns { field(pivot, pivot: true) }
                    pivotsListed = true
                }
                if !seenMeasures.insert(column.name).inserted { continue }
            }
            field(column, pivot: false)
        }
        if !pivotsListed { for pivot in table.pivotColumns { field(pivot, pivot: true) } }
        out.append(UInt8(ascii: "]"))

        if table.isPivoted {
            appendASCII(",\n \"pivots\": [", to: &out)
            for (i, label) in table.pivotLabels.enumerated() {
                if i > 0 { appendASCII(", ", to: &out) }
                JSONRenderer.appendString(label, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }

        appendASCII(",\n \"rows\": [", to: &out)
        for (r, row) in table.rows.enumerated() {
            appendASCII(r == 0 ? "\n  " : ",\n  ", to: &out)
            appendObject(row, entries: entries, shapes: shapes, measuresOnly: false, to: &out)
        }
        appendASCII(table.rows.isEmpty ? "]" : "\n ]", to: &out)

        if let totals = table.totals {
            appendASCII(",\n \"totals\": ", to: &out)
            appendObject(totals, entries: entries, shapes: shapes, measuresOnly: true, to: &out)
        }
        if !table.notes.isEmpty {
            appendASCII(",\n \"notes\": [", to: &out)
            for (i, note) in table.notes.enumerated() {
                if i > 0 { appendASCII(", ", to: &out) }
                JSONRenderer.appendString(note, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        appendASCII("}\n", to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Groups pivot columns of one measure under the measure's key, in column order.
    private func layout() -> [Entry] {
        var entries: [Entry] = []
        var groupOf: [String: Int] = [:]
        for (i, column) in table.columns.enumerated() {
            let subkey: String? = column.isRowTotal ? ResultTable.rowTotalKey : column.pivotLabel
            guard column.isMeasure, let subkey else {
                entries.append(.single(key: column.name, column: i))
                continue
            }
            if let g = groupOf[column.name], case .pivoted(let key, var cells) = entries[g] {
                cells.append((subkey, i))
                entries[g] = .pivoted(key: key, cells: cells)
            } else {
                groupOf[column.name] = entries.count
                entries.append(.pivoted(key: column.name, cells: [(subkey, i)]))
            }
        }
        return entries
    }

    private func appendObject(_ row: [Value], entries: [Entry], shapes: [CellShape], measuresOnly: Bool, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        var first = true
        for entry in entries {
            switch entry {
            case .single(let key, let column):
                if measuresOnly && !table.columns[column].isMeasure { continue }
                if !first { appendASCII(", ", to: &out) }
                first = false
                JSONRenderer.appendString(key, to: &out)
                appendASCII(": ", to: &out)
                JSONRenderer.appendValue(column < row.count ? row[column] : .null, shape: shapes[column], to: &out)
            case .pivoted(let key, let cells):
                if !first { appendASCII(", ", to: &out) }
                first = false
                JSONRenderer.appendString(key, to: &out)
                appendASCII(": {", to: &out)
                for (i, cell) in cells.enumerated() {
                    if i > 0 { appendASCII(", ", to: &out) }
                    JSONRenderer.appendString(cell.key, to: &out)
                    appendASCII(": ", to: &out)
                    JSONRenderer.appendValue(cell.column < row.count ? row[cell.column] : .null, shape: shapes[cell.column], to: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    /// A raw value as JSON.
    static func appendValue(_ value: Value, shape: CellShape, to out: inout [UInt8]) {
        switch value {
        case .null:
            appendASCII("null", to: &out)
        case .int, .double, .decimal:
            if shape == .yesno {
                appendString(shape.rawText(value), to: &out)
                return
            }
            switch value {
            case .double(let d) where !d.isFinite:
                appendASCII("null", to: &out)
            case .decimal(let text):
                if let number = JSONNumber.normalized(text) {
                    out.append(contentsOf: number.utf8)
                } else if ["nan", "infinity", "-infinity", "+infinity", "inf", "-inf"].contains(text.lowercased()) {
                    appendASCII("null", to: &out)
                } else {
                    appendString(text, to: &out)
                }
            default:
                shape.appendRaw(value, to: &out)
            }
        case .string(let s) where shape == .plain:
            appendString(s, to: &out)
        default:
            appendString(shape.rawText(value), to: &out)
        }
    }

    /// A JSON string per RFC 8259: quotes, backslashes and control characters escaped, the rest kept.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var runStart = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[runStart..<i])
                runStart = i + 1
                switch byte {
                case UInt8(ascii: "\""): appendASCII("\\\"", to: &out)
                case UInt8(ascii: "\\"): appendASCII("\\\\", to: &out)
                case 10: appendASCII("\\n", to: &out)
                case 13: appendASCII("\\r", to: &out)
                case 9: appendASCII("\\t", to: &out)
                case 8: appendASCII("\\b", to: &out)
                case 12: appendASCII("\\f", to: &out)
                default:
                    appendASCII("\\u00", to: &out)
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: bytes[runStart..<bytes.count])
        }
        out.append(UInt8(ascii: "\""))
    }
}
