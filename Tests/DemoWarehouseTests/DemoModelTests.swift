import Foundation
import LookML
import SemanticModel
import Testing

/// The bundled LookML project (models/, views/, dashboards/ at the repository root) loads with no
/// diagnostics and offers what a business user needs on day one.
@Suite("Demo LookML model")
struct DemoModelTests {
    /// The repository root, found from this file (Tests/DemoWarehouseTests/…).
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The demo project alone: its three directories copied into this process's fixture directory
    /// (removed at exit with it), so fixtures of other targets elsewhere in the repository do not
    /// take part; not a pid-named dir in the shared temp directory, which a later run with the
    /// same pid reused and an outside cleanup could remove mid-run.
    static let projectRoot: String = {
        let dir = DemoFixture.directory + "/project"
        let fm = FileManager.default
        try! fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for sub in ["models", "views", "dashboards"] {
            try! fm.copyItem(atPath: repositoryRoot + "/" + sub, toPath: dir + "/" + sub)
        }
        return dir
    }()

    static let project: Project = ProjectLoader.load(root: projectRoot)

    static var model: Model { project.model(named: "parley")! }

    @Test func loadsWithoutDiagnostics() {
        let project = Self.project
        #expect(project.diagnostics.isEmpty, "\(DiagnosticRenderer.render(project.diagnostics, root: Self.projectRoot))")
        #expect(project.models.map(\.name) == ["parley"])
        #expect(Self.model.connection == "demo")
    }

    /// The CLI opens the repository root as the bundled demo: it must load as cleanly as the
    /// copy, and its explore names must not be ambiguous with anything else in the tree.
    @Test func theRepositoryRootIsACleanDemoProject() throws {
        let project = ProjectLoader.load(root: Self.repositoryRoot)
        #expect(project.diagnostics.isEmpty, "\(DiagnosticRenderer.render(project.diagnostics, root: Self.repositoryRoot))")
        #expect(project.models.map(\.name) == ["parley"])
        for explore in Self.model.explores {
            #expect(try project.explore(explore.name).explore.name == explore.name)
        }
    }

    @Test func thereAreAtLeastFiveExploresWithBothJoinDirections() {
        let explores = Self.model.explores
        #expect(explores.count >= 5)
        let relationships = Set(explores.flatMap(\.joins).map(\.relationship))
        #expect(relationships.contains(.manyToOne) && relationships.contains(.oneToMany))
        for explore in explores {
            #expect(explore.label != nil && explore.description != nil, "explore \(explore.name) needs a label and a description")
        }
    }

    @Test func everyViewHasAPrimaryKeyAndEveryMeasureIsReadable() {
        let views = Self.model.views.values.sorted { $0.name < $1.name }
        #expect(views.count >= 9)
        for view in views {
            #expect(view.primaryKey != nil, "view \(view.name) has no primary key")
            for field in view.fields where field.kind == .measure && !field.hidden {
                // A business user must see money as money and ratios as percentages.
                if ["number", "sum", "average", "median"].contains(field.type) {
                    #expect(field.valueFormatName != nil || field.valueFormat != nil,
                            "measure \(view.name).\(field.name) has no value format")
                }
            }
        }
    }

    @Test func offersTheBusinessVocabulary() {
        let fields = Self.model.views.values.flatMap(\.fields)
        let types = Set(fields.map(\.type))
        for type in ["count_distinct", "tier", "yesno", "sum", "average", "median", "number"] {
            #expect(types.contains(type), "no field of type \(type)")
        }
        let formats = Set(fields.compactMap(\.valueFormatName))
        #expect(formats.isSuperset(of: ["usd_0", "percent_1", "decimal_1"]))
        #expect(fields.contains { !$0.drillFields.isEmpty })
        #expect(fields.contains { $0.groupLabel != nil })
        #expect(fields.filter { $0.kind == .measure && !$0.filters.isEmpty }.count >= 5)
        // The funnel: installed → activated → paying.
        let servers = Self.model.views["servers"]!
        for name in ["count", "activated_count", "paying_count", "activation_rate", "paid_conversion_rate"] {
            #expect(servers.field(named: name) != nil, "funnel measure servers.\(name) is missing")
        }
        #expect(Self.model.views["events"]?.field(named: "active_users")?.type == "count_distinct")
    }

    @Test func dashboardsShowHealthAndUsage() throws {
        let dashboards = Self.project.dashboards
        #expect(Set(dashboards.map(\.name)).isSuperset(of: ["business_health", "product_usage"]))
        for dashboard in dashboards {
            #expect(dashboard.layout == "newspaper")
            #expect(!dashboard.filters.isEmpty)
            let types = Set(dashboard.elements.map(\.type))
            #expect(types.contains("single_value"))
            #expect(types.contains("looker_grid") || types.contains("table"))
            #expect(!types.isDisjoint(with: ["looker_line", "looker_bar", "looker_column"]))
            for element in dashboard.elements {
                let (_, explore) = try Self.project.explore("\(element.model ?? "")/\(element.explore ?? "")")
                for field in element.fields + element.sorts.map({ String($0.split(separator: " ")[0]) }) + element.listen.values.map({ $0 }) {
                    #expect(Self.project.field(field, in: explore, of: Self.model) != nil,
                            "dashboard \(dashboard.name) tile \(element.name) uses unknown field \(field)")
                }
                if element.type == "single_value" {
                    // "Now vs previous": a month dimension sorted newest first, two rows.
                    #expect(element.sorts.first?.hasSuffix("_month desc") == true && element.limit == 2,
                            "single value \(element.name) must be by month, newest first, two rows")
                }
            }
        }
    }
}
