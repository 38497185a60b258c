import ArgumentParser
import Foundation
import SemanticModel
import SpyglassCore

struct Explores: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the explores you can query.")

    @OptionGroup var options: ProjectOptions
    @Option(help: "text or json.") var format: ListFormat = .text

    struct Entry: Encodable {
        var model: String
        var name: String
        var label: String
        var description: String?
        var group_label: String?
        var hidden: Bool
    }

    func run() throws {
        let project = try options.workspace().project
        let entries = project.models.flatMap { model in
            model.explores.filter { !$0.extensionRequired }.map { explore in
                Entry(model: model.name, name: explore.name, label: explore.displayLabel,
                      description: explore.description, group_label: explore.groupLabel, hidden: explore.hidden)
            }
        }
        switch format {
        case .json:
            Output.line(try Output.json(entries))
        case .text:
            let width = entries.map { $0.model.count + $0.name.count + 1 }.max() ?? 0
            for entry in entries {
                let name = "\(entry.model)/\(entry.name)"
                var line = name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + entry.label
                if entry.hidden { line += " (hidden)" }
                if let description = entry.description { line += " — " + description }
                Output.line(line)
            }
        }
    }
}

struct Fields: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the dimensions, measures, filters and parameters of an explore.")

    @OptionGroup var options: ProjectOptions
    @Argument(help: ArgumentHelp("The explore: name or model/name.", valueName: "explore")) var explore: String
    @Option(help: "text or json.") var format: ListFormat = .text

    struct Entry: Encodable {
        var name: String
        var kind: String
        var type: String
        var label: String
        var label_short: String
        var view_label: String
        var group_label: String?
        var description: String?
        var hidden: Bool
    }

    func run() throws {
        let project = try options.workspace().project
        let (model, explore) = try resolve(project)
        let entries = project.fields(in: explore, of: model).map { item in
            let viewLabel = Self.viewLabel(alias: item.alias, explore: explore, model: model)
            return Entry(name: item.name, kind: item.field.kind.rawValue, type: item.field.type,
                         label: item.field.fullLabel(viewLabel: viewLabel), label_short: item.field.shortLabel,
                         view_label: item.field.viewLabel ?? viewLabel, group_label: item.field.groupLabel,
                         description: item.field.description, hidden: item.field.hidden)
        }
        switch format {
        case .json:
            Output.line(try Output.json(entries))
        case .text:
            let nameWidth = entries.map(\.name.count).max() ?? 0
            let kindWidth = entries.map { $0.kind.count + $0.type.count + 1 }.max() ?? 0
            for entry in entries {
                var line = entry.name.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                line += "\(entry.kind) \(entry.type)".padding(toLength: kindWidth + 2, withPad: " ", startingAt: 0)
                line += entry.label
                if entry.hidden { line += " (hidden)" }
                Output.line(line)
            }
        }
    }

    private func resolve(_ project: Project) throws -> (Model, Explore) {
        do {
            let found = try project.explore(explore)
            return (found.model, found.explore)
        } catch {
            throw SpyglassError(.model, String(describing: error))
        }
    }

    /// The label of the view behind an alias: the join's `view_label`, the explore's for its base
    /// view, else the view's label or the alias in title case.
    static func viewLabel(alias: String, explore: Explore, model: Model) -> String {
        if alias == explore.alias {
            return explore.viewLabel ?? model.views[explore.baseView]?.label ?? Names.titleCase(alias)
        }
        if let join = explore.join(named: alias) {
            return join.viewLabel ?? (join.name == join.view ? model.views[join.view]?.label : nil) ?? Names.titleCase(alias)
        }
        return Names.titleCase(alias)
    }
}

struct Dashboards: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the project's LookML dashboards.")

    @OptionGroup var options: ProjectOptions
    @Option(help: "text or json.") var format: ListFormat = .text

    struct Entry: Encodable {
        var name: String
        var title: String
        var description: String?
        var tiles: Int
    }

    func run() throws {
        let project = try options.workspace().project
        let entries = project.dashboards.map {
            Entry(name: $0.name, title: $0.title, description: $0.description, tiles: $0.elements.count)
        }
        switch format {
        case .json:
            Output.line(try Output.json(entries))
        case .text:
            let width = entries.map(\.name.count).max() ?? 0
            for entry in entries {
                Output.line(entry.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + entry.title + " (\(entry.tiles) tiles)")
            }
        }
    }
}
