import Testing
@testable import ParamScope
@testable import ParamScopeCore

/// The KV cache follows the layer pattern read from config.json: sliding layers capped at their
/// window, chunked layers at their chunk, latent attention at its latent width (README,
/// "Storage and memory", with the same arithmetic).
@Suite struct LayerPatternKVCacheTests {
    static func kvCache(_ file: String, context: Int) throws -> Int {
        let spec = try HFConfigImporter.spec(fromFile: HFCorpusTests.path(file), name: file)
        return try MemoryEstimate.kvCache(spec, context: context, batch: 1, type: .bf16)
    }

    @Test func slidingLayersKeepTheirWindow() throws {
        // Gemma 3 1B: layers 5, 11, 17, 23 full, 22 sliding over 512; one KV head of 256.
        #expect(try Self.kvCache("gemma-3-1b.json", context: 32768) == (22 * 512 + 4 * 32768) * 2 * 1 * 256 * 2)
        // gpt-oss-20b: 12 sliding layers of 128 and 12 full, 8 KV heads of 64.
        #expect(try Self.kvCache("gpt-oss-20b.json", context: 131_072) == (12 * 128 + 12 * 131_072) * 2 * 8 * 64 * 2)
        // Below the window every layer keeps the whole context.
        #expect(try Self.kvCache("gpt-oss-20b.json", context: 100) == 24 * 100 * 2 * 8 * 64 * 2)
        // Command R7B: 3 sliding layers of 4096 in 4.
        #expect(try Self.kvCache("command-r7b.json", context: 8192) == (24 * 4096 + 8 * 8192) * 2 * 8 * 128 * 2)
    }

    @Test func chunkedAndLatentLayers() throws {
        // Llama 4 Maverick's text model: 36 chunked layers (8192-token chunks), 12 full NoPE layers.
        #expect(try Self.kvCache("llama-4-maverick-text.json", context: 131_072) == (36 * 8192 + 12 * 131_072) * 2 * 8 * 128 * 2)
        // DeepSeek-V3.2: latent 512 + rope key 64 + the indexer's key 128, every layer.
        #expect(try Self.kvCache("deepseek-v3.2-exp.json", context: 4096) == 61 * 4096 * (512 + 64 + 128) * 2)
    }

    /// The pattern read from `layer_types` and NoPE lists (rotary positions change no count).
    @Test func patternsAsRead() throws {
        let smol = try HFConfigImporter.spec(fromFile: HFCorpusTests.path("smollm3-3b.json"), name: "S")
        #expect(smol.pattern.count { $0.mixer.attentionLayer?.rope == false } == 9)
        let cohere = try HFConfigImporter.spec(fromFile: HFCorpusTests.path("command-r7b.json"), name: "C")
        #expect(cohere.pattern.count { $0.mixer == .attention(AttentionLayer(rope: false)) } == 8)
        let ernie = try HFConfigImporter.spec(fromFile: HFCorpusTests.path("ernie-4.5-21b-a3b.json"), name: "E")
        #expect(ernie.pattern.runs.map(\.count) == [1, 27])
    }
}
