/// The families of 2024–2026. Each is a choice of kinds and sizes — attention options, norms,
/// experts, a layer schedule — with the defaults of its transformers (5.x) config class, never a
/// code path of its own in the estimator.
extension Preset {
    static let current: [String: @Sendable (Sizes) -> ModelSpec] = [
        "gemma3_text": { s in
            var spec = llamaLike(s, "gemma3_text")
            spec.tiedEmbeddings = true
            spec.norms = NormSpec(kind: .rmsNorm, placement: .sandwich)
            spec.attention.qkNorm = .perHead
            spec.mixers = period(sliding: 5, window: 4096, then: .attention)
            return spec
        },
        "gpt_oss": { s in
            var spec = llamaLike(s, "gpt_oss")
            spec.attention.qkvBias = true
            spec.attention.outputBias = true
            spec.attention.sinks = true
            spec.experts = ExpertSpec(experts: 128, expertsPerToken: 4, expertFFN: spec.ffn, routerBias: true, bias: true)
            spec.names.decoder.router = "mlp.router"
            spec.mixers = .cycle([.attention(.sliding(128)), .attention])
            return spec
        },
        "llama4_text": { s in
            // `ffn` is the dense layers' `intermediate_size_mlp`; experts and the shared expert are
            // `intermediate_size` wide.
            var spec = llamaLike(s, "llama4_text")
            spec.attention.qkNorm = .l2
            spec.experts = ExpertSpec(experts: 16, expertsPerToken: 1, expertFFN: 8192, sharedExperts: 1, sharedExpertFFN: 8192)
            spec.mixers = period(sliding: 3, window: 8192, then: .attention(AttentionLayer(rope: false)))
            var names = spec.names.decoder
            names.gate = "feed_forward.gate_proj"
            names.up = "feed_forward.up_proj"
            names.down = "feed_forward.down_proj"
            names.router = "feed_forward.router"
            names.expertGate = "feed_forward.experts.{expert}.gate_proj"
            names.expertUp = "feed_forward.experts.{expert}.up_proj"
            names.expertDown = "feed_forward.experts.{expert}.down_proj"
            names.sharedGate = "feed_forward.shared_expert.gate_proj"
            names.sharedUp = "feed_forward.shared_expert.up_proj"
            names.sharedDown = "feed_forward.shared_expert.down_proj"
            spec.names.decoder = names
            return spec
        },
        "glm4": { s in
            var spec = llamaLike(s, "glm4")
            spec.attention.qkvBias = true
            spec.mlp.fusedGateUp = true
            spec.norms = NormSpec(kind: .rmsNorm, placement: .sandwich)
            spec.names.decoder.norms = ["input_layernorm", "post_self_attn_layernorm", "post_attention_layernorm",
                                        "post_mlp_layernorm"]
            return spec
        },
        "glm4_moe": { s in
            var spec = llamaLike(s, "glm4_moe")
            spec.experts = ExpertSpec(experts: 128, expertsPerToken: 8, expertFFN: 1408, sharedExperts: 1, sharedExpertFFN: 1408,
                                      firstDenseLayers: 1)
            return spec
        },
        "phimoe": { s in
            var spec = llamaLike(s, "phimoe")
            spec.norms = NormSpec(kind: .layerNorm)
            spec.experts = ExpertSpec(experts: 16, expertsPerToken: 2, expertFFN: spec.ffn)
            spec.names.decoder.router = "block_sparse_moe.gate"
            spec.names.decoder.expertGate = "block_sparse_moe.experts.{expert}.w1"
            spec.names.decoder.expertUp = "block_sparse_moe.experts.{expert}.w3"
            spec.names.decoder.expertDown = "block_sparse_moe.experts.{expert}.w2"
            return spec
        },
        "olmoe": { s in
            var spec = llamaLike(s, "olmoe")
            spec.attention.qkNorm = .full
            spec.experts = ExpertSpec(experts: 64, expertsPerToken: 8, expertFFN: spec.ffn)
            return spec
        },
        "olmo3": { s in
            var spec = llamaLike(s, "olmo3")
            spec.attention.qkNorm = .full
            spec.norms = NormSpec(kind: .rmsNorm, placement: .post)
            spec.names.decoder.norms = ["post_attention_layernorm", "post_feedforward_layernorm"]
            spec.mixers = period(sliding: 3, window: 4096, then: .attention)
            return spec
        },
        "granite": { s in llamaLike(s, "granite") },
        "granitemoe": { s in
            var spec = llamaLike(s, "granitemoe")
            spec.experts = ExpertSpec(experts: 8, expertsPerToken: 2, expertFFN: spec.ffn)
            spec.names.decoder.router = "block_sparse_moe.router.layer"
            spec.names.decoder.expertUp = "block_sparse_moe.input_linear"
            spec.names.decoder.expertGate = "block_sparse_moe.input_linear"
            spec.names.decoder.expertDown = "block_sparse_moe.output_linear"
            return spec
        },
        "cohere": { s in cohere(s, "cohere") },
        "cohere2": { s in
            var spec = cohere(s, "cohere2")
            // Cohere 2's full-attention layers use no rotary positions.
            spec.mixers = period(sliding: 3, window: 4096, then: .attention(AttentionLayer(rope: false)))
            return spec
        },
        "smollm3": { s in
            var spec = llamaLike(s, "smollm3")
            spec.tiedEmbeddings = true
            spec.mixers = .cycle([.attention, .attention, .attention, .attention(AttentionLayer(rope: false))])
            return spec
        },
        "exaone4": { s in
            var spec = llamaLike(s, "exaone4")
            spec.attention.qkNorm = .perHead
            spec.norms = NormSpec(kind: .rmsNorm, placement: .post)
            spec.names.decoder.norms = ["post_attention_layernorm", "post_feedforward_layernorm"]
            spec.mixers = period(sliding: 3, window: 4096, then: .attention)
            return spec
        },
        "minimax_m2": { s in
            var spec = llamaLike(s, "minimax_m2")
            spec.attention.qkNorm = .full
            spec.experts = ExpertSpec(experts: 256, expertsPerToken: 8, expertFFN: spec.ffn)
            spec.names.decoder.router = "block_sparse_moe.gate"
            spec.names.decoder.expertGate = "block_sparse_moe.experts.{expert}.w1"
            spec.names.decoder.expertUp = "block_sparse_moe.experts.{expert}.w3"
            spec.names.decoder.expertDown = "block_sparse_moe.experts.{expert}.w2"
            return spec
        },
        "ernie4_5": { s in
            var spec = llamaLike(s, "ernie4_5")
            spec.tiedEmbeddings = true
            return spec
        },
        "ernie4_5_moe": { s in
            var spec = llamaLike(s, "ernie4_5_moe")
            spec.tiedEmbeddings = true
            spec.experts = ExpertSpec(experts: 64, expertsPerToken: 6, expertFFN: 1536, sharedExperts: 2, sharedExpertFFN: 1536,
                                      firstDenseLayers: 1, routerCorrection: true)
            return spec
        },
        "deepseek_v32": { s in
            var spec = deepseek(s, "deepseek_v32")
            spec.attention.indexer = SparseIndexer(heads: 64, headDim: 128)
            return spec
        },
        "kimi_k2": { s in
            // DeepSeek-V3's shape (Kimi K2 is saved as DeepseekV3ForCausalLM) with K2's experts.
            var spec = deepseek(s, "kimi_k2")
            spec.experts?.experts = 384
            spec.experts?.firstDenseLayers = 1
            return spec
        },
        "seed_oss": { s in
            var spec = llamaLike(s, "seed_oss")
            spec.attention.qkvBias = true
            return spec
        },
        "apertus": { s in
            var spec = llamaLike(s, "apertus")
            spec.mlp = MLPSpec(gated: false, bias: false, activationParameters: 2)
            spec.attention.qkNorm = .perHead
            spec.names.decoder.norms = ["attention_layernorm", "feedforward_layernorm"]
            return spec
        },
    ]

    /// `sliding` layers attending to the last `window` tokens, then one `last` layer, repeating
    /// (Gemma 3: 5 then 1 full; Cohere 2, OLMo 3, EXAONE 4: 3 then 1).
    public static func period(sliding: Int, window: Int, then last: Mixer) -> LayerSchedule<Mixer> {
        .cycle(Array(repeating: .attention(.sliding(window)), count: sliding) + [last])
    }

    /// Cohere's block: one LayerNorm without bias before parallel attention and MLP, tied head.
    static func cohere(_ s: Sizes, _ architecture: String) -> ModelSpec {
        var spec = llamaLike(s, architecture)
        spec.tiedEmbeddings = true
        spec.norms = NormSpec(kind: .layerNormNoBias, placement: .parallel)
        spec.names.decoder.norms = ["input_layernorm"]
        return spec
    }
}
