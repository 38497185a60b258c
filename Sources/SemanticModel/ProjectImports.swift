import Foundation
import LookML

/// Projects a project imports (manifest `local_dependency` / `remote_dependency`), read from a
/// local checkout: `imported_projects/NAME` under the root, as Looker's IDE lays them out, or the
/// directory `spyglass.dependencies` at the root names (`NAME = path`, one a line, `#` comments;
/// relative to the root, or absolute, or `~/…`).
///
/// An imported file's key in the project's file table is its path under the root
/// (`imported_projects/hub/views/orders.view.lkml`), or `//NAME/path` for a checkout elsewhere;
/// `include: "//NAME/…"` matches against the imported project's own paths.
struct ProjectImports {
    static let configFileName = "spyglass.dependencies"
    static let importedDirectory = "imported_projects"

    struct Dependency {
        var name: String
        /// The checkout's absolute directory.
        var directory: String
        /// What the project's file table puts before a path of this project.
        var prefix: String
        /// LookML and dashboard paths, relative to `directory`, sorted.
        var paths: [String]
        var dashboards: [String]
        /// Where the dependency is declared in manifest.lkml.
        var location: SourceLocation
        var overrides: [Override]
    }

    struct Override {
        var name: String
        var value: String
        var location: SourceLocation
    }

    /// `project_name:` of the manifest.
    var projectName: String?
    var dependencies: [Dependency] = []
    /// Declared but not found (reported at the declaration once; includes of them say nothing more).
    var missing: Set<String> = []

    func dependency(named name: String) -> Dependency? { dependencies.first { $0.name == name } }

    /// The dependency a file key belongs to, and the key's path inside it; nil for the project's own files.
    func owner(of key: String) -> (dependency: Dependency, path: String)? {
        for dependency in dependencies where key.hasPrefix(dependency.prefix) {
            return (dependency, String(key.dropFirst(dependency.prefix.count)))
        }
        return nil
    }

    /// The absolute path of a file key.
    func absolutePath(of key: String, root: String) -> String {
        if let (dependency, path) = owner(of: key) { return dependency.directory + "/" + path }
        return root + "/" + key
    }

