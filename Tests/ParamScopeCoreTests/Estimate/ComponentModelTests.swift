import Testing
@testable import ParamScopeCore

/// The component model's parts: tensor names and roles a checkpoint reader compares, sparse
/// layer rules, and the worked calculation's steps by hand.
@Suite struct ComponentModelTests {
    static func inventory(_ spec: ModelSpec) throws -> [String: TensorEntry] {
        let tensors = try Estimator.inventory(for: spec).tensors
        return Dictionary(tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// GPT-2 stores Conv1D weights `[in, out]`: c_attn is 768 × 2304 (Q, K, V fused).
    @Test func gpt2NamesAndShapes() throws {
        var spec = Preset.spec("gpt2", name: "gpt2", layers: 12, hidden: 768, heads: 12, ffn: nil, vocab: 50257)!
        spec.maxPositions = 1024
        let tensors = try Self.inventory(spec)
        let qkv = try #require(tensors["h.{layer}.attn.c_attn.weight"])
        #expect(qkv.shape == [768, 2304])
        #expect(qkv.role == .attentionQKV)
        #expect(qkv.layers == 12)
        #expect(tensors["h.{layer}.mlp.c_fc.weight"]?.shape == [768, 3072])
        #expect(tensors["wte.weight"]?.role == .tokenEmbedding)
        #expect(tensors["wpe.weight"]?.shape == [1024, 768])
        #expect(tensors["ln_f.bias"] != nil)
        #expect(tensors["lm_head.weight"] == nil)
    }

    /// Mixtral: 8 experts per layer, 2 active, roles ffnGate/ffnUp/ffnDown, router `[E, h]`.
    @Test func mixtralExperts() throws {
        var spec = Preset.spec("mixtral", name: "m", layers: 32, hidden: 4096, heads: 32, ffn: 14336, vocab: 32000)!
        spec.kvHeads = 8
        let tensors = try Self.inventory(spec)
        let w1 = try #require(tensors["model.layers.{layer}.block_sparse_moe.experts.{expert}.w1.weight"])
        #expect(w1.role == .ffnGate && w1.experts == 8 && w1.activeExperts == 2 && w1.shape == [14336, 4096])
        #expect(tensors["model.layers.{layer}.block_sparse_moe.experts.{expert}.w2.weight"]?.role == .ffnDown)
        #expect(tensors["model.layers.{layer}.block_sparse_moe.gate.weight"]?.shape == [8, 4096])
        #expect(tensors["model.layers.{layer}.mlp.up_proj.weight"] == nil)
    }

    /// Qwen-MoE's rule is (i + 1) % step == 0 minus mlp_only_layers; DeepSeek's is i ≥ k.
    @Test func sparseLayers() {
        var qwen = ExpertSpec(experts: 8, expertsPerToken: 2, expertFFN: 64, sparseEvery: 2, denseLayers: [3])
        #expect((0..<8).filter(qwen.isSparse) == [1, 5, 7])
        qwen.sparseOffset = 0
        #expect((0..<8).filter(qwen.isSparse) == [0, 2, 4, 6])
        let deepseek = ExpertSpec(experts: 8, expertsPerToken: 2, expertFFN: 64, firstDenseLayers: 3, sparseOffset: 0)
        #expect((0..<6).filter(deepseek.isSparse) == [3, 4, 5])
    }

    /// Layer sets become as few arithmetic runs as it takes.
    @Test func layerRuns() {
        #expect(LayerRange.covering([1, 5, 7]) == [LayerRange(first: 1, count: 2, stride: 4), LayerRange(first: 7, count: 1)])
        #expect(LayerRange.covering([3, 4, 5]) == [LayerRange(first: 3, count: 3)])
        #expect(LayerRange.covering([0, 2, 4, 6]) == [LayerRange(first: 0, count: 4, stride: 2)])
        #expect(LayerRange.covering([]) == [])
    }

    /// Mistral-7B (L = 32, h = 4096, 8 KV heads of 128, ffn 14336, V = 32000, untied) by hand:
    /// GQA: 32 × 2 × 4096 × (1024 − 4096) = −805,306,368;
    /// gated MLP: 32 × (3 × 4096 × 14336 − 8 × 4096²) = 1,342,177,280;
    /// norms: 32 × (2 × 4096 − 4 × 4096) = −262,144; final: 4096 − 8192 = −4,096.
    /// seed_full = 32 × (12 × 4096² + 4 × 4096) + 2 × 32000 × 4096 + 2 × 4096 = 6,705,127,424,
    /// and 6,705,127,424 − 805,306,368 + 1,342,177,280 − 262,144 − 4,096 = 7,241,732,096 (the corpus count).
    @Test func mistralWorkedByHand() throws {
        var spec = Preset.spec("mistral", name: "Mistral-7B", layers: 32, hidden: 4096, heads: 32, ffn: 14336, vocab: 32000)!
        spec.kvHeads = 8
        let worked = try WorkedCalculation(spec)
        #expect(worked.seed == 6_705_127_424)
        #expect(worked.steps.map(\.kind) == [.attentionKeyValue, .mlp, .layerNorms, .finalNorm])
        #expect(worked.steps.map(\.delta) == [-805_306_368, 1_342_177_280, -262_144, -4_096])
        #expect(worked.steps[0].label == "GQA: K and V are kv_heads·head_dim = 8·128 = 1024 wide, not h = 4096")
        #expect(worked.steps[0].formula == "32 × (1024×4096 + 1024×4096) − 2 × 32 × 4096²")
        #expect(worked.total == 7_241_732_096)
    }

    /// The generic preset is the seed formula itself: no steps.
    @Test func genericHasNoCorrections() throws {
        let spec = Preset.spec("generic", name: "g", layers: 2, hidden: 8, heads: 2, ffn: nil, vocab: 10)!
        #expect(try WorkedCalculation(spec).steps.isEmpty)
    }

    /// Sizes beyond 2³⁰ are refused before any width product could wrap.
    @Test func absurdSizesAreRefused() {
        var spec = Preset.spec("llama", name: "x", layers: 2, hidden: 64, heads: 4, ffn: 128, vocab: 10)!
        spec.vocab = 1 << 40
        #expect(spec.validate().map(\.field) == ["vocab"])
    }
}
