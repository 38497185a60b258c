import ArgumentParser
import Foundation
import Presentation
import SpyglassCore

extension OutputFormat: ExpressibleByArgument {}

struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a query and print the answer.",
        discussion: """
        Formats: table (aligned, value formats applied), csv and json (raw values, for scripts), markdown, html.
        JSON is one object: {"fields": [...], "rows": [{"view.field": value}], "totals": {...}}.
        """
    )

    @OptionGroup var options: ProjectOptions
    @Argument(help: ArgumentHelp("The explore: name or model/name.", valueName: "explore")) var explore: String
    @OptionGroup var query: QueryOptions
    @Option(help: "table, csv, json, markdown or html.") var format: OutputFormat = .table

    func run() throws {
        let workspace = try options.workspace()
        let spec = try query.spec(explore: explore)
        let token = CancelToken()
        SignalCancellation.install(token)
        if format == .csv && spec.pivots.isEmpty && !spec.totals && !spec.rowTotals {
            // Stream: millions of rows never sit in memory.
            var writer: CSVWriter?
            try workspace.stream(spec, token: token, onColumns: { columns in
                writer = CSVWriter(columns: columns, writeBytes: { Output.write(bytes: $0) })
            }, onRow: { row in writer?.writeRow(row) })
            writer?.flush()
            return
        }
        let table = try workspace.run(spec, token: token)
        let color = format == .table && isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        Output.write(Renderer.render(table, as: format, options: RenderOptions(color: color)))
        // Table, Markdown, HTML and JSON carry their notes; CSV has nowhere to put them.
        if format == .csv { for note in table.notes { Output.note(note) } }
    }
}
