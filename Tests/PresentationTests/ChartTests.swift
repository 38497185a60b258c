import Presentation
import Testing

@Suite("Sparklines and bars")
struct ChartTests {
    @Test func sparklineSpansTheLevels() {
        #expect(Sparkline.render([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.render([0, 100, nil, 50]) == "▁█ ▅")
        #expect(Sparkline.render([3, 3, 3]) == "▄▄▄")
        #expect(Sparkline.render([]) == "")
        #expect(Sparkline.render([nil, nil]) == "  ")
        #expect(Sparkline.render([1, 8], ascii: true) == "_#")
    }

    @Test func sparklineResamplesToWidth() {
        let values: [Double?] = (0..<100).map { Double($0) }
        let line = Sparkline.render(values, width: 10)
        #expect(line.count == 10)
        #expect(line.first == "▁" && line.last == "█")
        #expect(Sparkline.render([1, 2], width: 10) == "▁█")
    }

    @Test func barsScaleToTheLargestValue() {
        let lines = BarChart.render(labels: ["web", "mobile", "store"], values: [100, 50, 0], width: 30)
        #expect(lines == [
            "web    ███████████████████ 100",
            "mobile █████████▌           50",
            "store                        0",
        ])
        #expect(lines.allSatisfy { TextWidth.of($0) == 30 })
    }

    @Test func barsInAsciiWithNegativesAndValueLabels() {
        let lines = BarChart.render(labels: ["a", "b"], values: [10, -5], width: 20, ascii: true, valueLabels: ["$10", "-$5"])
        #expect(lines == ["a ############## $10", "b -------        -$5"])
    }
}
