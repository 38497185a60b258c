/// The JSON form of a report (see `ReportRenderer.json`); each tile's `result` is exactly what
/// `spyglass query --format json` prints for the tile's query.
struct ReportJSONRenderer {
    let report: Report

    func render() -> String {
        var out: [UInt8] = []
        func raw(_ s: String) { out.append(contentsOf: s.utf8) }
        func string(_ s: String) { JSONRenderer.appendString(s, to: &out) }
        raw("{\"dashboard\": "); string(report.name)
        raw(", \"title\": "); string(report.title)
        if let description = report.description { raw(", \"description\": "); string(description) }
        raw(", \"generated\": "); string(report.generatedText)
        raw(", \"filters\": {")
        for (i, filter) in report.filters.enumerated() {
            if i > 0 { raw(", ") }
            string(filter.title); raw(": "); string(filter.value)
        }
        raw("}")
        if !report.alerts.isEmpty {
            raw(", \"alerts\": [")
            for (i, alert) in report.alerts.enumerated() {
                if i > 0 { raw(", ") }
                string(alert)
            }
            raw("]")
        }
        raw(",\n \"tiles\": [")
        for (i, tile) in report.tiles.enumerated() {
            raw(i > 0 ? ",\n  " : "\n  ")
            raw("{\"name\": "); string(tile.name)
            raw(", \"title\": "); string(tile.title)
            raw(", \"type\": "); string(tile.type)
            if let table = tile.table {
                if case .singleValue(let single) = tile.shape {
                    if let change = single.changePercent {
                        raw(", \"change_percent\": ")
                        raw(String((change * 10).rounded() / 10))
                    }
                    if let comparison = single.comparison(ascii: false) {
                        raw(", \"comparison\": "); string(comparison.text)
                    }
                }
                raw(", \"result\": ")
                var result = JSONRenderer(table: table).render()
                while result.last == "\n" { result.removeLast() }
                raw(result)
            } else {
                raw(", \"text\": "); string(tile.bodyText ?? "")
            }
            raw("}")
        }
        raw("\n ]}\n")
        return String(decoding: out, as: UTF8.self)
    }
}