    /// Reads the manifest's dependencies and finds each checkout; what cannot be found is reported
    /// at its declaration.
    static func read(manifest: SyntaxFile?, root: String, sink: DiagnosticSink) -> ProjectImports {
        var imports = ProjectImports()
        guard let manifest else { return imports }
        let configured = readConfig(root: root, sink: sink)
        let reader = ValueReader(constants: [:], sink: sink)
        for pair in manifest.pairs {
            switch pair.key {
            case "project_name":
                imports.projectName = reader.string(pair)
            case "local_dependency", "remote_dependency":
                guard case .block(let block) = pair.value else {
                    sink.error("'\(pair.key)' needs a block", at: pair.keyLocation)
                    continue
                }
                let project = block.pairs.last { $0.key == "project" }.flatMap(reader.string)
                guard let name = pair.key == "local_dependency" ? project : block.name else {
                    sink.error(pair.key == "local_dependency" ? "local_dependency needs project: \"name\"" : "remote_dependency needs a name: remote_dependency: name { … }",
                               at: pair.keyLocation)
                    continue
                }
                let location = block.nameLocation ?? pair.keyLocation
                if imports.dependency(named: name) != nil {
                    sink.error("project '\(name)' is imported twice", at: location)
                    continue
                }
                var overrides: [Override] = []
                for p in block.pairs where p.key == "override_constant" {
                    guard case .block(let b) = p.value, let constant = b.name,
                          let value = b.pairs.last(where: { $0.key == "value" }).flatMap(reader.string) else {
                        sink.error("override_constant needs a name and a value: override_constant: name { value: \"…\" }", at: p.keyLocation)
                        continue
                    }
                    overrides.append(Override(name: constant, value: value, location: b.nameLocation ?? p.keyLocation))
                }
                let inside = root + "/" + importedDirectory + "/" + name
                let directory: String
                let prefix: String
                if let path = configured[name] {
                    directory = path
                    prefix = "//\(name)/"
                } else {
                    directory = inside
                    prefix = importedDirectory + "/" + name + "/"
                }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                    imports.missing.insert(name)
                    sink.error("imported project '\(name)' is not checked out: put it in \(importedDirectory)/\(name) "
                        + "or name its directory in \(configFileName) (\(name) = path)", at: location)
                    continue
                }
                let (lookml, dashboards) = ProjectLoader.listFiles(directory)
                imports.dependencies.append(Dependency(name: name, directory: directory, prefix: prefix, paths: lookml + dashboards,
                                                       dashboards: dashboards, location: location, overrides: overrides))
            default:
                break
            }
        }
        return imports
    }

    /// `spyglass.dependencies`: project name → absolute directory.
    private static func readConfig(root: String, sink: DiagnosticSink) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: root + "/" + configFileName) else { return [:] }
        var out: [String: String] = [:]
        for (i, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let at = SourceLocation(file: configFileName, line: i + 1, column: 1)
            guard let equals = line.firstIndex(of: "=") else {
                sink.error("expected 'name = path'", at: at)
                continue
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            var path = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !path.isEmpty else {
                sink.error("expected 'name = path'", at: at)
                continue
            }
            if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
                path = home + path.dropFirst(1)
            } else if !path.hasPrefix("/") {
                path = root + "/" + path
            }
            while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            out[name] = path
        }
        return out
    }

    /// Constants the imported projects define (after `override_constant`), checked against each
    /// constant's `export:` (`none`, the default: may not be overridden; `override_optional`;
    /// `override_required`: must be).
    func constants(files: [String: SyntaxFile], sink: DiagnosticSink) -> [String: (value: String, project: String)] {
        var out: [String: (value: String, project: String)] = [:]
        for dependency in dependencies {
            var defined: [String: (value: String, export: String)] = [:]
            if let manifest = files[dependency.prefix + "manifest.lkml"] {
                let reader = ValueReader(constants: [:], sink: sink)
                for pair in manifest.pairs where pair.key == "constant" {
                    guard case .block(let block) = pair.value, let name = block.name,
                          let value = block.pairs.last(where: { $0.key == "value" }).flatMap(reader.string) else { continue }
                    let export = block.pairs.last { $0.key == "export" }.flatMap(reader.string) ?? "none"
                    defined[name] = (value, export)
                }
            }
            var overridden: Set<String> = []
            for override in dependency.overrides {
                guard let constant = defined[override.name] else {
                    sink.error("project '\(dependency.name)' has no constant '\(override.name)' to override", at: override.location)
                    continue
                }
                guard constant.export != "none" else {
                    sink.error("constant '\(override.name)' of project '\(dependency.name)' cannot be overridden: its export is none", at: override.location)
                    continue
                }
                defined[override.name]?.value = override.value
                overridden.insert(override.name)
            }
            for (name, constant) in defined.sorted(by: { $0.key < $1.key }) {
                if constant.export == "override_required" && !overridden.contains(name) {
                    sink.error("project '\(dependency.name)' requires override_constant: \(name) { value: \"…\" } in its local_dependency or remote_dependency",
                               at: dependency.location)
                }
                if out[name] == nil { out[name] = (constant.value, dependency.name) }
            }
        }
        return out
    }
}

/// The files an `include:` can match: the including file's own project, or the imported project
/// `//NAME/…` names, each with its own root.
struct IncludeScopes {
    /// This project's LookML and dashboard paths, project-relative, sorted.
    let main: [String]
    let imports: ProjectImports

    enum Resolution {
        /// The glob, the key prefix of the scope it applies to, and the scope's paths.
        case scope(IncludeGlob, prefix: String, paths: [String])
        case unknownProject(String)
        case missingProject
        case outside
    }

    func resolve(_ pattern: String, from key: String) -> Resolution {
        let owner = imports.owner(of: key)
        if pattern.hasPrefix("//") {
            let rest = pattern.dropFirst(2)
            let name = String(rest.prefix { $0 != "/" })
            guard let dependency = imports.dependency(named: name) else {
                return imports.missing.contains(name) ? .missingProject : .unknownProject(name)
            }
            let glob = IncludeGlob(String(rest.dropFirst(name.count)), relativeTo: "")
            return glob.isValid ? .scope(glob, prefix: dependency.prefix, paths: dependency.paths) : .outside
        }
        let inside = owner?.path ?? key
        let directory = inside.split(separator: "/").dropLast().joined(separator: "/")
        let glob = IncludeGlob(pattern, relativeTo: directory)
        guard glob.isValid else { return .outside }
        if let owner { return .scope(glob, prefix: owner.dependency.prefix, paths: owner.dependency.paths) }
        return .scope(glob, prefix: "", paths: main)
    }
}
