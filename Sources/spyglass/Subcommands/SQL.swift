import ArgumentParser
import QueryEngine
import SpyglassCore

struct SQL: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the SQL a query compiles to, without running it.",
        discussion: "--dialect prints SQL for another warehouse (postgres, sqlite, duckdb, snowflake, bigquery, redshift); by default, the dialect of the model's connection."
    )

    @OptionGroup var options: ProjectOptions
    @Argument(help: ArgumentHelp("The explore: name or model/name.", valueName: "explore")) var explore: String
    @OptionGroup var query: QueryOptions
    @Option(help: "The SQL dialect to print.") var dialect: String?

    func run() throws {
        let workspace = try options.workspace()
        let compiled = try workspace.compile(try query.spec(explore: explore), dialect: dialect)
        Output.line(compiled.sql + ";")
        if let totals = compiled.totalsSQL {
            Output.line("\n-- totals\n" + totals + ";")
        }
        if let rowTotals = compiled.rowTotalsSQL {
            Output.line("\n-- row totals\n" + rowTotals + ";")
        }
    }
}
