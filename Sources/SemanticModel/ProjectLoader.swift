import Foundation

/// Loads a LookML project directory into a `Project`: every model with its resolved views and
/// explores, the dashboards, and every diagnostic.
public enum ProjectLoader {
    /// Loads every model, view, explore and dashboard under `root`, resolving includes, constants,
    /// extends and refinements. Never throws for model problems: they are in `project.diagnostics`.
    public static func load(root: String) -> Project {
        load(root: root, skipping: [])
    }

    /// Like `load(root:)`, leaving out the given directories (paths relative to `root`, such as
    /// `Tests` or `Fuzz`): for a project that shares its directory tree with other projects, like
    /// the demo at the top of this repository beside test fixtures.
    public static func load(root: String, skipping skipped: Set<String>) -> Project {
        let rootPath = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        let sink = DiagnosticSink()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            sink.error("project directory '\(root)' does not exist", at: nil)
            return Project(root: rootPath, diagnostics: sink.sorted())
        }
        // Imported projects are read only as the manifest declares them, not as part of this one.
        let (lookml, ownDashboards) = listFiles(rootPath, skipping: skipped.union([ProjectImports.importedDirectory]))
        // The manifest first: it says which projects are imported, and their files parse with ours.
        var files = parseAll(lookml.filter { $0 == "manifest.lkml" }, root: rootPath, sink: sink)
        let imports = ProjectImports.read(manifest: files["manifest.lkml"], root: rootPath, sink: sink)
        var keys = lookml.filter { $0 != "manifest.lkml" }
        var dashboardPaths = ownDashboards
        for dependency in imports.dependencies {
            keys += dependency.paths.filter { $0.hasSuffix(".lkml") }.map { dependency.prefix + $0 }
            dashboardPaths += dependency.dashboards.map { dependency.prefix + $0 }
        }
        files.merge(parseAll(keys, root: rootPath, imports: imports, sink: sink)) { first, _ in first }

        var constants = readConstants(files["manifest.lkml"], sink: sink)
        // Imported projects' constants (after override_constant) are usable here too; a constant
        // this project defines itself wins.
        for (name, imported) in imports.constants(files: files, sink: sink) where constants[name] == nil {
            constants[name] = imported.value
        }
        settle(&constants)
        let reader = ValueReader(constants: constants, sink: sink)
        let scopes = IncludeScopes(main: (lookml + ownDashboards).sorted(), imports: imports)
        var models: [Model] = []
        let modelPaths = lookml.filter { $0.hasSuffix(".model.lkml") }
        if modelPaths.isEmpty {
            sink.error("no model files (*.model.lkml) in '\(root)'", at: nil)
        }
        for path in modelPaths {
            let fileName = path.split(separator: "/").last.map(String.init) ?? path
            let name = String(fileName.dropLast(".model.lkml".count))
            if let other = models.first(where: { $0.name == name }) {
                sink.error("model '\(name)' is already defined in \(other.location?.file ?? "another file")", at: SourceLocation(file: path, line: 1, column: 1))
                continue
            }
            models.append(ModelBuilder(name: name, path: path, files: files, scopes: scopes, reader: reader).build())
        }
        models.sort { $0.name < $1.name }
        // The models keep no syntax, so the trees can go now, on all cores: freeing a few hundred
        // thousand nodes one by one was a tenth of a load.
        var trees: [SyntaxFile?] = []
        trees.reserveCapacity(files.count)
        for (_, file) in files { trees.append(file) }
        files.removeAll()
        Parallel.discard(&trees)

