import ArgumentParser
import Foundation
import SpyglassCore

/// `spyglass whoami`: who Spyglass thinks you are, and what it will filter by.
struct WhoAmI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show who Spyglass runs as (the system account, or --as USER) and that user's attributes.",
        discussion: "Attributes come from spyglass.users at the project root; users it does not list get its defaults."
    )

    @OptionGroup var options: ProjectOptions
    @Option(help: "text or json.") var format: ListFormat = .text

    struct Entry: Encodable {
        var user: String
        var account: String
        var email: String?
        var listed: Bool
        var groups: [String]
        var can_impersonate: Bool
        var attributes: [String: String]
    }

    func run() throws {
        let workspace = try options.workspace()
        let user = workspace.user
        let entry = Entry(user: user.name, account: workspace.account, email: user.email, listed: user.listed, groups: user.groups,
                          can_impersonate: user.canImpersonate, attributes: user.attributes)
        switch format {
        case .json:
            Output.line(try Output.json(entry))
        case .text:
            var head = user.name
            if user.name != workspace.account { head += " (as, run by \(workspace.account))" }
            if let email = user.email { head += " <\(email)>" }
            Output.line(head)
            if !workspace.users.exists {
                Output.line("no \(UserDirectory.fileName) in \(workspace.projectRoot): no attributes")
            } else if !user.listed {
                Output.line("not listed in \(UserDirectory.fileName): the defaults apply")
            }
            if !user.groups.isEmpty { Output.line("groups: " + user.groups.joined(separator: ", ")) }
            if user.canImpersonate { Output.line("may run as other users (can_impersonate)") }
            let names = user.attributes.keys.sorted()
            Output.line(names.isEmpty ? "attributes: none" : "attributes:")
            for name in names { Output.line("  \(name): \(user.attributes[name]!)") }
        }
    }
}
