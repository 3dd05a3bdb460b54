import Testing
@testable import ParamScopeCore

/// KV cache, training memory and FLOPs against their formulas.
@Suite struct MemoryTests {
    /// Llama-2-70B (GQA): 80 layers, 8 KV heads of 128 (Touvron et al. 2023b; config.json).
    static let llama2_70B: ModelSpec = {
        var spec = Preset.spec("llama", name: "Llama-2-70B", layers: 80, hidden: 8192, heads: 64, ffn: 28672, vocab: 32000)!
        spec.kvHeads = 8
        return spec
    }()

    /// DeepSeek-V2-Lite (MLA): 27 layers, kv_lora_rank 512, qk_rope_head_dim 64 (its config.json).
    static let deepSeekV2Lite: ModelSpec = {
        var spec = Preset.spec("llama", name: "DeepSeek-V2-Lite", layers: 27, hidden: 2048, heads: 16, ffn: 10944, vocab: 102400)!
        spec.headDim = 192
        spec.attention.latent = LatentAttention(qLoraRank: nil, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128)
        return spec
    }()

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var spec: ModelSpec
        var context: Int, batch: Int
        var type: KVCacheType
        var bytes: Int
        var description: String { "\(name) \(context)×\(batch) \(type)" }
    }

    static let cases: [Case] = [
        // 2 (K and V) · 80 layers · 8 heads · 128 · 2 bytes = 327,680 bytes per token.
        Case(name: "Llama-2-70B", spec: llama2_70B, context: 4096, batch: 1, type: .bf16, bytes: 2 * 80 * 8 * 128 * 2 * 4096),
        Case(name: "Llama-2-70B", spec: llama2_70B, context: 32768, batch: 4, type: .fp8, bytes: 2 * 80 * 8 * 128 * 32768 * 4),
        // q8_0: 34 bytes per 32 values.
        Case(name: "Llama-2-70B", spec: llama2_70B, context: 4096, batch: 1, type: .q8_0, bytes: 2 * 80 * 8 * 128 * 4096 / 32 * 34),
        // MLA caches 27 · (512 + 64) values per token: 31,104 bytes at 16 bits.
        Case(name: "DeepSeek-V2-Lite", spec: deepSeekV2Lite, context: 4096, batch: 1, type: .bf16, bytes: 27 * (512 + 64) * 2 * 4096),
        Case(name: "DeepSeek-V2-Lite", spec: deepSeekV2Lite, context: 32768, batch: 2, type: .fp32, bytes: 27 * 576 * 4 * 32768 * 2),
    ]

    @Test(arguments: cases)
    func kvCache(_ c: Case) throws {
        #expect(try MemoryEstimate.kvCache(c.spec, context: c.context, batch: c.batch, type: c.type) == c.bytes)
    }

    /// MQA (one KV head, Falcon-7B's 32 layers × 64) and sliding windows: Mistral-7B-v0.1 (every
    /// layer 4096) at 8192 tokens caches 4096; a Gemma-2-like alternation caches half the layers
    /// at the window.
    @Test func mqaAndSlidingWindows() throws {
        var falcon = Preset.spec("generic", name: "falcon", layers: 32, hidden: 4544, heads: 71, ffn: 18176, vocab: 65024)!
        falcon.kvHeads = 1
        falcon.headDim = 64
        #expect(try MemoryEstimate.kvCache(falcon, context: 2048, batch: 1, type: .bf16) == 2 * 32 * 64 * 2 * 2048)

        var mistral = Preset.spec("llama", name: "mistral", layers: 32, hidden: 4096, heads: 32, ffn: 14336, vocab: 32000)!
        mistral.kvHeads = 8
        mistral.mixers = .uniform(.attention(.sliding(4096)))
        #expect(try MemoryEstimate.kvCache(mistral, context: 8192, batch: 1, type: .bf16) == 2 * 8 * 128 * 2 * 32 * 4096)
        #expect(try MemoryEstimate.kvCache(mistral, context: 1024, batch: 1, type: .bf16) == 2 * 8 * 128 * 2 * 32 * 1024)

        var alternating = mistral
        alternating.layers = 42
        alternating.mixers = .cycle([.attention(.sliding(4096)), .attention])
        // 21 sliding layers at 4096 tokens, 21 global layers at 8192.
        #expect(try MemoryEstimate.kvCache(alternating, context: 8192, batch: 1, type: .bf16)
                == 2 * 8 * 128 * 2 * (21 * 4096 + 21 * 8192))
    }

    /// LLaMA-7B: 16 bytes per parameter either way; forward FLOPs 2·(N − V·h) + 2·L·context·h.
    @Test func trainingAndFlops() throws {
        let spec = Preset.spec("llama", name: "LLaMA-7B", layers: 32, hidden: 4096, heads: 32, ffn: 11008, vocab: 32000)!
        let result = try ModelResult(spec: spec, published: nil, context: 2048, batch: 1)
        #expect(result.memory.trainingBytes == 6_738_415_616 * 16)
        #expect(result.memory.trainingFP32Bytes == 6_738_415_616 * 16)
        let nonEmbedding = 6_738_415_616 - 32000 * 4096
        let forward = 2 * nonEmbedding + 2 * 32 * 2048 * 4096
        #expect(result.memory.forwardFlopsPerToken == forward)
        #expect(result.memory.trainingFlopsPerToken == 3 * forward)
        // The DESIGN example: LLaMA-7B's KV cache at 4096 tokens is 2 GiB.
        #expect(try ModelResult(spec: spec, published: nil).memory.kvCacheBytes == 2_147_483_648)
    }
}
