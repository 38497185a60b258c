import ArgumentParser
import Foundation
import QueryEngine
import SpyglassCore

/// `--project` and `--database`, on every command that reads the model or the warehouse.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The LookML project directory.", discussion: "Default: the current directory if it holds .lkml files, else the bundled demo project.", valueName: "dir"))
    var project: String?

    @Option(name: .long, help: ArgumentHelp("Where queries run: a PostgreSQL URI (postgresql://user@host/db) or sqlite:PATH.", discussion: "Default: the connection the model names (spyglass.connections in the project), else the embedded demo database.", valueName: "url"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("Cancel a query that runs longer than this.", valueName: "seconds"))
    var timeout: Double = 300

    @Option(name: .customLong("max-rows"), help: ArgumentHelp("The most rows any query may return; --limit cannot exceed it.", valueName: "n"))
    var maxRows: Int = 1_000_000

    @Option(name: .customLong("time-zone"), help: ArgumentHelp("The query time zone for time dimensions and date filters (IANA name).", valueName: "zone"))
    var timeZone: String = "UTC"

    @Option(name: .customLong("as"), help: ArgumentHelp("Run as this user, with their attributes and access (only for users spyglass.users lets impersonate).", valueName: "user"))
    var asUser: String?

    func workspace() throws -> Workspace {
        let workspace = try Workspace.open(projectRoot: project, databaseURL: database, asUser: asUser)
        guard timeout > 0 else { throw SpyglassError(.usage, "--timeout must be a positive number of seconds") }
        workspace.connectionOptions.statementTimeoutSeconds = timeout
        guard maxRows > 0 else { throw SpyglassError(.usage, "--max-rows must be a positive number") }
        workspace.compileOptions.maxRowLimit = maxRows
        guard let zone = TimeZone(identifier: timeZone) else {
            throw SpyglassError(.usage, "--time-zone '\(timeZone)' is not a known time zone (try UTC or Europe/Paris)")
        }
        workspace.compileOptions.queryTimeZone = zone
        workspace.progress = { message in Output.note(message) }
        return workspace
    }
}

/// The options of a query, mirroring a Looker explore URL.
struct QueryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Fields to show, comma-separated (view.field; dimension groups as view.group_timeframe).", valueName: "a.b,c.d"))
    var fields: String?

    @Option(name: .customLong("filter"), help: ArgumentHelp("A filter, FIELD=EXPRESSION in Looker's filter syntax (repeatable; the first '=' splits).", discussion: "Examples: users.primary_platform=ios,android  users.platform_count=>=2  users.signup_date=last 30 days", valueName: "field=expr"))
    var filters: [String] = []

    @Option(name: .long, help: ArgumentHelp("Sort order, e.g. \"users.count desc,users.primary_platform\".", valueName: "sorts"))
    var sorts: String?

    @Option(name: .long, help: ArgumentHelp("Dimensions to pivot into column groups, comma-separated.", valueName: "a.b"))
    var pivots: String?

    @Option(name: .long, help: "The row limit (default 5000).")
    var limit: Int?

    @Flag(name: .long, help: "Add a totals row, computed by the database.")
    var totals = false

    @Flag(name: .customLong("row-totals"), help: "Add row totals across pivot columns, computed by the database.")
    var rowTotals = false

    func spec(explore: String, requireFields: Bool = true) throws -> QuerySpec {
        var spec = QuerySpec(explore: explore)
        spec.fields = Self.list(fields)
        guard !spec.fields.isEmpty || !requireFields else {
            throw SpyglassError(.usage, "--fields is required: name at least one dimension or measure (see 'spyglass fields \(explore)')")
        }
        do {
            spec.filters = try filters.map { try QuerySpec.parseFilter($0) }
            spec.sorts = try sorts.map { try QuerySpec.parseSorts($0) } ?? []
        } catch {
            throw SpyglassError(.usage, String(describing: error))
        }
        spec.pivots = Self.list(pivots)
        if let limit {
            guard limit > 0 else { throw SpyglassError(.usage, "--limit must be a positive number") }
            spec.limit = limit
        }
        spec.totals = totals
        spec.rowTotals = rowTotals
        return spec
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
