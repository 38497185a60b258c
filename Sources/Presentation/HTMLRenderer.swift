/// An HTML `<table>` fragment with inline styles, so it survives email clients that drop `<style>`.
/// Pivot values head their column groups (`colspan`), numbers are right-aligned, totals sit in
/// `<tfoot>`, every text is HTML-escaped. Notes follow in a `<p>`.
struct HTMLRenderer {
    let table: ResultTable

    private static let tableStyle = "border-collapse:collapse;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:13px;color:#1f2328"
    private static let cellStyle = "border:1px solid #d0d7de;padding:4px 8px"
    private static let headStyle = cellStyle + ";background:#f6f8fa;font-weight:600"
    private static let nullStyle = ";color:#8c959f"

    func render() -> String {
        let grid = DisplayGrid(table)
        var out = "<table style=\"\(HTMLRenderer.tableStyle)\">\n<thead>\n"
        func align(_ i: Int) -> String { grid.rightAligned[i] ? ";text-align:right" : ";text-align:left" }

        if !grid.groups.isEmpty {
            out += "<tr>"
            let first = grid.groups[0].columns.lowerBound
            if first > 0 {
                out += "<th colspan=\"\(first)\" style=\"\(HTMLRenderer.headStyle);text-align:left\">\(HTMLRenderer.escape(grid.pivotTitle))</th>"
            }
            for group in grid.groups {
                out += "<th colspan=\"\(group.columns.count)\" style=\"\(HTMLRenderer.headStyle);text-align:center\">\(HTMLRenderer.escape(group.label))</th>"
            }
            out += "</tr>\n"
        }
        out += "<tr>"
        for (i, header) in grid.headers.enumerated() {
            out += "<th style=\"\(HTMLRenderer.headStyle)\(align(i))\">\(HTMLRenderer.escape(header))</th>"
        }
        out += "</tr>\n</thead>\n<tbody>\n"
        for (r, row) in grid.rows.enumerated() {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                let null = grid.nullCells[r][i] ? HTMLRenderer.nullStyle : ""
                out += "<td style=\"\(HTMLRenderer.cellStyle)\(align(i))\(null)\">\(HTMLRenderer.escape(cell))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n"
        if let totals = grid.totals {
            out += "<tfoot>\n<tr>"
            for (i, cell) in totals.enumerated() {
                out += "<td style=\"\(HTMLRenderer.cellStyle)\(align(i));font-weight:600\">\(HTMLRenderer.escape(cell))</td>"
            }
            out += "</tr>\n</tfoot>\n"
        }
        out += "</table>\n"
        for note in grid.notes {
            out += "<p style=\"font-family:sans-serif;font-size:12px;color:#57606a\">\(HTMLRenderer.escape(note))</p>\n"
        }
        return out
    }

    /// Escapes the five characters that matter in text and attribute values.
    static func escape(_ s: String) -> String {
        var needsWork = false
        for byte in s.utf8 where byte == 38 || byte == 60 || byte == 62 || byte == 34 || byte == 39 {
            needsWork = true
            break
        }
        if !needsWork { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
