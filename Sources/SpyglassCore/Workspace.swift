import DemoWarehouse
import Foundation
import Presentation
import QueryEngine
import SemanticModel
import Warehouse

/// One LookML project and the warehouses its models point at: what every front end (CLI, terminal
/// UI, reports) works through. Connections are opened lazily and pooled per URL, so dashboard tiles
/// can run in parallel.
public final class Workspace: @unchecked Sendable {
    /// The project as `user` may see it (`AccessPolicy.visibleProject`): what every listing and picker shows.
    public let project: Project
    /// The project as loaded, every explore included (for `validate` and for acting as someone else).
    public let fullProject: Project
    /// Who queries run for (their attributes are in `compileOptions`); `account` is who ran Spyglass.
    public let user: User
    public let account: String
    public let users: UserDirectory
    public let projectRoot: String
    /// Compile settings (time zone, row limits, "now"); front ends may adjust them before querying.
    public var compileOptions: CompileOptions
    public var connectionOptions: ConnectionOptions
    /// Told about slow one-off work (building the demo database on first use).
    public var progress: (@Sendable (String) -> Void)?

    let databaseOverride: String?
    let settings: ConnectionSettings
    private let lock = NSLock()
    private var idle: [String: [any Connection]] = [:]

    init(project: Project, projectRoot: String, databaseOverride: String?, settings: ConnectionSettings,
         users: UserDirectory, account: String, user: User) {
        self.fullProject = project
        self.project = AccessPolicy.visibleProject(project, attributes: user.compileAttributes, userName: user.name)
        self.projectRoot = projectRoot
        self.databaseOverride = databaseOverride
        self.settings = settings
        self.users = users
        self.account = account
        self.user = user
        self.compileOptions = CompileOptions()
        self.compileOptions.userAttributes = user.compileAttributes
        self.compileOptions.userName = user.name
        self.connectionOptions = ConnectionOptions()
    }

