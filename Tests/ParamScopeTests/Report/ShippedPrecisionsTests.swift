import ParamScopeCore
import Testing
@testable import ParamScope

/// The release note's default precisions follow what `StorageFormat` knows (DESIGN: bf16,
/// int8/q8_0, q4_k_m, nf4).
@Suite struct ShippedPrecisionsTests {
    static func lookup(_ known: [String]) -> (String) -> StorageFormat? {
        { name in known.contains(name) ? StorageFormat.uniform(name, label: name.uppercased(), bits: 8, rule: "test") : nil }
    }

    @Test(arguments: [
        (["fp32", "fp16", "bf16", "int8", "int4"], ["bf16", "int8", "int4"]),
        (["fp32", "bf16", "int8", "int4", "q8_0", "q4_k_m", "nf4"], ["bf16", "q8_0", "q4_k_m", "nf4"]),
        (["bf16", "int8", "int4", "q4_k_m"], ["bf16", "int8", "q4_k_m"]),
        (["fp32"], []),
    ])
    func formats(known: [String], expected: [String]) {
        #expect(ShippedPrecisions.formats(named: Self.lookup(known)).map(\.name) == expected)
    }

    /// With today's formats: markdown gets the short list, the other formats every one.
    @Test func defaults() {
        #expect(EstimateFormat.markdown.defaultFormats.map(\.name) == ShippedPrecisions.formats().map(\.name))
        #expect(EstimateFormat.table.defaultFormats.map(\.name) == StorageFormat.all.map(\.name))
    }
}
