import Testing
@testable import ParamScope

/// Numbers as people read them. Each expected string is worked out by hand in its comment.
@Suite struct NumberFormatTests {
    @Test(arguments: [
        (6_738_415_616, "6,738,415,616"),  // LLaMA-7B's exact count (DESIGN)
        (0, "0"),
        (999, "999"),
        (1000, "1,000"),
        (-1_234_567, "\u{2212}1,234,567"),  // a real minus sign, U+2212
    ])
    func grouped(value: Int, expected: String) {
        #expect(NumberFormat.grouped(value) == expected)
    }

    @Test(arguments: [
        (6_738_415_616, "6.74B"),    // 6.738… → 3 significant digits
        (13_015_864_320, "13.0B"),   // 13.01… → "13.0", the trailing zero is significant
        (65_285_660_672, "65.3B"),
        (124_439_808, "124M"),       // GPT-2 small: 124.4… → 124
        (266_240, "266K"),           // LLaMA-7B's norms: 65 × 4096
        (999_999, "1.00M"),          // 999.999K rounds to 1000K: written in the next unit
        (999_499, "999K"),
        (950, "950"),                // below a thousand: the number itself
        (1_500_000_000_000, "1.50T"),
    ])
    func parameters(value: Int, expected: String) {
        #expect(NumberFormat.parameters(value) == expected)
    }

    @Test(arguments: [
        (13_476_831_232, "13.5 GB", "12.6 GiB"),  // 13.48e9; / 2³⁰ = 12.55…
        (26_953_662_464, "27.0 GB", "25.1 GiB"),  // FP32 LLaMA-7B (README): 26.95e9; 25.10… GiB
        (2_147_483_648, "2.15 GB", "2.00 GiB"),   // 2³¹ bytes = 2 GiB exactly
    ])
    func bytes(value: Int, gigabytes: String, gibibytes: String) {
        #expect(NumberFormat.gigabytes(value) == gigabytes)
        #expect(NumberFormat.gibibytes(value) == gibibytes)
    }

    @Test(arguments: [
        (0.005733674029850746, "+0.57%"),   // LLaMA-7B vs 6.7B
        (-0.0899, "\u{2212}8.99%"),         // negative: real minus sign
        (0.0, "0.00%"),
        (-0.00004, "0.00%"),                // rounds to zero: no "−0.00%"
        (0.12345, "+12.35%"),               // 1234.5 hundredths round half away from zero
        (-1.0, "\u{2212}100.00%"),
    ])
    func percent(fraction: Double, expected: String) {
        #expect(NumberFormat.percent(fraction) == expected)
    }

    @Test(arguments: [
        (9.996, "10.0"),    // carries into the next decade: one decimal fewer
        (99.96, "100"),
        (0.5, "0.500"),
        (123.4, "123"),
        (-1.234, "\u{2212}1.23"),
        (0.000210688, "0.000211"),  // a 105K-parameter model's BF16 weights in GB
        (0.0009996, "0.00100"),     // carries: 0.000999|6 → 0.00100
        (0.0, "0"),
        (-0.0, "0"),
    ])
    func threeSignificant(value: Double, expected: String) {
        #expect(NumberFormat.threeSignificant(value) == expected)
    }
}
