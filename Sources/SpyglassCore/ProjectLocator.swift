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

    /// True when `directory` holds a .lkml file within two levels (the root, or models/ and views/).
    static func containsLookML(_ directory: String) -> Bool {
        let fm = FileManager.default
        guard let top = try? fm.contentsOfDirectory(atPath: directory) else { return false }
        for name in top where !name.hasPrefix(".") {
            if name.hasSuffix(".lkml") { return true }
            let sub = directory + "/" + name
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: sub, isDirectory: &isDirectory), isDirectory.boolValue,
               let inner = try? fm.contentsOfDirectory(atPath: sub), inner.contains(where: { $0.hasSuffix(".lkml") }) {
                return true
            }
        }
        return false
    }
}
