import Testing
@testable import ParamScopeCore

/// The seed article's own table: LLaMA-1, Touvron et al. 2023, Table 2.
@Suite struct LlamaTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String, layers: Int, hidden: Int, heads: Int, ffn: Int
        /// Hugging Face LlamaForCausalLM's parameter count (shared corpus, hf_param_oracle.py).
        var exact: Int
        var description: String { name }
    }

    static let cases = [
        Case(name: "LLaMA-7B", layers: 32, hidden: 4096, heads: 32, ffn: 11008, exact: 6_738_415_616),
        Case(name: "LLaMA-13B", layers: 40, hidden: 5120, heads: 40, ffn: 13824, exact: 13_015_864_320),
        Case(name: "LLaMA-33B", layers: 60, hidden: 6656, heads: 52, ffn: 17920, exact: 32_528_943_616),
        Case(name: "LLaMA-65B", layers: 80, hidden: 8192, heads: 64, ffn: 22016, exact: 65_285_660_672),
    ]

    static func spec(_ c: Case) -> ModelSpec {
        Preset.spec("llama", name: c.name, layers: c.layers, hidden: c.hidden, heads: c.heads, ffn: c.ffn, vocab: 32000)!
    }

    @Test(arguments: cases)
    func exactTotal(_ c: Case) throws {
        let inventory = try Estimator.inventory(for: Self.spec(c))
        #expect(try inventory.total() == c.exact)
        #expect(try inventory.active() == c.exact)
    }

    @Test(arguments: cases)
    func componentsSumToTotal(_ c: Case) throws {
        let inventory = try Estimator.inventory(for: Self.spec(c))
        #expect(try inventory.components().map(\.count).reduce(0, +) == inventory.total())
    }

    /// LLaMA-7B by hand: per layer 4h² attention + 3·h·ffn gated MLP + 2h RMSNorm γ;
    /// V·h embedding, V·h untied head, h final norm.
    @Test func llama7BByHand() throws {
        let h = 4096, ffn = 11008, V = 32000, L = 32
        let perLayer = 4 * h * h + 3 * h * ffn + 2 * h
        let total = L * perLayer + V * h + V * h + h
        #expect(total == 6_738_415_616)
        let components = try Estimator.inventory(for: Self.spec(Self.cases[0])).components()
        #expect(components[.attention] == L * 4 * h * h)
        #expect(components[.mlp] == L * 3 * h * ffn)
        #expect(components[.norm] == L * 2 * h + h)
        #expect(components[.embedding] == V * h)
        #expect(components[.head] == V * h)
    }

    /// The seed article's numbers for LLaMA-7B (DESIGN: 6,573,522,944 and 6,705,127,424).
    @Test func seedFormulas() throws {
        let seed = try SeedFormula(Self.spec(Self.cases[0]))
        #expect(seed.approx == 12 * 32 * 4096 * 4096 + 32000 * 4096)
        #expect(seed.approx == 6_573_522_944)
        #expect(seed.full == 32 * (12 * 4096 * 4096 + 4 * 4096) + 32000 * 4096 + 2 * 4096 + 32000 * 4096)
        #expect(seed.full == 6_705_127_424)
    }
}
