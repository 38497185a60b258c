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
        if let explicit {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: explicit, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw SpyglassError(.usage, "--project \(explicit) is not a directory")
            }
            return URL(fileURLWithPath: explicit).standardizedFileURL.path
        }
        if containsLookML(currentDirectory) { return currentDirectory }
        return bundledDemoRoot()
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
