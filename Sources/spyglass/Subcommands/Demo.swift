import ArgumentParser
import DemoWarehouse
import Foundation
import SpyglassCore
import Warehouse

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the demo warehouse (a chat company's customer-data marts).",
        discussion: "By default rebuilds the embedded SQLite database the demo project uses. --scale N multiplies the data (10 gives millions of events)."
    )

    @Option(help: "Multiply the data by N.") var scale: Int = 1
    @Option(help: ArgumentHelp("Build into this SQLite file.", valueName: "path")) var sqlite: String?
    @Option(help: ArgumentHelp("Build into this PostgreSQL database (COPY).", valueName: "url")) var postgres: String?
    @Option(help: ArgumentHelp("Build into this Snowflake database and schema (snowflake://USER@ACCOUNT/DB/SCHEMA?warehouse=WH; array-bind inserts).", valueName: "url")) var snowflake: String?

    mutating func validate() throws {
        if [sqlite, postgres, snowflake].compactMap({ $0 }).count > 1 { throw ValidationError("give one of --sqlite, --postgres or --snowflake") }
        if let snowflake, !snowflake.lowercased().hasPrefix("snowflake://") { throw ValidationError("--snowflake takes a snowflake://USER@ACCOUNT/DATABASE/SCHEMA URL") }
        if scale < 1 { throw ValidationError("--scale must be 1 or more") }
    }

    func run() throws {
        if let postgres {
            return try build(into: postgres, shownAs: Warehouse.redact(postgres))
        }
        if let snowflake {
            return try build(into: snowflake, shownAs: Warehouse.redact(snowflake))
        }
        // SQLite: build beside the target and rename at the end, so an interrupted build never
        // leaves a half-built database where Spyglass would open it.
        let path = sqlite ?? DemoWarehouse.defaultDatabasePath
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let temporary = path + ".building-\(getpid())"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            try build(into: "sqlite:" + temporary, shownAs: path)
            // rename(2) replaces the old database in one step: removing it first left a moment with
            // no file, when a Spyglass already running on the demo failed with "not found".
            guard rename(temporary, path) == 0 else {
                throw SpyglassError(.model, "cannot move the new demo database to \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    private func build(into url: String, shownAs name: String) throws {
        do {
            let stats = try DemoWarehouse.build(into: url, scale: scale) { Output.note($0) }
            Output.line("built the demo into \(name): \(stats.tables.count) tables, \(stats.totalRows) rows in \(String(format: "%.2f", stats.seconds)) s (\(Int(stats.rowsPerSecond)) rows/s)")
        } catch {
            throw SpyglassError.from(error)
        }
    }
}
