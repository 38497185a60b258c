import Foundation
@testable import SemanticModel

/// The shop fixture, or a throwaway copy of it with edits applied, for tests that seed mistakes.
struct FixtureProject {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    static let shop = fixtures + "/shop"

    let root: String

    /// A fresh copy of `shop` under the temporary directory.
    static func copy(of fixture: String = shop) throws -> FixtureProject {
        let root = NSTemporaryDirectory() + "spyglass-semantic-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: fixture, toPath: root)
        return FixtureProject(root: root)
    }

    /// Replaces the only occurrence of `old` in `file` with `new`; fails the setup if `old` is not
    /// there exactly once, so a fixture change cannot silently make a test vacuous.
    func replace(_ old: String, with new: String, in file: String) throws {
        let path = root + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let parts = text.components(separatedBy: old)
        guard parts.count == 2 else { throw SetupError("'\(old)' occurs \(parts.count - 1) times in \(file)") }
        try parts.joined(separator: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    func write(_ text: String, to file: String) throws {
        let path = root + "/" + file
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func load() -> Project { ProjectLoader.load(root: root) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    struct SetupError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }
}
