import LookML

/// A loaded LookML project: every model with its resolved views and explores, the dashboards, and
/// every problem found on the way. Immutable once loaded; the query engine consumes it.
public struct Project: Sendable {
    /// The directory the project was loaded from.
    public var root: String
    public var models: [Model]
    public var dashboards: [Dashboard]
    /// `manifest.lkml` constants.
    public var constants: [String: String]
    /// `project_name:` of manifest.lkml.
    public var projectName: String?
    /// Projects imported through manifest.lkml (`local_dependency`, `remote_dependency`) and found.
    public var importedProjects: [String] = []
    /// Every problem found, in file order.
    public var diagnostics: [Diagnostic]

    public init(root: String, models: [Model] = [], dashboards: [Dashboard] = [], constants: [String: String] = [:], diagnostics: [Diagnostic] = []) {
        self.root = root
        self.models = models
        self.dashboards = dashboards
        self.constants = constants
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public func model(named name: String) -> Model? { models.first { $0.name == name } }
}
