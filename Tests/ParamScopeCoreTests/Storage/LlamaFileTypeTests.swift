import Testing
@testable import ParamScopeCore

/// llama.cpp's per-tensor choices, against hand arithmetic and published GGUF file sizes.
@Suite struct LlamaFileTypeTests {
    static func llama(layers: Int, hidden: Int, heads: Int, kvHeads: Int? = nil, ffn: Int, vocab: Int) -> ModelSpec {
        var spec = Preset.spec("llama", name: "m", layers: layers, hidden: hidden, heads: heads, ffn: ffn, vocab: vocab)!
        if let kvHeads { spec.kvHeads = kvHeads }
        return spec
    }

    @Test func useMoreBitsPicksHalfOfLlama2_7B() {
        // n = 32: layers < 4, ≥ 28, and (i − 4) % 3 == 2 → 6, 9, ..., 27: 4 + 4 + 8 = 16.
        let picked = (0..<32).filter { LlamaFileType.useMoreBits($0, 32) }
        #expect(picked == [0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 30, 31])
    }

    /// Llama-2-7B Q4_K_M by hand (h = 4096, ffn = 11008, V = 32000, 32 layers):
    /// token_embd Q4_K 32000·4096/256·144 = 73,728,000; output Q6_K ·210 = 107,520,000;
    /// attn_q, attn_k, attn_output Q4_K 3·32·9,437,184 = 905,969,664;
    /// attn_v 16 layers Q6_K (13,762,560) + 16 Q4_K (9,437,184) = 371,195,904;
    /// ffn_gate, ffn_up Q4_K 2·32·25,362,432 = 1,623,195,648;
    /// ffn_down 16 Q6_K (36,986,880) + 16 Q4_K (25,362,432) = 997,588,992;
    /// norms F32 (65 · 4096 · 4) = 1,064,960. Sum 4,080,263,168.
    static let llama2_7B_Q4_K_M = 4_080_263_168

    @Test func llama2_7B_Q4_K_M_byHand() throws {
        let spec = Self.llama(layers: 32, hidden: 4096, heads: 32, ffn: 11008, vocab: 32000)
        let inventory = try Estimator.inventory(for: spec)
        #expect(try LlamaFileType.q4_K_M.bytes(of: inventory, architecture: "llama") == Self.llama2_7B_Q4_K_M)
    }

    /// Published GGUF files of Llama-2-7B, exact byte sizes:
    /// - TheBloke/Llama-2-7B-GGUF `llama-2-7b.Q4_K_M.gguf`: 4,081,004,224 bytes (an `ls -l` of the
    ///   downloaded file; the same size is the Hugging Face LFS size of TheBloke/Llama-2-7B-Chat-GGUF
    ///   `llama-2-7b-chat.Q4_K_M.gguf`; the README table prints 4.08 GB);
    /// - TheBloke/Llama-2-7B-Chat-GGUF `llama-2-7b-chat.Q8_0.gguf`: 7,161,089,728 bytes (its
    ///   Hugging Face file listing).
    /// A file is its header (metadata, the 32,000-token vocabulary, tensor infos) plus the tensor
    /// data. The header does not depend on the quantization, so if our tensor bytes are exact,
    /// both files must leave the same remainder: 741,056 bytes each. Q8_0 by hand: the 2-D
    /// tensors, 6,738,415,616 − 65·4096 = 6,738,149,376 weights, ÷ 32 × 34 = 7,159,283,712, plus
    /// the norms in F32 1,064,960 = 7,160,348,672.
    @Test func llama2_7BAgainstPublishedFiles() throws {
        let spec = Self.llama(layers: 32, hidden: 4096, heads: 32, ffn: 11008, vocab: 32000)
        let inventory = try Estimator.inventory(for: spec)
        let q8 = try LlamaFileType.q8_0.bytes(of: inventory, architecture: "llama")
        #expect(q8 == 7_160_348_672)
        let q4Header = 4_081_004_224 - Self.llama2_7B_Q4_K_M
        let q8Header = 7_161_089_728 - q8
        #expect(q4Header == q8Header)
        #expect(q4Header == 741_056)
    }

    /// localmodels/Llama-2-13B-ggml (README, "Provided files"): llama-2-13b.ggmlv3.q4_K_M.bin
    /// 7.87 GB and q3_K_L 6.93 GB, printed with two decimals. The same 32,000-token vocabulary
    /// (< 1 MB) rides along, so tensor data + [0, 1 MB) must round to the printed figure.
    /// (The same table's q4_0 and q4_K_S were made before llama.cpp gave the output head Q6_K and
    /// Q4_K_S its extra bits, so they are not rules of today's llama.cpp.)
    @Test(arguments: [(LlamaFileType.q4_K_M, 787), (.q3_K_L, 693)])
    func llama2_13B_againstPublishedFiles(_ fileType: LlamaFileType, centiGB: Int) throws {
        let spec = Self.llama(layers: 40, hidden: 5120, heads: 40, ffn: 13824, vocab: 32000)
        let bytes = try fileType.bytes(of: Estimator.inventory(for: spec), architecture: "llama")
        for withHeader in [bytes, bytes + 999_999] {
            let rounded = (withHeader + 5_000_000) / 10_000_000
            #expect(rounded == centiGB, "\(fileType.label): \(withHeader) bytes")
        }
    }

