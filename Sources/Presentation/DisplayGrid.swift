import Warehouse

/// A result as the strings a person reads, shared by the text, Markdown and HTML renderers:
/// value formats applied, NULL as "∅", a "Total" label in the totals row, pivot column groups.
struct DisplayGrid {
    /// A run of columns under one pivot value (or the row totals).
    struct Group {
        var label: String
        var columns: Range<Int>
    }

    var headers: [String]
    var rows: [[String]]
    var nullCells: [[Bool]]
    var totals: [String]?
    var rightAligned: [Bool]
    /// Pivot column groups, left to right; empty when not pivoted.
    var groups: [Group]
    /// What the pivot header row shows over the dimension columns ("Orders Channel").
    var pivotTitle: String
    var notes: [String]

    /// Every text of the grid in plain ASCII (`ASCIIText`), for `--ascii` tables.
    mutating func transliterateToASCII() {
        let plain = ASCIIText.transliterate
        headers = headers.map(plain)
        rows = rows.map { $0.map(plain) }
        totals = totals?.map(plain)
        groups = groups.map { Group(label: plain($0.label), columns: $0.columns) }
        pivotTitle = plain(pivotTitle)
        notes = notes.map(plain)
    }

    init(_ table: ResultTable, nullText: String = ValueFormatter.nullText) {
        let formatters = table.columns.map(ColumnFormatter.init)
        let count = table.columns.count
        headers = table.columns.map(\.label)
        rows = []
        rows.reserveCapacity(table.rows.count)
        nullCells = []
        nullCells.reserveCapacity(table.rows.count)
        var numeric = table.columns.map { column in
            column.isMeasure || DisplayGrid.numericTypes.contains(column.field?.type ?? "")
        }
        var sawText = [Bool](repeating: false, count: count)
        var sawNumber = [Bool](repeating: false, count: count)
        for row in table.rows {
            var cells: [String] = []
            cells.reserveCapacity(count)
            var nulls: [Bool] = []
            nulls.reserveCapacity(count)
            for i in 0..<count {
                let value = i < row.count ? row[i] : .null
                switch value {
                case .null:
                    cells.append(nullText)
                    nulls.append(true)
                    continue
                case .int, .double, .decimal: sawNumber[i] = true
                default: sawText[i] = true
                }
                cells.append(DisplayGrid.clean(formatters[i].format(value)))
                nulls.append(false)
            }
            rows.append(cells)
            nullCells.append(nulls)
        }
        for i in 0..<count where !numeric[i] && sawNumber[i] && !sawText[i] {
            if table.columns[i].field.map({ CellShape($0) == .plain }) ?? true { numeric[i] = true }
        }
        rightAligned = numeric

        if let totalValues = table.totals {
            var cells: [String] = []
            var labelled = false
            for i in 0..<count {
                let value = i < totalValues.count ? totalValues[i] : .null
                if !table.columns[i].isMeasure {
                    cells.append(labelled ? "" : "Total")
                    labelled = true
                } else {
                    cells.append(value.isNull ? "" : DisplayGrid.clean(formatters[i].format(value)))
                }
            }
            totals = cells
        } else {
            totals = nil
        }

        groups = []
        if table.isPivoted {
            for (i, column) in table.columns.enumerated() where column.isMeasure {
                let label = column.isRowTotal ? "Row Total" : (column.pivotLabel ?? "")
                if let last = groups.last, last.label == label, last.columns.upperBound == i {
                    groups[groups.count - 1].columns = last.columns.lowerBound..<(i + 1)
                } else {
                    groups.append(Group(label: DisplayGrid.clean(label), columns: i..<(i + 1)))
                }
            }
        }
        pivotTitle = DisplayGrid.clean(table.pivotColumns.map(\.label).joined(separator: " | "))
        notes = table.notes
    }

    static let numericTypes: Set<String> = [
        "number", "count", "count_distinct", "sum", "average", "min", "max", "median", "percentile",
        "sum_distinct", "average_distinct", "percent_of_total", "running_total",
    ]

    /// One line per cell: newlines and tabs become spaces, other control characters vanish.
    static func clean(_ s: String) -> String {
        var needsWork = false
        for byte in s.utf8 where byte < 0x20 || byte == 0x7F { needsWork = true; break }
        if !needsWork { return s }
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 9, 10, 13: out.unicodeScalars.append(" ")
            case 0..<0x20, 0x7F: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
