import DemoWarehouse
import Foundation
import QueryEngine
import SemanticModel
import SpyglassCore
import TestSupport
import Warehouse

// spyglass-bench: the figures in the README. Build and run in release mode:
//   swift run -c release spyglass-bench [all|model|compile|fanout|csv|memory|demo|snowflake] [--quick]
// Starts its own throwaway PostgreSQL cluster for the warehouse figures.

let arguments = Array(CommandLine.arguments.dropFirst())
let quick = arguments.contains("--quick")
let sections = Set(arguments.filter { !$0.hasPrefix("--") })
func wants(_ section: String) -> Bool { sections.isEmpty || sections.contains("all") || sections.contains(section) }

let binaryDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path

print("spyglass-bench on \(ProcessInfo.processInfo.activeProcessorCount) cores\(quick ? " (quick)" : "")")
print(String(repeating: "-", count: 100))

do {
    if wants("model") || wants("compile") { try ModelBenchmarks.run(quick: quick, compile: wants("compile"), load: wants("model")) }
    if wants("demo") { try DemoBenchmarks.run(quick: quick) }
    if wants("snowflake") { try SnowflakeBenchmarks.run(quick: quick, binaryDirectory: binaryDirectory) }
    if wants("tui") { try TUIBenchmarks.run(quick: quick, binaryDirectory: binaryDirectory) }
    if wants("fanout") || wants("csv") || wants("memory") {
        let warehouse = try FanOutWarehouse(quick: quick)
        if wants("fanout") { try warehouse.fanOut() }
        if wants("csv") { try warehouse.csvStreaming(binaryDirectory: binaryDirectory) }
        if wants("memory") { try warehouse.memory(binaryDirectory: binaryDirectory) }
    }
} catch {
    print("spyglass-bench: error: \(error)")
    exit(1)
}
