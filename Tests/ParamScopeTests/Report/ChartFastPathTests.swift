import Testing
@testable import ParamScope

/// The charts' shortcuts print what the general code printed: rounding without libm, static
/// fill colours, the extent computed in one pass.
@Suite struct ChartFastPathTests {
    /// Ties go away from zero (as `rounded()`); 0.49999999999999994 is the largest double below
    /// ½ (adding 0.5 to it would give 1); 2⁵² − 0.5 is the last value with a fraction; beyond
    /// 2⁵² the general path is taken.
    @Test(arguments: [
        0.0, -0.0, 0.4, 0.5, 0.6, 1.5, 2.5, -0.5, -1.5, -2.5, -0.4, 0.49999999999999994, -0.49999999999999994,
        4_503_599_627_370_495.5, -4_503_599_627_370_495.5, 4_503_599_627_370_496, 1e17, -1e17, 123_456.75, 7.049999999999999,
    ])
    func nearestIntRoundsAsRounded(value: Double) {
        #expect(OutputBuffer.nearestInt(value) == Int(value.rounded()))
    }

    /// `append(fixed:)` through the shortcut, against the formula it replaced (one decimal of
    /// the value rounded in tenths), over a sweep that crosses many ties.
    @Test func fixedMatchesRoundedTenths() {
        for step in -2_000...2_000 {
            let value = Double(step) * 0.05 + 0.000_000_1 * Double(step % 3)
            let tenths = Int((value * 10).rounded())
            let whole = String(tenths.magnitude / 10), fraction = tenths.magnitude % 10
            let expected = (tenths < 0 ? "-" : "") + whole + (fraction != 0 ? ".\(fraction)" : "")
            #expect(SVGChart.fixed(value) == expected, "\(value)")
        }
    }

    /// `threeSignificant` against the digit loop it replaced (point inserted while counting
    /// digits), over values from 10⁻⁶ to 10¹³ that cross every decade and many roundings.
    @Test func threeSignificantMatchesTheFormerLoop() {
        func former(_ value: Double) -> String {
            let magnitude = abs(value)
            guard magnitude > 0 else { return "0" }
            var decimals = 0
            var bound = 100.0
            while magnitude < bound && decimals < 12 { decimals += 1; bound /= 10 }
            func scale(_ decimals: Int) -> Double { var result = 1.0; for _ in 0..<decimals { result *= 10 }; return result }
            var units = (magnitude * scale(decimals)).rounded()
            if decimals > 0 && units >= 1000 { decimals -= 1; units = (magnitude * scale(decimals)).rounded() }
            var digits: [Character] = []
            var rest = Int(units), written = 0
            repeat {
                if decimals > 0 && written == decimals { digits.append(".") }
                digits.append(Character(String(rest % 10)))
                rest /= 10
                written += 1
            } while rest > 0 || written <= decimals
            return (value < 0 && units > 0 ? "−" : "") + String(digits.reversed())
        }
        var value = 0.000_001_234_5
        while value < 1e13 {
            for sample in [value, -value, value * 0.999_5, value * 1.000_5] {
                #expect(NumberFormat.threeSignificant(sample) == former(sample), "\(sample)")
            }
            value *= 1.37
        }
    }

    @Test(arguments: 0...9)
    func staticFillIsTheFill(colour: Int) {
        #expect(SVGChart.fillText(colour).description == SVGChart.fill(colour))
    }

    @Test func staticBarHeightIsTheBarHeight() {
        #expect(SVGChart.barHeightText.description == SVGChart.fixed(SVGChart.barHeight))
    }

    /// 1-2-5 steps: 0.63 → 1, 16.3 → 20, 3 → 5, 7 → 10, 5 → 5; nothing to span → 1.
    @Test(arguments: [(0.63, 1.0), (16.3, 20.0), (3.0, 5.0), (7.0, 10.0), (5.0, 5.0), (0, 1), (-3, 1)])
    func niceSteps(rough: Double, step: Double) {
        #expect(SVGChart.Scale.niceStep(rough) == step)
    }
}
