import Foundation
import Testing
import LookML

/// Size and shape must not make the parser slow: realistic input is measured, and inputs that
/// would be quadratic under a naive implementation must stay linear.
@Suite struct LookMLParserPerformanceTests {
    private func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    @Test func threeMegabytesOfRealisticLookML() {
        let (text, views) = LookMLCorpus.generate(bytes: 3_000_000)
        var result: (file: SyntaxFile, diagnostics: [Diagnostic])?
        let elapsed = seconds { result = LookMLParser.parse(text, path: "big.lkml") }
        #expect(result?.diagnostics.isEmpty == true)
        #expect(result?.file.pairs.count == 2 + 2 * views)
        // The release build does this in well under 50 ms (see Sources/LookML/README.md); a debug
        // build on a busy machine is far slower, so this bound only catches gross regressions.
        #expect(elapsed < 10, "3 MB took \(elapsed) s")
        print("parsed \(text.utf8.count) bytes (\(views) views) in \(Int(elapsed * 1000)) ms")
    }

    /// Inputs that would each be quadratic in a naive implementation; doubling them must roughly
    /// double the time.
    @Test(arguments: [
        "unterminatedSQL", "singleLongLine", "unterminatedStrings", "deepBlocks", "manyErrors", "longList",
        "escapedQuotesBeforeAFarQuote",
    ])
    func pathologicalInputStaysLinear(shape: String) {
        func input(_ n: Int) -> String {
            switch shape {
            case "unterminatedSQL": return String(repeating: "sql: SELECT 1\n", count: n)
            case "singleLongLine": return String(repeating: "a: b ", count: n)
            case "unterminatedStrings": return String(repeating: "label: \"x\n", count: n)
            case "deepBlocks": return String(repeating: "a: {", count: n)
            case "manyErrors": return String(repeating: "};:,]\n", count: n)
            // Each line's string (read after a missing comma) runs to the last line, where it is
            // rejected as mis-paired and recovery resumes on the next line.
            case "escapedQuotesBeforeAFarQuote": return String(repeating: "f: [\\\"\n", count: n) + "\"y]"
            default: return "f: [" + String(repeating: "view.field, ", count: n) + "]"
            }
        }
        let small = input(20_000)
        let large = input(80_000)
        _ = LookMLParser.parse(small, path: "warm.lkml")
        // The fastest of three runs: other test suites run in parallel and only ever add time,
        // while a quadratic shape stays 16x slower in every run.
        let smallTime = (0..<3).map { _ in seconds { _ = LookMLParser.parse(small, path: "p.lkml") } }.min()!
        let largeTime = (0..<3).map { _ in seconds { _ = LookMLParser.parse(large, path: "p.lkml") } }.min()!
        // Quadratic growth would make the 4x input take 16x as long; allow noise up to 10x.
        #expect(largeTime < max(smallTime, 0.05) * 10, "\(shape): \(smallTime) s then \(largeTime) s")
        // A quadratic shape is already slow at the small size, which the ratio alone can miss.
        #expect(largeTime < 20, "\(shape): \(largeTime) s for \(large.utf8.count) bytes")
    }
}
