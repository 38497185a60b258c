import ArgumentParser
import Foundation
import LookML
import SemanticModel

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the project and print every problem as path:line:col: error|warning: message.",
        discussion: "Exits 1 when there is any error. With --syntax, checks only the syntax of the given files (for editors and pre-commit hooks)."
    )

    @OptionGroup var options: ProjectOptions

    @Flag(name: .long, help: "Check only the syntax of FILE… (no includes, no references).")
    var syntax = false

    @Argument(help: ArgumentHelp("Files to check with --syntax.", valueName: "file"))
    var files: [String] = []

    mutating func validate() throws {
        if syntax && files.isEmpty { throw ValidationError("--syntax needs at least one file") }
        if !syntax && !files.isEmpty { throw ValidationError("files are only taken with --syntax; to check a project use --project DIR") }
    }

    func run() throws {
        if syntax { return try checkSyntax() }
        let workspace = try options.workspace()
        // Every explore, whoever runs validate: access rules hide explores from users, not from checks.
        let project = workspace.fullProject
        let diagnostics = project.diagnostics + workspace.accessDiagnostics
        if !diagnostics.isEmpty {
            let rendered = DiagnosticRenderer.render(diagnostics, root: project.root)
            Output.write(rendered.hasSuffix("\n") ? rendered : rendered + "\n")
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let explores = project.models.reduce(0) { $0 + $1.explores.count }
        let views = Set(project.models.flatMap { $0.views.keys }).count
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        Output.note("\(count(project.models.count, "model")), \(count(views, "view")), \(count(explores, "explore")), "
            + "\(count(project.dashboards.count, "dashboard")): \(count(errors, "error")), \(count(warnings, "warning"))")
        if errors > 0 { throw ExitCode(1) }
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
            if !diagnostics.isEmpty { Output.line(DiagnosticRenderer.render(diagnostics, text: text)) }
            errors += diagnostics.filter { $0.severity == .error }.count
        }
        if errors > 0 { throw ExitCode(1) }
    }
}
