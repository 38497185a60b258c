/// Aligned text for terminals and reports:
///
/// ```
///               │ web                         │ mobile
/// Orders Status │ Orders Count │ Orders Total │ Orders Count │ Orders Total
/// ──────────────┼──────────────┼──────────────┼──────────────┼─────────────
/// complete      │            3 │      $120.00 │            5 │      $80.00
/// ──────────────┼──────────────┼──────────────┼──────────────┼─────────────
/// Total         │           10 │      $400.00 │            7 │     $110.00
/// ```
///
/// Numbers are right-aligned; widths count display columns (CJK = 2, combining marks = 0); with
/// `maxWidth` text columns shrink first and cut text ends in "…"; a number that still does not fit
/// shows as `###`. Notes follow the table.
struct TextTableRenderer {
    let table: ResultTable
    let options: RenderOptions

    func render() -> String {
        let ascii = options.ascii
        var grid = DisplayGrid(table, nullText: ascii ? "NULL" : ValueFormatter.nullText)
        // Transliterated before widths are measured: `€1.00` is `EUR1.00`, two columns wider.
        if ascii { grid.transliterateToASCII() }
        let count = grid.headers.count
        if count == 0 { return notesText(grid.notes) }
        let separator = ascii ? " | " : " │ "
        let rule = ascii ? "-" : "─"
        let cross = ascii ? "-+-" : "─┼─"
        let ellipsis = ascii ? "~" : "…"

        // Natural widths.
        var widths = grid.headers.map(TextWidth.of)
        for row in grid.rows {
            for i in 0..<count {
                let w = TextWidth.of(row[i])
                if w > widths[i] { widths[i] = w }
            }
        }
        if let totals = grid.totals {
            for i in 0..<count { widths[i] = max(widths[i], TextWidth.of(totals[i])) }
        }
        let firstGroupColumn = grid.groups.first?.columns.lowerBound ?? count
        if !grid.groups.isEmpty {
            // A pivot value wider than its measure columns widens the group's last column.
            for group in grid.groups {
                let span = group.columns.reduce(0) { $0 + widths[$1] } + separator.count * (group.columns.count - 1)
                let need = TextWidth.of(group.label) - span
                if need > 0 { widths[group.columns.upperBound - 1] += need }
            }
            if firstGroupColumn > 0 {
                let span = (0..<firstGroupColumn).reduce(0) { $0 + widths[$1] } + separator.count * (firstGroupColumn - 1)
                let need = TextWidth.of(grid.pivotTitle) - span
                if need > 0 { widths[firstGroupColumn - 1] += need }
            }
        }
        if let maxWidth = options.maxWidth {
            widths = TextTableRenderer.fit(widths, numeric: grid.rightAligned, into: maxWidth - separator.count * (count - 1))
        }

        var lines: [String] = []
        func line(_ cells: [String], right: [Bool], style: String? = nil, nulls: [Bool]? = nil, isBody: Bool = true) {
            var text = ""
            for i in 0..<count {
                if i > 0 { text += separator }
                let cut = right[i] && isBody && TextWidth.of(cells[i]) > widths[i]
                    ? String(repeating: "#", count: widths[i])  // as spreadsheets do: never a misleading prefix of a number
                    : TextTableRenderer.truncate(cells[i], to: widths[i], ellipsis: ellipsis)
                var padded = TextWidth.pad(cut, to: widths[i], right: right[i])
                if i == count - 1 && !right[i] { padded = cut }  // no trailing spaces
                if options.color, let code = (nulls?[i] == true ? "2" : style) {
                    padded = "\u{1B}[\(code)m" + padded + "\u{1B}[0m"
                }
                text += padded
            }
            lines.append(text)
        }
        let ruleLine = widths.map { String(repeating: rule, count: $0) }.joined(separator: cross)

        if !grid.groups.isEmpty {
            // The pivot header row: the pivot dimensions' title, then each pivot value over its group.
            var text = ""
            if firstGroupColumn > 0 {
                let span = (0..<firstGroupColumn).reduce(0) { $0 + widths[$1] } + separator.count * (firstGroupColumn - 1)
                text += TextWidth.pad(TextTableRenderer.truncate(grid.pivotTitle, to: span, ellipsis: ellipsis), to: span, right: false)
            }
            for (g, group) in grid.groups.enumerated() {
                if g > 0 || firstGroupColumn > 0 { text += separator }
                let span = group.columns.reduce(0) { $0 + widths[$1] } + separator.count * (group.columns.count - 1)
                var label = TextTableRenderer.truncate(group.label, to: span, ellipsis: ellipsis)
                if g < grid.groups.count - 1 { label = TextWidth.pad(label, to: span, right: false) }
                text += options.color ? "\u{1B}[1m" + label + "\u{1B}[0m" : label
            }
            lines.append(text.trailingSpacesRemoved())
        }
        line(grid.headers, right: grid.rightAligned, style: "1", isBody: false)
        lines.append(ruleLine)
        for (r, row) in grid.rows.enumerated() {
            line(row, right: grid.rightAligned, nulls: grid.nullCells[r])
        }
        if grid.rows.isEmpty { lines.append("(no rows)") }
        if let totals = grid.totals {
            lines.append(ruleLine)
            line(totals, right: grid.rightAligned, style: "1")
        }
        var text = lines.map { $0.trailingSpacesRemoved() }.joined(separator: "\n") + "\n"
        text += notesText(grid.notes)
        return text
    }

