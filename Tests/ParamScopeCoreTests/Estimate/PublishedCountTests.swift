import Testing
@testable import ParamScopeCore

@Suite struct PublishedCountTests {
    @Test(arguments: [
        ("6.7B", 6_700_000_000, 2),
        ("8.03B", 8_030_000_000, 3),
        ("13.0B", 13_000_000_000, 3),
        ("124M", 124_000_000, 3),
        ("560M", 560_000_000, 2),
        ("1.5T", 1_500_000_000_000, 2),
        ("70B", 70_000_000_000, 1),
        ("10B", 10_000_000_000, 1),
        ("0.5B", 500_000_000, 1),
        ("0.05B", 50_000_000, 1),
        ("6738415616", 6_738_415_616, 10),
        ("6,738,415,616", 6_738_415_616, 10),
        ("110M", 110_000_000, 2),
        ("1,000,000", 1_000_000, 1),
    ])
    func parses(_ text: String, _ value: Int, _ significantDigits: Int) throws {
        let count = try #require(PublishedCount(text))
        #expect(count.value == value)
        #expect(count.significantDigits == significantDigits)
    }

    @Test(arguments: ["", "B", "6.7X", "-7B", "6..7B", "1,23,456", "7.B", "abc", "99999999999T", "0", "1e9", "6,7B"])
    func rejects(_ text: String) {
        #expect(PublishedCount(text) == nil)
    }

    /// 8.03B must be 803 × 10⁷ exactly; through floating point 8.03 × 10⁹ is 8,029,999,999.99…
    @Test func decimalsAreExact() {
        #expect(PublishedCount("8.03B")?.value == 803 * 10_000_000)
        #expect(PublishedCount("0.35B")?.value == 350_000_000)
    }

    @Test(arguments: [
        // 65,285,660,672 truncates to 65.2B (rounding would give 65.3B).
        ("65.2B", 65_285_660_672, true),
        ("6.7B", 6_738_415_616, true),
        ("13.0B", 13_015_864_320, true),
        ("32.5B", 32_528_943_616, true),
        // Mistral: 7,241,732,096 is 7.2B either way.
        ("7.3B", 7_241_732_096, false),
        ("350M", 331_196_416, false),
        ("7B", 8_537_680_896, false),
        ("770M", 738_000_000, false),
        ("560M", 559_214_592, true),
        ("70B", 68_976_648_192, true),
        ("6,738,415,616", 6_738_415_616, true),
        ("6,738,415,617", 6_738_415_616, false),
        // The example: 6,738,415,616 to two significant digits is 6.7B (either way), to
        // one 7B (rounded) or 6B (truncated) — never 10B, which rounding at the place of 10B's
        // last digit (10¹⁰) had made consistent.
        ("7B", 6_738_415_616, true),
        ("6B", 6_738_415_616, true),
        ("10B", 6_738_415_616, false),
        ("6.8B", 6_738_415_616, false),
        // 9.6B rounds up to one digit: 10B. 999,885,952 rounds to 1B (Gemma 3 1B).
        ("10B", 9_600_000_000, true),
        ("1B", 999_885_952, true),
        // "1,000,000,000" has one significant digit: 999,999,999 rounds to it.
        ("1,000,000,000", 999_999_999, true),
        ("1,000,000,001", 999_999_999, false),
        // Half rounds up: 6.75B → 6.8B.
        ("6.8B", 6_750_000_000, true),
        ("6.8B", 6_749_999_999, false),
    ])
    func consistency(_ text: String, _ exact: Int, _ consistent: Bool) throws {
        #expect(try #require(PublishedCount(text)).isConsistent(with: exact) == consistent)
    }
}
