/// Renders a whole result in one output format. For very large CSV results, stream rows through
/// `CSVWriter` instead of building a `ResultTable`.
public enum Renderer {
    public static func render(_ table: ResultTable, as format: OutputFormat, options: RenderOptions = RenderOptions()) -> String {
        switch format {
        case .table: TextTableRenderer(table: table, options: options).render()
        case .csv: CSVWriter.render(table)
        case .json: JSONRenderer(table: table).render()
        case .markdown: MarkdownRenderer(table: table).render()
        case .html: HTMLRenderer(table: table).render()
        }
    }
}
