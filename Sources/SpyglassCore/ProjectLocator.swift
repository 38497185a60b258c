import Foundation

/// Decides which LookML project a command works on (DESIGN.md: `--project`, else the current
/// directory if it holds .lkml files, else the bundled demo project).
public enum ProjectLocator {
    /// The demo project shipped in this repository (its top-level models/ and views/).
    /// `SPYGLASS_DEMO_PROJECT` overrides it, for installs that move the binary away from the source.
    public static func bundledDemoRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let override = environment["SPYGLASS_DEMO_PROJECT"], !override.isEmpty { return override }
        // This file is Sources/SpyglassCore/ProjectLocator.swift; the repository root is two levels up.
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    public static func resolve(explicit: String?, currentDirectory: String = FileManager.default.currentDirectoryPath) throws -> String {
        try locate(explicit: explicit, currentDirectory: currentDirectory).root
    }

    /// Where the project came from, so every command can say which one it used.
    public enum Source: Sendable, Equatable {
        /// `--project DIR`.
        case explicit
        /// The current directory holds .lkml files.
        case currentDirectory
        /// Nothing was asked for and the current directory is not a project: the bundled demo.
        case bundledDemo
    }

    /// The project root and where it came from. A `--project` that holds no .lkml file at all is
    /// refused rather than loaded as an empty project (which would "validate" with 0 errors); the
    /// demo is used only when no project was asked for.
    public static func locate(explicit: String?, currentDirectory: String = FileManager.default.currentDirectoryPath) throws -> (root: String, source: Source) {
        if let explicit {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: explicit, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw SpyglassError(.usage, "--project \(explicit) is not a directory")
            }
            let root = URL(fileURLWithPath: explicit).standardizedFileURL.path
            // The usual layouts first (top, models/, views/); a deeper search only when they are empty.
            guard containsLookML(root) || containsLookML(root, depth: 4) else {
                throw SpyglassError(.usage, "--project \(explicit) holds no .lkml files; give the directory of your LookML project")
            }
            return (root, .explicit)
        }
        if containsLookML(currentDirectory) { return (currentDirectory, .currentDirectory) }
        return (bundledDemoRoot(), .bundledDemo)
    }

    /// Whether any .lkml file lies within `depth` folder levels of `directory` (hidden ones skipped).
    static func containsLookML(_ directory: String, depth: Int) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return false }
        if names.contains(where: { $0.hasSuffix(".lkml") && !$0.hasPrefix(".") }) { return true }
        guard depth > 0 else { return false }
        for name in names where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let path = directory + "/" + name
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
               containsLookML(path, depth: depth - 1) { return true }
        }
        return false
    }

    /// True when `directory` holds .lkml files at its top or in `models/` or `views/`, the way
    /// Looker projects are laid out. Other folders are not looked into: a directory that merely
    /// contains some project somewhere below (a home or /tmp) is not itself a project.
    static func containsLookML(_ directory: String) -> Bool {
        let fm = FileManager.default
        for sub in ["", "/models", "/views"] {
            guard let names = try? fm.contentsOfDirectory(atPath: directory + sub) else { continue }
            if names.contains(where: { $0.hasSuffix(".lkml") && !$0.hasPrefix(".") }) { return true }
        }
        return false
    }
}
