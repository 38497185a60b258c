import SemanticModel

/// The entry point: a query spec over a project becomes one safe aggregate SQL statement (plus totals,
/// row totals and pivot values when asked), in one dialect.
public enum QueryCompiler {
    /// Compiles `spec`. Throws `QueryError` naming the explore, field or dialect at fault.
    public static func compile(_ spec: QuerySpec, project: Project, dialect: any Dialect,
                               options: CompileOptions = CompileOptions()) throws -> CompiledQuery {
        let ctx = try ExploreContext(project: project, exploreName: spec.explore, attributes: options.userAttributes, userName: options.userName)
        let renderer = FieldRenderer(ctx: ctx, dialect: dialect, options: options)
        let planner = QueryPlanner(ctx: ctx, renderer: renderer, spec: spec, options: options)
        var compiled = try planner.compile()
        try compiled.bindValues(dialect)
        return compiled
    }
}
