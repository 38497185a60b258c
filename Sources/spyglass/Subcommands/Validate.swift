import ArgumentParser
import Foundation
import LookML
import QueryEngine
import SemanticModel
import SpyglassCore
import Warehouse

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the project and print every problem as path:line:col: error|warning: message.",
        discussion: "Exits 1 when there is any error. With --syntax, checks only the syntax of the given files (for editors and pre-commit hooks). "
            + "With --sql, also compiles every field of every explore and reports each field that does not compile, with a count per explore."
    )

    @OptionGroup var options: ProjectOptions

    @Flag(name: .long, help: "Check only the syntax of FILE… (no includes, no references).")
    var syntax = false

    @Flag(name: .long, help: "Also compile every field of every explore (in the dialect of each model's connection).")
    var sql = false

    @Option(name: .long, help: ArgumentHelp("With --sql: compile in this dialect instead of each model's connection's.", valueName: "name"))
    var dialect: String?

    @Argument(help: ArgumentHelp("Files to check with --syntax.", valueName: "file"))
    var files: [String] = []

    mutating func validate() throws {
        if syntax && files.isEmpty { throw ValidationError("--syntax needs at least one file") }
        if !syntax && !files.isEmpty { throw ValidationError("files are only taken with --syntax; to check a project use --project DIR") }
        if syntax && sql { throw ValidationError("--sql checks a whole project; it cannot be combined with --syntax") }
        if dialect != nil && !sql { throw ValidationError("--dialect is only taken with --sql") }
    }

    func run() throws {
        if syntax { return try checkSyntax() }
        let workspace = try options.workspace()
        // Every explore, whoever runs validate: access rules hide explores from users, not from checks.
        let project = workspace.fullProject
        var diagnostics = project.diagnostics + workspace.accessDiagnostics
        var compileSummary: [String] = []
        if sql {
            let (failures, summary) = try compileEveryField(project, workspace: workspace)
            diagnostics += failures
            compileSummary = summary
        }
        if !diagnostics.isEmpty {
            let rendered = DiagnosticRenderer.render(diagnostics, root: project.root)
            Output.write(rendered.hasSuffix("\n") ? rendered : rendered + "\n")
        }
        for line in compileSummary { Output.note(line) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let explores = project.models.reduce(0) { $0 + $1.explores.count }
        let views = Set(project.models.flatMap { $0.views.keys }).count
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        Output.note("\(count(project.models.count, "model")), \(count(views, "view")), \(count(explores, "explore")), "
            + "\(count(project.dashboards.count, "dashboard")): \(count(errors, "error")), \(count(warnings, "warning"))")
        if errors > 0 { throw ExitCode(1) }
    }

    /// `--sql`: every field of every explore compiled (`ExploreSQLCheck`); a field that does not
    /// compile is an error at its definition. Returns those and one line per explore with failures.
    private func compileEveryField(_ project: Project, workspace: Workspace) throws -> ([Diagnostic], [String]) {
        var dialects: [String: any Dialect] = [:]
        var notes: [String] = []
        for model in project.models {
            if let dialect {
                do { dialects[model.name] = try Dialects.named(dialect) } catch { throw ValidationError("--dialect: \(error)") }
                continue
            }
            // The model's own connection decides; a connection not configured here compiles as
            // PostgreSQL (validation must not need the warehouse, nor build the demo database).
            let name: String
            if model.connection == nil || model.connection == "demo" {
                name = "sqlite"
            } else if let url = try? workspace.databaseURL(for: model), let found = try? Warehouse.dialectName(for: url) {
                name = found
            } else {
                name = "postgres"
                notes.append("model '\(model.name)': connection '\(model.connection ?? "")' is not configured; compiled as postgres (pass --dialect to choose)")
            }
            dialects[model.name] = try Dialects.named(name)
        }
        let results = ExploreSQLCheck.run(project: project, dialect: { dialects[$0.name]! }, options: workspace.compileOptions)
        var diagnostics: [Diagnostic] = []
        var summary = notes
        var fields = 0
        for result in results {
            fields += result.checked
            for failure in result.failures {
                if let field = failure.field {
                    diagnostics.append(.error("field '\(field)' does not compile in explore '\(failure.explore)': \(failure.message)", at: failure.location))
                } else {
                    diagnostics.append(.error("no field of explore '\(failure.explore)' compiles: \(failure.message)", at: failure.location))
                }
            }
            if !result.failures.isEmpty {
                let count = result.failures.first?.field == nil ? result.checked : result.failures.count
                summary.append("explore '\(result.model)/\(result.explore)': \(count) of \(result.checked) fields do not compile")
            }
        }
        let failed = results.reduce(0) { $0 + ($1.failures.first?.field == nil && !$1.failures.isEmpty ? $1.checked : $1.failures.count) }
        summary.append("compiled \(fields) fields in \(results.count) explores: \(failed) do not compile")
        diagnostics.sort { a, b in
            guard let x = a.location, let y = b.location else { return a.location == nil && b.location != nil }
            return x == y ? a.message < b.message : x < y
        }
        return (diagnostics, summary)
    }

    private func checkSyntax() throws {
        var errors = 0
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                Output.error("cannot read \(path)")
                errors += 1
                continue
            }
            let text = String(decoding: data, as: UTF8.self)
            let (_, diagnostics) = LookMLParser.parse(text, path: path)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for diagnostic in diagnostics {
                let line = diagnostic.location.flatMap { $0.line - 1 < lines.count ? String(lines[$0.line - 1]).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) : nil }
                Output.line(diagnostic.rendered(sourceLine: line))
                if diagnostic.severity == .error { errors += 1 }
            }
        }
        if errors > 0 { throw ExitCode(1) }
    }
}