    /// Qwen2-0.5B: rows of 896 do not split into 256-weight blocks. attn_q 896×896 falls back
    /// Q4_K → Q5_0 (896/32 blocks of 22 bytes per row); the tied embedding is the output head:
    /// Q6_K wanted, row not a multiple of 256 → Q8_0; ffn_down's rows of 4864 = 19·256 split.
    @Test func qwen2FallbackBelow256() throws {
        let q = TensorEntry("q", shape: [896, 896], component: .attention, role: .attentionQuery, layers: 24, firstLayer: 0)
        let embedding = TensorEntry("e", shape: [151936, 896], component: .embedding, role: .tokenEmbedding)
        let down = TensorEntry("d", shape: [896, 4864], component: .mlp, role: .ffnDown, layers: 24, firstLayer: 0)
        let inventory = Inventory([embedding, q, down])
        let context = QuantizationContext(inventory)
        #expect(context.tied)
        #expect(LlamaFileType.q4_K_M.type(of: q, layer: 0, context: context) == .q5_0)
        #expect(LlamaFileType.q4_K_M.type(of: embedding, layer: 0, context: context) == .q8_0)
        // use_more_bits(0, 24): Q6_K; layer 4 (≥ 3, (4 − 3) % 3 = 1): Q4_K.
        #expect(LlamaFileType.q4_K_M.type(of: down, layer: 0, context: context) == .q6_K)
        #expect(LlamaFileType.q4_K_M.type(of: down, layer: 4, context: context) == .q4_K)
        let embeddingBytes = 151936 * 896 / 32 * 34
        let qBytes = 24 * 896 * 896 / 32 * 22
        #expect(try LlamaFileType.q4_K_M.bytes(of: Inventory([embedding, q])) == embeddingBytes + qBytes)
    }

    /// Falcon-7B: rows of 4544 (= 17.75·256). The output head is Q8_0 for Falcon; the fused
    /// attn_qkv is attn_v-like: Q6_K in use_more_bits layers → Q8_0 fallback, else Q4_K → Q5_0.
    @Test func falconFallback() throws {
        let output = TensorEntry("lm_head.weight", shape: [65024, 4544], component: .head, role: .output)
        let qkv = TensorEntry("qkv", shape: [4672, 4544], component: .attention, role: .attentionQKV, layers: 32, firstLayer: 0)
        let inventory = Inventory([output, qkv])
        let context = QuantizationContext(inventory, architecture: "falcon")
        #expect(LlamaFileType.q4_K_M.type(of: output, layer: 0, context: context) == .q8_0)
        #expect(LlamaFileType.q4_K_M.type(of: qkv, layer: 0, context: context) == .q8_0)
        #expect(LlamaFileType.q4_K_M.type(of: qkv, layer: 4, context: context) == .q5_0)
        // 16 layers Q8_0, 16 layers Q5_0, plus the head in Q8_0.
        let perMatrix = 4672 * 4544 / 32
        let expected = 16 * perMatrix * 34 + 16 * perMatrix * 22 + 65024 * 4544 / 32 * 34
        #expect(try LlamaFileType.q4_K_M.bytes(of: inventory, architecture: "falcon") == expected)
    }

    /// Llama-2-70B (80 layers, GQA 8): llama.cpp calls it 70B and gives attn_v Q5_K where Q4_K_M
    /// would pick Q4_K; LLaMA-65B (MHA) is "65B" and is not bumped.
    @Test func seventyBBump() throws {
        let gqa = Inventory(try Estimator.inventory(for: Self.llama(layers: 80, hidden: 8192, heads: 64, kvHeads: 8,
                                                                   ffn: 28672, vocab: 32000)).tensors)
        let context = QuantizationContext(gqa, architecture: "llama")
        #expect(context.gqa == 8 && context.is70B)
        let value = try #require(gqa.tensors.first { $0.role == .attentionValue })
        // Layer 11: not use_more_bits(11, 80) ((11 − 10) % 3 = 1), so Q4_K, bumped to Q5_K.
        #expect(LlamaFileType.q4_K_M.type(of: value, layer: 11, context: context) == .q5_K)
        #expect(LlamaFileType.q4_K_M.type(of: value, layer: 0, context: context) == .q6_K)
        let mha = QuantizationContext(try Estimator.inventory(for: Self.llama(layers: 80, hidden: 8192, heads: 64,
                                                                             ffn: 22016, vocab: 32000)), architecture: "llama")
        #expect(!mha.is70B)
    }
}