        var project = Project(root: rootPath, models: models, constants: constants)
        project.projectName = imports.projectName
        project.importedProjects = imports.dependencies.map(\.name)
        // Looker reads only the dashboards a model includes; the first model (by name) that
        // includes one is the model its tiles default to.
        var includingModel: [String: String] = [:]
        for model in models { for file in model.dashboardFiles where includingModel[file] == nil { includingModel[file] = model.name } }
        let dashboardLoader = DashboardLoader(sink: sink, constants: constants)
        var loaded: [Dashboard] = []
        var dashboardLocations: [String: SourceLocation] = [:]
        for path in dashboardPaths {
            guard let model = includingModel[path] else {
                // An imported project's dashboards are its own business unless included here.
                if imports.owner(of: path) != nil { continue }
                sink.warning("dashboard file is not included by any model, so Looker does not read it; "
                    + "add include: \"/\(path)\" to a model to use it", at: SourceLocation(file: path, line: 1, column: 1))
                continue
            }
            guard let text = read(imports.absolutePath(of: path, root: rootPath)) else {
                sink.error("cannot read file", at: SourceLocation(file: path, line: 1, column: 1))
                continue
            }
            for var dashboard in dashboardLoader.load(path: path, text: text) {
                if let first = dashboardLocations[dashboard.name] {
                    sink.error("dashboard '\(dashboard.name)' is already defined at \(first)", at: dashboard.location)
                    continue
                }
                dashboardLocations[dashboard.name] = dashboard.location ?? SourceLocation(file: path, line: 1, column: 1)
                dashboard.model = model
                loaded.append(dashboard)
            }
        }
        project.dashboards = DashboardExtends.resolve(loaded, sink: sink)
        DashboardValidator(project: project, sink: sink).validate()
        project.diagnostics = sink.sorted()
        return project
    }

    /// Project-relative paths of LookML files and dashboards, sorted; hidden and build
    /// directories are skipped, and symbolic links to directories are not followed.
    static func listFiles(_ root: String, skipping skipped: Set<String> = []) -> (lookml: [String], dashboards: [String]) {
        var lookml: [String] = []
        var dashboards: [String] = []
        let ignore = ProjectIgnore(root: root)
        // readdir rather than FileManager's enumerator, which stats every entry: listing was a
        // noticeable share of loading a 250-file project.
        func walk(_ relative: String) {
            guard let dir = opendir(relative.isEmpty ? root : root + "/" + relative) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name.hasPrefix(".") || name == "node_modules" { continue }
                let item = relative.isEmpty ? name : relative + "/" + name
                if skipped.contains(item) || ignore.ignores(item) { continue }
                var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    isDirectory = lstat(root + "/" + item, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
                }
                if isDirectory {
                    walk(item)
                } else if name.hasSuffix(".lkml") {
                    lookml.append(item)
                } else if name.hasSuffix(".dashboard.lookml") {
                    dashboards.append(item)
                }
            }
        }
        walk("")
        return (lookml.sorted(), dashboards.sorted())
    }

    /// Reads, parses and checks (known parameters, duplicate members) files on all cores, by
    /// project-relative path; unreadable files are reported and left out.
    static func parseAll(_ paths: [String], root: String, imports: ProjectImports = ProjectImports(),
                         sink: DiagnosticSink) -> [String: SyntaxFile] {
        let parsed = Parallel.map(paths.count) { i -> (file: SyntaxFile, diagnostics: [Diagnostic])? in
            guard let text = read(imports.absolutePath(of: paths[i], root: root)) else { return nil }
            let parsed = LookMLParser.parse(text, path: paths[i])
            let local = DiagnosticSink()
            for diagnostic in parsed.diagnostics { local.add(diagnostic) }
            KnownParameters.check(parsed.file, sink: local)
            DuplicateMembers.check(parsed.file, sink: local)
            return (parsed.file, local.diagnostics)
        }
        var files: [String: SyntaxFile] = [:]
        files.reserveCapacity(parsed.count)
        for (path, result) in zip(paths, parsed) {
            guard let result else {
                sink.error("cannot read file", at: SourceLocation(file: path, line: 1, column: 1))
                continue
            }
            for diagnostic in result.diagnostics { sink.add(diagnostic) }
            files[path] = result.file
        }
        return files
    }

    static func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// `constant: name { value: "…" }` pairs of manifest.lkml.
    static func readConstants(_ manifest: SyntaxFile?, sink: DiagnosticSink) -> [String: String] {
        guard let manifest else { return [:] }
        var constants: [String: String] = [:]
        var locations: [String: SourceLocation] = [:]
        for pair in manifest.pairs where pair.key == "constant" {
            guard case .block(let block) = pair.value, let name = block.name else {
                sink.error("'constant' needs a name and a block: constant: name { value: \"…\" }", at: pair.keyLocation)
                continue
            }
            let at = block.nameLocation ?? pair.keyLocation
            if let first = locations[name] {
                sink.error("constant '\(name)' is already defined at \(first)", at: at)
                continue
            }
            guard let value = block.pairs.last(where: { $0.key == "value" }), case .scalar(let scalar) = value.value else {
                sink.error("constant '\(name)' needs a value", at: at)
                continue
            }
            locations[name] = at
            constants[name] = scalar.text
        }
        return constants
    }

    /// Constants may use other constants; a few passes settle any sane nesting, and a cycle
    /// stops with the `@{…}` left in place (reported where the value is used).
    static func settle(_ constants: inout [String: String]) {
        for _ in 0..<4 {
            var changed = false
            for (name, value) in constants {
                if let substitution = ConstantSubstitution(value, constants: constants), substitution.text != value {
                    constants[name] = substitution.text
                    changed = true
                }
            }
            if !changed { break }
        }
    }
}
