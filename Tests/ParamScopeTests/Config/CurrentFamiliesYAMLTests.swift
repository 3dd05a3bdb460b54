import Testing
@testable import ParamScope
@testable import ParamScopeCore

/// The 2024–2026 families through native YAML fields alone (no config.json): each entry is the
/// published shape of a model whose count the oracle gave for its config.json (HFCorpusTests).
@Suite struct CurrentFamiliesYAMLTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var fields: String
        var total: Int
        var active: Int
    }

    static let cases: [Case] = [
        Case(description: "gpt-oss-20b", fields: """
            architecture: gpt_oss, layers: 24, hidden: 2880, heads: 64, kv_heads: 8, head_dim: 64, ffn: 2880,
            vocab: 201088, experts: 32, experts_per_token: 4
            """, total: 20_914_757_184, active: 4_187_440_704),
        Case(description: "gemma-3-1b", fields: """
            architecture: gemma3_text, layers: 26, hidden: 1152, heads: 4, kv_heads: 1, head_dim: 256, ffn: 6912,
            vocab: 262144, sliding_window: 512
            """, total: 999_885_952, active: 999_885_952),
        Case(description: "deepseek-v3.2-exp", fields: """
            architecture: deepseek_v32, layers: 61, hidden: 7168, heads: 128, ffn: 18432, vocab: 129280,
            index_heads: 64, index_head_dim: 128
            """, total: 671_877_929_216, active: 38_403_807_488),
        Case(description: "ernie-4.5-21b-a3b", fields: """
            architecture: ernie4_5_moe, layers: 28, hidden: 2560, heads: 20, kv_heads: 4, head_dim: 128, ffn: 12288,
            vocab: 103424, experts: 64, experts_per_token: 6, expert_ffn: 1536, shared_experts: 2, shared_expert_ffn: 1536,
            first_dense_layers: 1, router_correction: true
            """, total: 21_825_437_888, active: 3_352_150_208),
        Case(description: "llama-4-maverick text", fields: """
            architecture: llama4_text, layers: 48, hidden: 5120, heads: 40, kv_heads: 8, head_dim: 128, ffn: 16384,
            vocab: 202048, experts: 128, expert_ffn: 8192, shared_expert_ffn: 8192, sparse_every: 2
            """, total: 400_711_848_960, active: 17_184_691_200),
        // The same through the explicit list: layers 1, 3, …, 47.
        Case(description: "llama-4-maverick text, moe_layers", fields: """
            architecture: llama4_text, layers: 48, hidden: 5120, heads: 40, kv_heads: 8, head_dim: 128, ffn: 16384,
            vocab: 202048, experts: 128, moe_layers: [\((0..<24).map { String(2 * $0 + 1) }.joined(separator: ", "))]
            """, total: 400_711_848_960, active: 17_184_691_200),
        Case(description: "apertus-8b", fields: """
            architecture: apertus, layers: 32, hidden: 4096, heads: 32, kv_heads: 8, ffn: 21504, vocab: 131072
            """, total: 8_053_338_176, active: 8_053_338_176),
        Case(description: "command-r7b", fields: """
            architecture: cohere2, layers: 32, hidden: 4096, heads: 32, kv_heads: 8, ffn: 14336, vocab: 256000
            """, total: 8_028_033_024, active: 8_028_033_024),
        Case(description: "glm-4.5-air", fields: """
            architecture: glm4_moe, layers: 46, hidden: 4096, heads: 96, kv_heads: 8, head_dim: 42, ffn: 10944, vocab: 151552
            """, total: 103_481_200_640, active: 10_053_079_040),
    ]

    @Test(arguments: cases)
    func native(_ c: Case) throws {
        let yaml = "models:\n  - {name: M, \(c.fields.replacing("\n", with: " "))}\n"
        let result = try HFCorpusTests.result([try TestSupport.write(yaml)])
        #expect(result.total == c.total)
        #expect(result.active == c.active)
        #expect(result.worked.seed + result.worked.steps.map(\.delta).reduce(0, +) == c.total)
    }

    /// `layer_types` and `sliding_window_pattern` say the same thing; a wrong length is an error at the field.
    @Test func layerTypes() throws {
        let base = "{name: M, architecture: gemma3_text, layers: 4, hidden: 64, heads: 4, head_dim: 16, ffn: 128, vocab: 10"
        let listed = try HFCorpusTests.result([try TestSupport.write("models:\n  - \(base), sliding_window: 8, layer_types: [sliding, sliding, sliding, full]}\n")])
        let period = try HFCorpusTests.result([try TestSupport.write("models:\n  - \(base), sliding_window: 8, sliding_window_pattern: 4}\n")])
        #expect(listed.memory.kvCacheBytes == period.memory.kvCacheBytes)
        // 3 layers × 8 tokens + 1 × 4096, of 2 · 4 · 16 values, 2 bytes each.
        #expect(listed.memory.kvCacheBytes == (3 * 8 + 4096) * 2 * 4 * 16 * 2)
        let line = "  - \(base), layer_types: [full, full]}"
        let path = try TestSupport.write("models:\n\(line)\n")
        let column = line.distance(from: line.startIndex, to: line.firstIndex(of: "[")!) + 1
        #expect(TestSupport.diagnostics([path]) == ["\(path):2:\(column): error: `layer_types` has 2 entries for 4 layers; give one per layer"])
    }
}