    private func notesText(_ notes: [String]) -> String {
        notes.map { "Note: \($0)\n" }.joined()
    }

    /// Shrinks columns until the widths fit `budget`: text columns first (widest first, down to 3),
    /// numbers only when that is not enough, since a cut number misleads where cut text does not.
    static func fit(_ widths: [Int], numeric: [Bool], into budget: Int) -> [Int] {
        if widths.reduce(0, +) <= budget { return widths }
        let textFirst = waterFill(widths, shrinkable: widths.indices.map { !numeric[$0] }, floor: 3, budget: budget)
        if textFirst.reduce(0, +) <= budget { return textFirst }
        return waterFill(textFirst, shrinkable: widths.map { _ in true }, floor: 1, budget: budget)
    }

    /// Lowers a common cap on the shrinkable columns until the total fits (or every one is at
    /// `floor`), then hands back leftover columns from the left.
    private static func waterFill(_ widths: [Int], shrinkable: [Bool], floor: Int, budget: Int) -> [Int] {
        let fixed = widths.indices.reduce(0) { $0 + (shrinkable[$1] ? 0 : widths[$1]) }
        var cap = widths.indices.filter { shrinkable[$0] }.map { widths[$0] }.max() ?? 0
        func total(_ cap: Int) -> Int {
            fixed + widths.indices.reduce(0) { $0 + (shrinkable[$1] ? min(widths[$1], max(cap, min(floor, widths[$1]))) : 0) }
        }
        while cap > floor && total(cap) > budget { cap -= 1 }
        var result = widths.indices.map { shrinkable[$0] ? min(widths[$0], max(cap, min(floor, widths[$0]))) : widths[$0] }
        var spare = budget - result.reduce(0, +)
        for i in result.indices where spare > 0 && result[i] < widths[i] {
            let give = min(spare, widths[i] - result[i])
            result[i] += give
            spare -= give
        }
        return result
    }

    /// `TextWidth.truncate` with a chosen ellipsis (ASCII output uses "~").
    static func truncate(_ s: String, to width: Int, ellipsis: String) -> String {
        if ellipsis == "…" { return TextWidth.truncate(s, to: width) }
        if width <= 0 { return "" }
        if TextWidth.of(s) <= width { return s }
        var result = ""
        var used = 0
        for character in s {
            let w = TextWidth.of(character)
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + ellipsis
    }
}