    /// Loads the project (see `ProjectLocator`) and its connection settings. Model problems do not
    /// throw here: they are in `project.diagnostics`, and queries on broken explores fail later.
    /// `asUser`: run as that user (see `Workspace.resolveUser`); nil runs as the account running Spyglass.
    public static func open(projectRoot: String?, databaseURL: String?, asUser: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Workspace {
        let root = try ProjectLocator.resolve(explicit: projectRoot)
        let project = ProjectLoader.load(root: root)
        let settings: ConnectionSettings
        do {
            settings = try ConnectionSettings.load(projectRoot: root, environment: environment)
        } catch {
            throw SpyglassError(.connection, String(describing: error))
        }
        let users = try UserDirectory.load(projectRoot: root)
        let account = Identity.currentAccount()
        let user = try resolveUser(asUser, account: account, users: users)
        return Workspace(project: project, projectRoot: root, databaseOverride: databaseURL, settings: settings,
                         users: users, account: account, user: user)
    }

    // MARK: Connections

    /// Where a model's queries go: `--database`, else the model's named connection from the project's
    /// settings, else (for `connection: "demo"` or none) the embedded demo database.
    public func databaseURL(for model: Model) throws -> String {
        if let databaseOverride { return databaseOverride }
        if let name = model.connection, let url = settings.url(for: name) { return url }
        if model.connection == nil || model.connection == "demo" {
            do {
                return "sqlite:" + (try DemoWarehouse.ensureDefaultDatabase(progress: progress))
            } catch {
                throw SpyglassError(.connection, "cannot build the demo database: \(error)")
            }
        }
        let name = model.connection ?? ""
        throw SpyglassError(.connection, "connection '\(name)' of model '\(model.name)' is not configured; add '\(name) = URL' to \(ConnectionSettings.fileName) in the project or pass --database")
    }

    /// Resolves every model's warehouse now (building the embedded demo database if it is missing),
    /// so slow one-off work happens before a full-screen UI takes the terminal. Problems are left for
    /// the queries that meet them, where the UI shows them inline.
    public func prepareConnections() {
        for model in project.models { _ = try? databaseURL(for: model) }
    }

    /// A short description of where queries go, for status lines (never includes a password).
    public var databaseDescription: String {
        if let databaseOverride { return Warehouse.redact(databaseOverride) }
        return "models' own connections (demo: \(DemoWarehouse.defaultDatabasePath))"
    }

    func checkout(_ url: String) throws -> any Connection {
        if let pooled = lock.withLock({ idle[url]?.popLast() }) { return pooled }
        return try Warehouse.connect(url, options: connectionOptions)
    }

    func checkin(_ connection: any Connection, url: String) {
        lock.withLock { idle[url, default: []].append(connection) }
    }

    /// Runs `body` on a pooled connection for `url`, cancellable through `token`. A connection whose
    /// statement was cancelled or failed is dropped rather than pooled.
    func withConnection<T>(_ url: String, token: CancelToken, _ body: (any Connection) throws -> T) throws -> T {
        do {
            let connection = try checkout(url)
            let result = try token.watch(connection) { try body(connection) }
            checkin(connection, url: url)
            return result
        } catch {
            throw SpyglassError.from(error)
        }
    }

    // MARK: Queries

    /// Resolves the explore, the warehouse and the dialect of a query.
    func target(of spec: QuerySpec) throws -> (explore: Explore, url: String, dialect: any Dialect) {
        let found: (model: Model, explore: Explore)
        do {
            found = try project.explore(spec.explore)
        } catch {
            throw SpyglassError(.model, String(describing: error))
        }
        let url = try databaseURL(for: found.model)
        let dialect: String
        do {
            dialect = try Warehouse.dialectName(for: url)
        } catch {
            throw SpyglassError(.usage, String(describing: error))
        }
        return (found.explore, url, try Dialects.named(dialect))
    }

    /// The SQL for a query, in the dialect of its warehouse or in `dialect` when given.
    public func compile(_ spec: QuerySpec, dialect: String? = nil) throws -> CompiledQuery {
        do {
            let chosen: any Dialect
            if let dialect {
                do {
                    chosen = try Dialects.named(dialect)
                } catch {
                    throw SpyglassError(.usage, "--dialect: \(error)")
                }
            } else {
                chosen = try target(of: spec).dialect
            }
            return try QueryCompiler.compile(spec, project: project, dialect: chosen, options: compileOptions)
        } catch {
            throw SpyglassError.from(error)
        }
    }

    /// Runs a query (and its totals and row-totals queries) and returns the shaped answer.
    /// Blocking: call it off any UI thread. `token.cancel()` cancels on the server.
    public func run(_ spec: QuerySpec, token: CancelToken = CancelToken()) throws -> ResultTable {
        let (explore, url, dialect) = try target(of: spec)
        let compiled: CompiledQuery
        do {
            compiled = try QueryCompiler.compile(spec, project: project, dialect: dialect, options: compileOptions)
        } catch {
            throw SpyglassError.from(error)
        }
        var grandTotals: BoundStatement?
        if spec.totals && spec.rowTotals && !spec.pivots.isEmpty {
            var overall = QuerySpec(explore: spec.explore)
            overall.fields = compiled.columns.filter { $0.role == .measure }.map(\.name)
            overall.filters = spec.filters
            overall.totals = true
            do {
                grandTotals = try QueryCompiler.compile(overall, project: project, dialect: dialect, options: compileOptions).totalsStatement
            } catch {
                throw SpyglassError.from(error)
            }
        }
        let cap = compileOptions.maxRowLimit
        return try withConnection(url, token: token) { connection in
            // User values are bound parameters here (`compiled.sql` shows them as literals, for people).
            func query(_ s: BoundStatement, maxRows: Int) throws -> ResultSet {
                try connection.query(s.text, parameters: s.parameters, maxRows: maxRows)
            }
            let main = try query(compiled.statement, maxRows: cap)
            let totals = try compiled.totalsStatement.map { try query($0, maxRows: cap) }
            let rowTotals = try compiled.rowTotalsStatement.map { try query($0, maxRows: cap) }
            let pivotValues = try compiled.pivotValuesStatement.map { try query($0, maxRows: cap).rows.count }
            // The corner under the row totals: the measures over everything, from the database too.
            let corner = try grandTotals.map { try query($0, maxRows: 1).rows.first }
            return ResultShaper.shape(compiled, main: main, totals: totals, rowTotals: rowTotals, grandTotals: corner ?? nil,
                                      pivotValueCount: pivotValues, limitGiven: spec.limit != nil, labels: { self.label(of: $0, in: explore) })
        }
    }

    /// Streams a query's rows without keeping them (for CSV of millions of rows). No totals or pivots.
    public func stream(_ spec: QuerySpec, token: CancelToken = CancelToken(),
                       onColumns: ([ResultTable.Column]) throws -> Void, onRow: ([Value]) throws -> Void) throws {
        let (explore, url, dialect) = try target(of: spec)
        let compiled: CompiledQuery
        do {
            compiled = try QueryCompiler.compile(spec, project: project, dialect: dialect, options: compileOptions)
        } catch {
            throw SpyglassError.from(error)
        }
        try withConnection(url, token: token) { connection in
            try connection.stream(compiled.statement.text, parameters: compiled.statement.parameters, onColumns: { _ in
                try onColumns(ResultShaper.columns(of: compiled, labels: { self.label(of: $0, in: explore) }))
            }, onRow: onRow)
        }
    }

    /// Existing values of a string dimension that start with `prefix`, most frequent first.
    public func suggestions(field: String, explore: String, prefix: String, limit: Int) throws -> [String] {
        var spec = QuerySpec(explore: explore)
        spec.fields = [field]
        if !prefix.isEmpty {
            // Escape the filter grammar's special characters so the prefix is matched literally.
            let escaped = prefix.map { "%_^,-\"".contains($0) ? "^\($0)" : String($0) }.joined()
            spec.filters = [FilterCondition(field: field, expression: escaped + "%")]
        }
        spec.sorts = [SortKey(field: field, descending: false)]
        spec.limit = limit
        let table = try run(spec)
        return table.rows.compactMap { row in
            guard let value = row.first else { return nil }
            if case .string(let text) = value { return text }
            return nil
        }
    }

    /// The header a business user reads for a column: the view's label (or the join's) and the
    /// field's ("Orders Count").
    public func label(of column: OutputColumn, in explore: Explore?) -> String {
        let alias = column.name.split(separator: ".").first.map(String.init) ?? column.field.view
        return column.field.fullLabel(viewLabel: viewLabel(alias: alias, explore: explore))
    }

    /// The label of the view behind an alias: a join's `view_label`, else the view's label, else
    /// the alias in title case.
    public func viewLabel(alias: String, explore: Explore?) -> String {
        if let explore {
            if alias == explore.alias, let label = explore.viewLabel { return label }
            if let join = explore.join(named: alias), let label = join.viewLabel { return label }
        }
        for model in project.models {
            if let view = model.views[alias], let label = view.label { return label }
        }
        return Names.titleCase(alias)
    }

    // MARK: Dashboards

    public func dashboard(named name: String) throws -> Dashboard {
        if let dashboard = project.dashboards.first(where: { $0.name == name }) { return dashboard }
        let known = project.dashboards.map(\.name).sorted().joined(separator: ", ")
        throw SpyglassError(.model, "unknown dashboard '\(name)'; known dashboards: \(known.isEmpty ? "none" : known)")
    }

    /// The query of a dashboard tile, with the dashboard's filter values (defaults unless given)
    /// applied to the fields the tile listens with.
    public func spec(for element: DashboardElement, in dashboard: Dashboard, filterValues: [String: String] = [:]) throws -> QuerySpec {
        guard let explore = element.explore else {
            throw SpyglassError(.model, "tile '\(element.name)' of dashboard '\(dashboard.name)' has no explore")
        }
        var spec = QuerySpec(explore: element.model.map { "\($0)/\(explore)" } ?? explore)
        spec.fields = element.fields
        spec.filters = element.filters
        spec.sorts = try element.sorts.flatMap { try QuerySpec.parseSorts($0) }
        spec.pivots = element.pivots
        spec.limit = element.limit
        spec.totals = element.totals
        for filter in dashboard.filters {
            guard let field = element.listen[filter.name] else { continue }
            let value = filterValues[filter.name] ?? filter.defaultValue ?? ""
            guard !value.isEmpty else { continue }
            spec.filters.removeAll { $0.field == field }
            spec.filters.append(FilterCondition(field: field, expression: value))
        }
        return spec
    }
}
