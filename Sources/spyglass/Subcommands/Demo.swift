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

    mutating func validate() throws {
        if sqlite != nil && postgres != nil { throw ValidationError("give --sqlite or --postgres, not both") }
        if scale < 1 { throw ValidationError("--scale must be 1 or more") }
    }

    func run() throws {
        let target: String
        if let postgres {
            target = postgres
        } else if let sqlite {
            target = "sqlite:" + sqlite
        } else {
            let path = DemoWarehouse.defaultDatabasePath
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: path)
            target = "sqlite:" + path
        }
        do {
            let stats = try DemoWarehouse.build(into: target, scale: scale) { Output.note($0) }
            let rows = stats.tables.reduce(0) { $0 + $1.rows }
            Output.line("built the demo into \(Warehouse.redact(target)): \(stats.tables.count) tables, \(rows) rows in \(String(format: "%.2f", stats.seconds)) s (\(Int(stats.rowsPerSecond)) rows/s)")
        } catch {
            throw SpyglassError.from(error)
        }
    }
}
