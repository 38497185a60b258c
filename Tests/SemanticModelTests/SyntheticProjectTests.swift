import Foundation
import Testing
@testable import SemanticModel

@Suite("Loading a large project")
struct SyntheticProjectTests {
    @Test func twoHundredFiftyViewsLoadCleanAndFast() throws {
        let dir = NSTemporaryDirectory() + "spyglass-synthetic-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SyntheticProject.write(to: dir, views: 250)
        let bytes = try FileManager.default.subpathsOfDirectory(atPath: dir).reduce(0) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: dir + "/" + path)[.size] as? Int) ?? 0)
        }
        #expect(bytes > 2_500_000 && bytes < 4_000_000)

        #if DEBUG
        let runs = 1 // debug builds are 5-10x slower; one run proves correctness
        #else
        let runs = 4 // the first run warms the file cache
        #endif
        var best = Duration.seconds(1000)
        var bestCPU = Double.infinity
        var project = Project(root: dir)
        for _ in 0..<runs {
            let clock = ContinuousClock()
            let start = clock.now
            let cpuStart = Self.cpuSeconds()
            project = ProjectLoader.load(root: dir)
            best = min(best, clock.now - start)
            bestCPU = min(bestCPU, Self.cpuSeconds() - cpuStart)
        }
        #expect(project.diagnostics.map(\.description) == [])
        let model = try #require(project.model(named: "synthetic"))
        #expect(model.views.count == 250)
        #expect(model.explores.count == 50)
        // id, parent_id, 7 timeframes, 2 intervals, 44 attributes, derived_total, 12 totals, count, ratio.
        let expectedFields = 70
        #expect(model.views["view_7"]?.fields.count == expectedFields)
        print("SyntheticProject: \(bytes) bytes in 250 views loaded in \(best) wall, \(Int(bestCPU * 1000)) ms CPU (all threads), best of \(runs)")
        #if !DEBUG
        // The target is < 100 ms wall on an idle machine. CPU time is asserted because wall time on
        // a shared box measures the neighbours; CPU counts both parsing threads, hence the margin.
        #expect(bestCPU < 0.15)
        #endif
    }

    /// User plus system CPU time of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }
}
