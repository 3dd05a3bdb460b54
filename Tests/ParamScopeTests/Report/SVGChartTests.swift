import Foundation
import Testing
@testable import ParamScope

/// The inline charts: deterministic coordinates, round ticks, accessible names, escaped labels.
@Suite struct SVGChartTests {
    @Test(arguments: [
        (0.0, "0"), (720.0, "720"), (1.25, "1.3"), (-2.35, "-2.4"), (-0.04, "0"), (1e-9, "0"),
        (12345.67, "12345.7"), (Double.nan, "0"),
    ])
    func fixed(value: Double, expected: String) {
        #expect(SVGChart.fixed(value) == expected)
    }

    /// LLaMA-7B…65B: the range 0…65.3B over four steps is ≈16.3B, rounded up to a 1-2-5 step of
    /// 20B, so ticks 0, 20B, 40B, 60B, 80B.
    @Test func scaleOfPositiveCounts() {
        let scale = SVGChart.Scale(minimum: 6.7e9, maximum: 65.3e9, from: 100, to: 500)
        #expect(scale.ticks == [0, 20e9, 40e9, 60e9, 80e9])
        #expect(scale.position(0) == 100)
        #expect(scale.position(80e9) == 500)
    }

    /// −1.95 … +0.57: range 2.52 / 4 = 0.63 → step 1; domain −2 … 1.
    @Test func scaleWithNegatives() {
        let scale = SVGChart.Scale(minimum: -1.95, maximum: 0.57, from: 0, to: 300)
        #expect(scale.ticks == [-2, -1, 0, 1])
        #expect(scale.hasNegative)
        #expect(scale.position(0) == 200)
    }

    @Test func emptyAndAllZeroDataStillDraw() {
        let scale = SVGChart.Scale(minimum: 0, maximum: 0, from: 0, to: 100)
        #expect(scale.ticks == [0, 1])
        #expect(scale.position(0) == 0)
    }

    static let chart = SVGChart(
        id: "demo-chart", title: "Sizes & <things>", description: "The table “Demo” lists them.",
        axisLabel: "Parameters", series: [SVGChart.Series(name: "Exact", colour: 1), SVGChart.Series(name: "Published", colour: 2)],
        rows: [SVGChart.Row(label: "<script>alert(1)</script>", values: [1.5e9, nil]),
               SVGChart.Row(label: "b", values: [2e9, 1.9e9])],
        format: { "\($0 / 1e9)B" }, tickFormat: { "\($0 / 1e9)" })

    @Test func accessibleAndEscaped() throws {
        let svg = Self.chart.render()
        #expect(svg.contains("role=\"img\" aria-labelledby=\"demo-chart-title demo-chart-desc\""))
        #expect(svg.contains("<title id=\"demo-chart-title\">Sizes &amp; &lt;things&gt;</title>"))
        #expect(svg.contains("<desc id=\"demo-chart-desc\">The table “Demo” lists them.</desc>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!svg.contains("<script"))
        #expect(svg.contains(">Parameters</text>"))  // the axis label
        // Three bars: the missing published value draws none.
        #expect(svg.components(separatedBy: "<rect class=\"series-").count - 1 == 3 + 2)  // + 2 legend swatches
    }

    /// Every coordinate is a plain decimal with at most one fractional digit.
    @Test func coordinatesAreFixedDecimals() throws {
        let svg = Self.chart.render()
        let pattern = try NSRegularExpression(pattern: " (x|y|x1|x2|y1|y2|width|height)=\"([^\"]*)\"")
        let matches = pattern.matches(in: svg, range: NSRange(svg.startIndex..., in: svg))
        #expect(matches.count > 20)
        for match in matches {
            let value = String(svg[Range(match.range(at: 2), in: svg)!])
            #expect(value.range(of: "^-?[0-9]+(\\.[0-9])?$", options: .regularExpression) != nil, "\(value)")
        }
        #expect(Self.chart.render() == svg)
    }
}

/// Which charts a page gets.
@Suite struct ReportChartsTests {
    static func models(_ count: Int) throws -> [ModelReport] {
        var yaml = "models:\n"
        for index in 0..<count { yaml += "  - {name: M\(index), layers: 2, hidden: 64, heads: 4, vocab: 100, published: 1M}\n" }
        return try TestSupport.report([try TestSupport.write(yaml)]).models
    }

    /// Up to `maxModels` rows a chart; beyond, the table alone.
    @Test func listChartsStopAtMaxModels() throws {
        let limit = ReportCharts.maxModels
        #expect(ReportCharts.comparison(try Self.models(limit).map(ModelSummary.init), id: "c")?.rowCount == limit)
        #expect(ReportCharts.comparison(try Self.models(limit + 1).map(ModelSummary.init), id: "c") == nil)
        #expect(ReportCharts.deviation(try Self.models(limit + 1).map(ModelSummary.init), id: "d") == nil)
        #expect(ReportCharts.comparison([], id: "c") == nil)
    }

    @Test(arguments: [("20.0B", "20B"), ("+5.00%", "+5%"), ("0.00%", "0%"), ("\u{2212}1.50%", "\u{2212}1.5%"), ("131M", "131M"), ("0.250", "0.25")])
    func tickTrimsZeros(text: String, expected: String) {
        #expect(ReportCharts.tick(text) == expected)
    }

    @Test(arguments: [([6_738_415_616], "Parameters (B = 10⁹)"), ([266_240], "Parameters (K = 10³)"), ([0], "Parameters")])
    func axisLabelNamesTheUnit(counts: [Int], expected: String) {
        #expect(ReportCharts.axisLabel(counts) == expected)
    }
}
