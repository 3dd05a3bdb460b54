import Testing
@testable import ParamScopeCore

/// `generic` is the seed article's Transformer, so its exact count is the article's formula.
@Suite struct GenericTests {
    /// L = 2, h = 8, V = 10: per layer 4h² (Q,K,V,O) = 256, 8h² (h→4h→h) = 512, 4h (two
    /// LayerNorms, γ and β) = 32, so 800; embeddings V·h = 80 (tied head), final LayerNorm 2h = 16.
    /// 2·800 + 80 + 16 = 1,696.
    @Test func tinyByHand() throws {
        let spec = Preset.spec("generic", name: "tiny", layers: 2, hidden: 8, heads: 2, ffn: nil, vocab: 10)!
        let inventory = try Estimator.inventory(for: spec)
        #expect(try inventory.total() == 1_696)
        let components = try inventory.components()
        #expect(components[.attention] == 2 * 256)
        #expect(components[.mlp] == 2 * 512)
        #expect(components[.norm] == 2 * 32 + 16)
        #expect(components[.embedding] == 80)
        #expect(components[.head] == 0)
        #expect(try SeedFormula(spec).full == 1_696)
        #expect(try SeedFormula(spec).approx == 2 * 12 * 64 + 80)
    }

    /// GPT-2 small's shape without biases or positions: 12·(12·768² + 4·768) + 50257·768 + 2·768.
    @Test func gpt2ShapeMatchesSeedFull() throws {
        let spec = Preset.spec("generic", name: "gpt2-like", layers: 12, hidden: 768, heads: 12, ffn: nil, vocab: 50257)!
        let expected = 12 * (12 * 768 * 768 + 4 * 768) + 50257 * 768 + 2 * 768
        #expect(try Estimator.inventory(for: spec).total() == expected)
    }

    @Test func overflowIsAnErrorNotATrap() {
        let spec = Preset.spec("generic", name: "huge", layers: 1 << 20, hidden: 1 << 30, heads: 1, ffn: nil, vocab: 1)!
        #expect(throws: ArithmeticOverflow.self) { try Estimator.inventory(for: spec) }
        #expect(throws: ArithmeticOverflow.self) { try SeedFormula(spec) }
    }
}
