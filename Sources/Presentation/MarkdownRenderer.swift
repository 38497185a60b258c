/// A GitHub-flavoured Markdown table. Pivot columns are headed "Measure (pivot value)" because
/// Markdown has no column groups; `|` in cells is escaped, numbers are right-aligned (`--:`).
struct MarkdownRenderer {
    let table: ResultTable

    func render() -> String {
        let grid = DisplayGrid(table)
        guard !grid.headers.isEmpty else { return grid.notes.map { "_\(MarkdownRenderer.escape($0))_\n" }.joined() }
        var headers = grid.headers
        for (i, column) in table.columns.enumerated() {
            if column.isRowTotal {
                headers[i] += " (Row Total)"
            } else if let pivot = column.pivotLabel {
                headers[i] += " (\(pivot))"
            }
        }
        var out = ""
        func row(_ cells: [String], bold: Bool = false) {
            out += "|"
            for cell in cells {
                let text = MarkdownRenderer.escape(cell)
                out += " " + (bold && !text.isEmpty ? "**\(text)**" : text) + " |"
            }
            out += "\n"
        }
        row(headers)
        out += "|" + grid.rightAligned.map { $0 ? " --: |" : " --- |" }.joined() + "\n"
        for cells in grid.rows { row(cells) }
        if let totals = grid.totals { row(totals, bold: true) }
        if !grid.notes.isEmpty {
            out += "\n" + grid.notes.map { "_\(MarkdownRenderer.escape($0))_\n" }.joined()
        }
        return out
    }

    /// Escapes what would break a table cell or start Markdown formatting.
    static func escape(_ s: String) -> String {
        var needsWork = false
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"),
                UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                needsWork = true
            default: continue
            }
            break
        }
        if !needsWork { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "|": out += "\\|"
            case "\\": out += "\\\\"
            case "*", "_", "`", "[", "]", "<", ">": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }
}
