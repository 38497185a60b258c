import ArgumentParser
import Foundation
import SpyglassCore

/// `spyglass looks`: the project's saved looks (named queries saved with `w` in an explore).
struct Looks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the saved looks of the project (save one with w in an explore).",
        discussion: "Open one with: spyglass explore --look NAME. They live under $XDG_STATE_HOME/spyglass (default ~/.local/state/spyglass), per project."
    )

    @OptionGroup var options: ProjectOptions
    @Option(help: "text or json.") var format: ListFormat = .text
    @Flag(help: "The query history instead of the looks (newest first).") var history = false

    struct Entry: Encodable {
        var name: String?
        var explore: String
        var fields: [String]
        var command: String
        var saved_at: String?
    }

    func run() throws {
        let workspace = try options.workspace()
        let store = workspace.savedWork
        let formatter = ISO8601DateFormatter()
        let entries: [Entry] = history
            ? store.history().map { Entry(name: nil, explore: $0.explore, fields: $0.fields, command: $0.commandLine(), saved_at: nil) }
            : store.looks().map { Entry(name: $0.name, explore: $0.query.explore, fields: $0.query.fields,
                                        command: $0.query.commandLine(), saved_at: formatter.string(from: $0.savedAt)) }
        switch format {
        case .json:
            Output.line(try Output.json(entries))
        case .text:
            if entries.isEmpty {
                Output.note(history ? "No queries run yet in this project." : "No saved looks in this project yet; save one with w in an explore.")
                return
            }
            let width = entries.map { ($0.name ?? "").count }.max() ?? 0
            for entry in entries {
                Output.line(entry.name.map { $0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + entry.command } ?? entry.command)
            }
        }
    }
}
