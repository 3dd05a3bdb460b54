/// Family presets: the architecture choices a `model_type` implies, before a config's own fields.
///
/// Names are Hugging Face `model_type` values, so a config.json's type is the preset's name.
/// Each preset is data (a `ModelSpec` with the family's choices and tensor names), never a code
/// path in the estimator; its defaults follow the family's transformers config class.
public enum Preset {
    /// The seed article's Transformer: multi-head attention, a 4h MLP, LayerNorm with γ and β,
    /// tied embeddings; like the article it has no linear biases and no position table, so its
    /// exact count is the article's `L·(12h² + 4h) + V·h + 2h`.
    public static let generic = "generic"

    /// The presets ParamScope knows, sorted.
    public static var names: [String] { Array(builders.keys).sorted() }

    /// Legacy `model_type` spellings that mean a preset.
    public static let aliases: [String: String] = ["RefinedWebModel": "falcon", "RefinedWeb": "falcon"]

    /// The preset's spec with the sizes filled in; `nil` for an unknown name.
    public static func spec(
        _ architecture: String, name: String, layers: Int, hidden: Int, heads: Int, ffn: Int?, vocab: Int
    ) -> ModelSpec? {
        let canonical = aliases[architecture] ?? architecture
        guard let build = builders[canonical] else { return nil }
        var spec = build(Sizes(name: name, layers: layers, hidden: hidden, heads: heads, ffn: ffn, vocab: vocab))
        if architecture == "RefinedWeb" { spec.useFalconNewDecoderLayout() }
        return spec
    }

    /// The sizes every preset needs before it can choose the rest.
    public struct Sizes {
        public var name: String
        public var layers: Int
        public var hidden: Int
        public var heads: Int
        public var ffn: Int?
        public var vocab: Int
    }

    /// The 4h MLP width, saturating: a wrapped product (hidden 2⁶¹ → ffn −2⁶³) would be reported
    /// instead of the real problem, the width; `Int.max` is refused as "too large" after it.
    static func fourTimes(_ hidden: Int) -> Int {
        let (value, overflow) = hidden.multipliedReportingOverflow(by: 4)
        return overflow ? Int.max : value
    }

    /// A spec of `architecture` with the sizes in; `ffn` falls back to `defaultFFN`.
    static func base(_ s: Sizes, _ architecture: String, defaultFFN: Int = 0, tied: Bool,
                     attention: AttentionSpec, mlp: MLPSpec, norms: NormSpec, embedding: EmbeddingSpec,
                     head: HeadSpec = .init(), names: TensorNames = .init()) -> ModelSpec {
        ModelSpec(name: s.name, architecture: architecture, layers: s.layers, hidden: s.hidden, heads: s.heads,
                  ffn: s.ffn ?? defaultFFN, vocab: s.vocab, tiedEmbeddings: tied, attention: attention, mlp: mlp,
                  norms: norms, embedding: embedding, head: head, names: names)
    }

    /// Every preset: the families of 2019–2024 here, the newer ones in `Presets+Current.swift`.
    static let builders: [String: @Sendable (Sizes) -> ModelSpec] = classic.merging(current) { first, _ in first }

    static let classic: [String: @Sendable (Sizes) -> ModelSpec] = [
        "generic": { s in
            base(s, "generic", defaultFFN: fourTimes(s.hidden), tied: true, attention: .init(),
                 mlp: MLPSpec(gated: false, bias: false), norms: NormSpec(kind: .layerNorm),
                 embedding: EmbeddingSpec(positions: .none))
        },
        "llama": { s in llamaLike(s, "llama") },
        "mistral": { s in llamaLike(s, "mistral") },
        "mixtral": { s in
            var spec = llamaLike(s, "mixtral")
            spec.experts = ExpertSpec(experts: 8, expertsPerToken: 2, expertFFN: spec.ffn)
            spec.names.decoder.router = "block_sparse_moe.gate"
            spec.names.decoder.expertGate = "block_sparse_moe.experts.{expert}.w1"
            spec.names.decoder.expertUp = "block_sparse_moe.experts.{expert}.w3"
            spec.names.decoder.expertDown = "block_sparse_moe.experts.{expert}.w2"
            return spec
        },
        "qwen2": { s in
            var spec = llamaLike(s, "qwen2")
            spec.attention.qkvBias = true
            return spec
        },
        "qwen2_moe": { s in
            var spec = llamaLike(s, "qwen2_moe")
            spec.attention.qkvBias = true
            spec.experts = ExpertSpec(experts: 60, expertsPerToken: 4, expertFFN: 1408, sharedExperts: 1,
                                      sharedExpertFFN: 5632, sharedExpertGate: true)
            spec.names.decoder.sharedGate = "mlp.shared_expert.gate_proj"
            spec.names.decoder.sharedUp = "mlp.shared_expert.up_proj"
            spec.names.decoder.sharedDown = "mlp.shared_expert.down_proj"
            return spec
        },
        "mllama_text_model": { s in
            // Llama 3.2 Vision's language model: Llama layers, some of them gated cross-attention
            // to the image instead of self-attention (`cross_attention_layers`), and 8 image
            // tokens in the embedding beyond the head's vocabulary.
            var spec = llamaLike(s, "mllama_text_model")
            spec.embedding.extraTokens = 8
            spec.mixers = mllamaMixers(layers: s.layers, crossAttention: [3, 8, 13, 18, 23, 28, 33, 38])
            return spec
        },
        "qwen3": { s in
            var spec = llamaLike(s, "qwen3")
            spec.attention.qkNorm = .perHead
            return spec
        },
        "qwen3_moe": { s in
            var spec = llamaLike(s, "qwen3_moe")
            spec.attention.qkNorm = .perHead
            spec.experts = ExpertSpec(experts: 128, expertsPerToken: 8, expertFFN: 768)
            return spec
        },
        "gemma": { s in
            var spec = llamaLike(s, "gemma")
            spec.tiedEmbeddings = true
            return spec
        },
        "gemma2": { s in
            var spec = llamaLike(s, "gemma2")
            spec.tiedEmbeddings = true
            spec.norms = NormSpec(kind: .rmsNorm, placement: .sandwich)
            return spec
        },
        "olmo2": { s in
            var spec = llamaLike(s, "olmo2")
            spec.attention.qkNorm = .full
            spec.norms = NormSpec(kind: .rmsNorm, placement: .post)
            spec.names.decoder.norms = ["post_attention_layernorm", "post_feedforward_layernorm"]
            return spec
        },
        "deepseek_v2": { s in deepseek(s, "deepseek_v2") },
        "deepseek_v3": { s in deepseek(s, "deepseek_v3") },
        "phi": { s in
            var names = TensorNames()
            names.decoder.o = "self_attn.dense"
            names.decoder.qNorm = "self_attn.q_layernorm"
            names.decoder.kNorm = "self_attn.k_layernorm"
            names.decoder.up = "mlp.fc1"
            names.decoder.down = "mlp.fc2"
            names.decoder.norms = ["input_layernorm"]
            names.finalNorm = "model.final_layernorm"
            return base(s, "phi", defaultFFN: fourTimes(s.hidden), tied: false,
                        attention: AttentionSpec(qkvBias: true, outputBias: true), mlp: MLPSpec(gated: false, bias: true),
                        norms: NormSpec(kind: .layerNorm, placement: .parallel),
                        embedding: EmbeddingSpec(positions: .rope), head: HeadSpec(bias: true), names: names)
        },
        "phi3": { s in
            var spec = llamaLike(s, "phi3")
            spec.attention.fusedQKV = true
            spec.mlp.fusedGateUp = true
            return spec
        },
        "starcoder2": { s in
            var names = TensorNames()
            names.decoder.up = "mlp.c_fc"
            names.decoder.down = "mlp.c_proj"
            return base(s, "starcoder2", defaultFFN: fourTimes(s.hidden), tied: true,
                        attention: AttentionSpec(qkvBias: true, outputBias: true), mlp: MLPSpec(gated: false, bias: true),
                        norms: NormSpec(kind: .layerNorm), embedding: EmbeddingSpec(positions: .rope), names: names)
        },
        "gpt2": { s in
            var names = TensorNames()
            names.tokenEmbedding = "wte"
            names.positionEmbedding = "wpe"
            names.finalNorm = "ln_f"
            names.transposedLinear = true
            names.decoder = gptBlock("h.{layer}", qkv: "attn.c_attn", o: "attn.c_proj")
            return base(s, "gpt2", defaultFFN: fourTimes(s.hidden), tied: true,
                        attention: AttentionSpec(qkvBias: true, outputBias: true, fusedQKV: true),
                        mlp: MLPSpec(gated: false, bias: true), norms: NormSpec(kind: .layerNorm),
                        embedding: EmbeddingSpec(positions: .learned), names: names)
        },
        "gpt_bigcode": { s in
            var names = TensorNames()
            names.tokenEmbedding = "transformer.wte"
            names.positionEmbedding = "transformer.wpe"
            names.finalNorm = "transformer.ln_f"
            names.decoder = gptBlock("transformer.h.{layer}", qkv: "attn.c_attn", o: "attn.c_proj")
            var spec = base(s, "gpt_bigcode", defaultFFN: fourTimes(s.hidden), tied: true,
                            attention: AttentionSpec(qkvBias: true, outputBias: true, fusedQKV: true),
                            mlp: MLPSpec(gated: false, bias: true), norms: NormSpec(kind: .layerNorm),
                            embedding: EmbeddingSpec(positions: .learned), names: names)
            spec.kvHeads = 1
            return spec
        },
        "gptj": { s in
            var names = TensorNames()
            names.tokenEmbedding = "transformer.wte"
            names.finalNorm = "transformer.ln_f"
            names.decoder.layer = "transformer.h.{layer}"
            names.decoder.q = "attn.q_proj"
            names.decoder.k = "attn.k_proj"
            names.decoder.v = "attn.v_proj"
            names.decoder.o = "attn.out_proj"
            names.decoder.up = "mlp.fc_in"
            names.decoder.down = "mlp.fc_out"
            names.decoder.norms = ["ln_1"]
            return base(s, "gptj", defaultFFN: fourTimes(s.hidden), tied: false,
                        attention: AttentionSpec(qkvBias: false, outputBias: false), mlp: MLPSpec(gated: false, bias: true),
                        norms: NormSpec(kind: .layerNorm, placement: .parallel),
                        embedding: EmbeddingSpec(positions: .rope), head: HeadSpec(bias: true), names: names)
        },
        "gpt_neox": { s in
            var names = TensorNames()
            names.tokenEmbedding = "gpt_neox.embed_in"
            names.finalNorm = "gpt_neox.final_layer_norm"
            names.head = "embed_out"
            names.decoder.layer = "gpt_neox.layers.{layer}"
            names.decoder.qkv = "attention.query_key_value"
            names.decoder.o = "attention.dense"
            names.decoder.up = "mlp.dense_h_to_4h"
            names.decoder.down = "mlp.dense_4h_to_h"
            return base(s, "gpt_neox", defaultFFN: fourTimes(s.hidden), tied: false,
                        attention: AttentionSpec(qkvBias: true, outputBias: true, fusedQKV: true),
                        mlp: MLPSpec(gated: false, bias: true),
                        norms: NormSpec(kind: .layerNorm, placement: .parallelSeparate),
                        embedding: EmbeddingSpec(positions: .rope), names: names)
        },
        "opt": { s in
            var names = TensorNames()
            names.tokenEmbedding = "model.decoder.embed_tokens"
            names.positionEmbedding = "model.decoder.embed_positions"
            names.projectIn = "model.decoder.project_in"
            names.projectOut = "model.decoder.project_out"
            names.finalNorm = "model.decoder.final_layer_norm"
            names.decoder.layer = "model.decoder.layers.{layer}"
            names.decoder.o = "self_attn.out_proj"
            names.decoder.up = "fc1"
            names.decoder.down = "fc2"
            names.decoder.norms = ["self_attn_layer_norm", "final_layer_norm"]
            return base(s, "opt", defaultFFN: fourTimes(s.hidden), tied: true,
                        attention: AttentionSpec(qkvBias: true, outputBias: true), mlp: MLPSpec(gated: false, bias: true),
                        norms: NormSpec(kind: .layerNorm),
                        embedding: EmbeddingSpec(positions: .learned, positionOffset: 2), names: names)
        },
        "bloom": { s in
            var names = TensorNames()
            names.tokenEmbedding = "word_embeddings"
            names.embeddingNorm = "word_embeddings_layernorm"
            names.finalNorm = "ln_f"
            names.decoder.layer = "h.{layer}"
            names.decoder.qkv = "self_attention.query_key_value"
            names.decoder.o = "self_attention.dense"
            names.decoder.up = "mlp.dense_h_to_4h"
            names.decoder.down = "mlp.dense_4h_to_h"
            return base(s, "bloom", defaultFFN: fourTimes(s.hidden), tied: true,
                        attention: AttentionSpec(qkvBias: true, outputBias: true, fusedQKV: true),
                        mlp: MLPSpec(gated: false, bias: true), norms: NormSpec(kind: .layerNorm),
                        embedding: EmbeddingSpec(positions: .alibi, norm: true), names: names)
        },
        "falcon": { s in
            var names = TensorNames()
            names.tokenEmbedding = "transformer.word_embeddings"
            names.finalNorm = "transformer.ln_f"
            names.decoder.layer = "transformer.h.{layer}"
            names.decoder.qkv = "self_attention.query_key_value"
            names.decoder.o = "self_attention.dense"
            names.decoder.up = "mlp.dense_h_to_4h"
            names.decoder.down = "mlp.dense_4h_to_h"
            return base(s, "falcon", defaultFFN: fourTimes(s.hidden), tied: true,
                        attention: AttentionSpec(qkvBias: false, outputBias: false, fusedQKV: true),
                        mlp: MLPSpec(gated: false, bias: false),
                        norms: NormSpec(kind: .layerNorm, placement: .parallel),
                        embedding: EmbeddingSpec(positions: .rope), names: names)
        },
        "bert": { s in
            var names = TensorNames()
            names.tokenEmbedding = "bert.embeddings.word_embeddings"
            names.positionEmbedding = "bert.embeddings.position_embeddings"
            names.tokenTypeEmbedding = "bert.embeddings.token_type_embeddings"
            names.embeddingNorm = "bert.embeddings.LayerNorm"
            names.pooler = "bert.pooler.dense"
            names.decoder.layer = "bert.encoder.layer.{layer}"
            names.decoder.q = "attention.self.query"
            names.decoder.k = "attention.self.key"
            names.decoder.v = "attention.self.value"
            names.decoder.o = "attention.output.dense"
            names.decoder.up = "intermediate.dense"
            names.decoder.down = "output.dense"
            names.decoder.norms = ["attention.output.LayerNorm", "output.LayerNorm"]
            return base(s, "bert", defaultFFN: fourTimes(s.hidden), tied: true,
                        attention: AttentionSpec(qkvBias: true, outputBias: true), mlp: MLPSpec(gated: false, bias: true),
                        norms: NormSpec(kind: .layerNorm, placement: .post, final: false),
                        embedding: EmbeddingSpec(positions: .learned, tokenTypes: 2, norm: true),
                        head: HeadSpec(pooler: true, languageModel: false), names: names)
        },
        "t5": { s in
            var names = TensorNames()
            names.tokenEmbedding = "shared"
            names.finalNorm = "decoder.final_layer_norm"
            names.encoderFinalNorm = "encoder.final_layer_norm"
            names.encoder = t5Block("encoder.block.{layer}", mlpIndex: 1)
            names.decoder = t5Block("decoder.block.{layer}", mlpIndex: 2)
            var spec = base(s, "t5", defaultFFN: fourTimes(s.hidden), tied: true, attention: .init(),
                            mlp: MLPSpec(gated: false, bias: false), norms: NormSpec(kind: .rmsNorm),
                            embedding: EmbeddingSpec(positions: .relativeBuckets, relativeBuckets: 32), names: names)
            spec.encoder = EncoderSpec(layers: s.layers)
            return spec
        },
        "mamba": { s in mambaLike(s, "mamba", .mamba) },
        "falcon_mamba": { s in mambaLike(s, "falcon_mamba", .mamba) },
        "mamba2": { s in
            var spec = mambaLike(s, "mamba2", .mamba2)
            // Mamba2Config's defaults: 128 heads of 64, 8 groups, N = 128, an untied head.
            spec.tiedEmbeddings = false
            spec.stateSpace?.stateSize = 128
            spec.stateSpace?.heads = 128
            spec.stateSpace?.groups = 8
            return spec
        },
        "jamba": { s in
            var spec = llamaLike(s, "jamba")
            spec.kvHeads = 8
            spec.names.finalNorm = "model.final_layernorm"
            spec.names.decoder.norms = ["input_layernorm", "pre_ff_layernorm"]
            spec.names.decoder.recurrent = RecurrentNames(module: "mamba")
            spec.names.decoder.useFeedForwardModule("feed_forward", router: "feed_forward.router")
            // JambaConfig: attention in layer i when i % 8 == 4, experts when i % 2 == 1.
            spec.mixers = .attentionEvery(8, offset: 4, otherwise: .recurrent(.mamba))
            spec.experts = ExpertSpec(experts: 16, expertsPerToken: 2, expertFFN: spec.ffn, sparseEvery: 2, sparseOffset: 1)
            spec.stateSpace = StateSpaceSpec(inner: 2 &* s.hidden, stateSize: 16, convKernel: 4, dtRank: ceilDiv16(s.hidden),
                                             timeStepNorms: true, gatedNorm: false)
            return spec
        },
        "falcon_h1": { s in
            var spec = llamaLike(s, "falcon_h1")
            spec.names.finalNorm = "model.final_layernorm"
            spec.names.decoder.norms = ["input_layernorm", "pre_ff_layernorm"]
            spec.names.decoder.recurrent = RecurrentNames(module: "mamba")
            spec.names.decoder.useFeedForwardModule("feed_forward", router: "feed_forward.router")
            // Attention and Mamba-2 side by side in every layer; FalconH1Config's Mamba defaults.
            spec.mixers = .uniform(.parallel(.full, .mamba2))
            spec.stateSpace = StateSpaceSpec(inner: 1024, stateSize: 256, convKernel: 4, heads: 128, groups: 1,
                                             gatedNorm: false)
            return spec
        },
        "granitemoehybrid": { s in
            var spec = llamaLike(s, "granitemoehybrid")
            spec.tiedEmbeddings = false
            spec.names.decoder.recurrent = RecurrentNames(module: "mamba")
            spec.names.decoder.gateUp = "shared_mlp.input_linear"
            spec.names.decoder.down = "shared_mlp.output_linear"
            spec.names.decoder.sharedGateUp = "shared_mlp.input_linear"
            spec.names.decoder.sharedDown = "shared_mlp.output_linear"
            spec.names.decoder.router = "block_sparse_moe.router.layer"
            // The checkpoint's fused expert tensors, as `granitemoe` names them.
            spec.names.decoder.expertGate = "block_sparse_moe.input_linear"
            spec.names.decoder.expertUp = "block_sparse_moe.input_linear"
            spec.names.decoder.expertDown = "block_sparse_moe.output_linear"
            spec.mlp.fusedGateUp = true
            // GraniteMoeHybridConfig: every layer Mamba-2 unless layer_types says otherwise; 8
            // experts of `intermediate_size`, 2 per token, beside a shared MLP of 1024.
            spec.mixers = .uniform(.recurrent(.mamba2))
            spec.experts = ExpertSpec(experts: 8, expertsPerToken: 2, expertFFN: spec.ffn, sharedExperts: 1, sharedExpertFFN: 1024)
            spec.stateSpace = StateSpaceSpec(inner: 2 &* s.hidden, stateSize: 256, convKernel: 4, heads: 128, groups: 1)
            return spec
        },
        "qwen3_next": { s in
            var spec = llamaLike(s, "qwen3_next")
            spec.attention.qkNorm = .perHead
            spec.attention.outputGate = true
            spec.experts = ExpertSpec(experts: 512, expertsPerToken: 10, expertFFN: 512, sharedExperts: 1,
                                      sharedExpertFFN: 512, sharedExpertGate: true)
            spec.names.decoder.sharedGate = "mlp.shared_expert.gate_proj"
            spec.names.decoder.sharedUp = "mlp.shared_expert.up_proj"
            spec.names.decoder.sharedDown = "mlp.shared_expert.down_proj"
            spec.names.decoder.recurrent = RecurrentNames(module: "linear_attn")
            // Qwen3NextConfig: full attention every 4th layer, Gated DeltaNet between (16 key heads
            // and 32 value heads of 128).
            spec.mixers = .attentionEvery(4, offset: 3, otherwise: .recurrent(.gatedDeltaNet))
            spec.stateSpace = StateSpaceSpec(inner: 32 * 128, stateSize: 128, convKernel: 4, heads: 32, groups: 16,
                                             convBias: false)
            return spec
        },
        "lfm2": { s in
            var spec = llamaLike(s, "lfm2")
            spec.tiedEmbeddings = true
            spec.kvHeads = 8
            spec.attention.qkNorm = .perHead
            spec.names.finalNorm = "model.embedding_norm"
            spec.names.decoder.o = "self_attn.out_proj"
            spec.names.decoder.qNorm = "self_attn.q_layernorm"
            spec.names.decoder.kNorm = "self_attn.k_layernorm"
            spec.names.decoder.gate = "feed_forward.w1"
            spec.names.decoder.up = "feed_forward.w3"
            spec.names.decoder.down = "feed_forward.w2"
            spec.names.decoder.norms = ["operator_norm", "ffn_norm"]
            var recurrent = RecurrentNames(module: "conv")
            recurrent.conv = "conv.conv"
            spec.names.decoder.recurrent = recurrent
            // Lfm2Config without layer_types or full_attn_idxs attends in every layer.
            spec.stateSpace = StateSpaceSpec(inner: s.hidden, stateSize: 0, convKernel: 3, convBias: false, gatedNorm: false)
            return spec
        },
    ]

    /// Presets whose layers never attend: an entry or a config.json gives them no heads.
    public static let attentionFree: Set<String> = ["mamba", "falcon_mamba", "mamba2"]

    /// ⌈h / 16⌉: Mamba's `time_step_rank = "auto"`.
    public static func ceilDiv16(_ hidden: Int) -> Int { hidden / 16 + (hidden % 16 == 0 ? 0 : 1) }

    /// The Mamba backbone: one RMSNorm and a recurrent mixer per layer, no MLP, no attention, a
    /// tied head (MambaConfig's defaults: expand 2, N = 16, kernel 4, dt_rank ⌈h/16⌉).
    static func mambaLike(_ s: Sizes, _ architecture: String, _ mixer: RecurrentMixer) -> ModelSpec {
        var spec = base(s, architecture, tied: true, attention: .init(), mlp: MLPSpec(gated: false, bias: false),
                        norms: NormSpec(kind: .rmsNorm, perLayer: 1), embedding: EmbeddingSpec(positions: .none))
        spec.names.tokenEmbedding = "backbone.embeddings"
        spec.names.finalNorm = "backbone.norm_f"
        spec.names.decoder.layer = "backbone.layers.{layer}"
        spec.names.decoder.norms = ["norm"]
        spec.kvHeads = s.heads
        spec.mixers = .uniform(.recurrent(mixer))
        spec.feedForwards = .uniform(.none)
        spec.stateSpace = StateSpaceSpec(inner: 2 &* s.hidden, stateSize: 16, convKernel: 4, dtRank: ceilDiv16(s.hidden),
                                         heads: mixer == .mamba2 ? 128 : 0, groups: mixer == .mamba2 ? 8 : 1)
        return spec
    }

    /// LLaMA's layout: RMSNorm before attention and MLP, SwiGLU, rotary positions, no biases,
    /// an untied head — the base of most current families.
    static func llamaLike(_ s: Sizes, _ architecture: String) -> ModelSpec {
        base(s, architecture, tied: false, attention: .init(), mlp: MLPSpec(gated: true, bias: false),
             norms: NormSpec(kind: .rmsNorm), embedding: EmbeddingSpec(positions: .rope))
    }

    /// Self-attention everywhere but the `crossAttention` layers (Mllama).
    public static func mllamaMixers(layers: Int, crossAttention: [Int]) -> LayerSchedule<Mixer> {
        guard layers > 0 else { return .uniform(.attention) }
        let cross = Set(crossAttention)
        // Never longer than validation allows (a huge `layers` is refused there, not walked here).
        return .list((0..<min(layers, ModelSpec.mostLayers + 1)).map { cross.contains($0) ? .imageCrossAttention : .attention })
    }

    /// DeepSeek-V2/V3: multi-head latent attention and fine-grained experts with shared ones.
    static func deepseek(_ s: Sizes, _ architecture: String) -> ModelSpec {
        var spec = llamaLike(s, architecture)
        let v3 = architecture != "deepseek_v2"
        spec.attention.latent = LatentAttention(qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128,
                                                qkRopeHeadDim: 64, vHeadDim: 128)
        spec.experts = ExpertSpec(experts: v3 ? 256 : 160, expertsPerToken: v3 ? 8 : 6, expertFFN: v3 ? 2048 : 1407,
                                  sharedExperts: v3 ? 1 : 2, sharedExpertFFN: v3 ? 2048 : 1407,
                                  firstDenseLayers: v3 ? 3 : 0, sparseOffset: 0)
        return spec
    }

    /// GPT-2-style blocks: `ln_1`, fused `c_attn`, `c_proj`, `ln_2`, `mlp.c_fc`, `mlp.c_proj`.
    static func gptBlock(_ layer: String, qkv: String, o: String) -> StackNames {
        var names = StackNames()
        names.layer = layer
        names.qkv = qkv
        names.o = o
        names.up = "mlp.c_fc"
        names.down = "mlp.c_proj"
        names.norms = ["ln_1", "ln_2"]
        return names
    }

    /// A T5 block: `layer.0` self-attention, `layer.1` cross-attention (decoder), then the MLP.
    static func t5Block(_ layer: String, mlpIndex: Int) -> StackNames {
        var names = StackNames()
        names.layer = layer
        names.q = "layer.0.SelfAttention.q"
        names.k = "layer.0.SelfAttention.k"
        names.v = "layer.0.SelfAttention.v"
        names.o = "layer.0.SelfAttention.o"
        names.relativeBias = "layer.0.SelfAttention.relative_attention_bias"
        names.crossQ = "layer.1.EncDecAttention.q"
        names.crossK = "layer.1.EncDecAttention.k"
        names.crossV = "layer.1.EncDecAttention.v"
        names.crossO = "layer.1.EncDecAttention.o"
        names.up = "layer.\(mlpIndex).DenseReluDense.wi"
        names.gate = "layer.\(mlpIndex).DenseReluDense.wi_0"
        names.down = "layer.\(mlpIndex).DenseReluDense.wo"
        names.norms = (0...mlpIndex).map { "layer.\($0).layer_norm" }
        return names
    }
}

extension StackNames {
    /// The dense MLP and the experts under `module` (Jamba's and Falcon-H1's `feed_forward`).
    public mutating func useFeedForwardModule(_ module: String, router: String) {
        self.gate = module + ".gate_proj"
        self.up = module + ".up_proj"
        self.down = module + ".down_proj"
        self.router = router
        self.expertGate = module + ".experts.{expert}.gate_proj"
        self.expertUp = module + ".experts.{expert}.up_proj"
        self.expertDown = module + ".experts.{expert}.down_proj"
    }
}

extension LayerSchedule where Kind == Mixer {
    /// Attention in layer `i` when `i % period == offset`, `other` elsewhere (Jamba's
    /// `attn_layer_period` / `attn_layer_offset`, Qwen3-Next's `full_attention_interval`).
    public static func attentionEvery(_ period: Int, offset: Int, otherwise other: Mixer,
                                      attention: AttentionLayer = .full) -> LayerSchedule {
        guard period > 0 else { return .uniform(other) }
        // A period past the deepest stack validation allows changes no layer: it is cut there, not walked.
        return .cycle((0..<min(period, ModelSpec.mostLayers + 1)).map { $0 == offset ? .attention(attention) : other })
    }
}

extension ModelSpec {
    /// Falcon's `new_decoder_architecture` (Falcon-40B/180B, legacy `RefinedWeb`): separate
    /// `ln_attn` and `ln_mlp` norms in each parallel block (grouped KV heads come from the config).
    public mutating func useFalconNewDecoderLayout() {
        norms.placement = .parallelSeparate
        norms.perLayer = 2
        names.decoder.norms = ["ln_attn", "ln_mlp"]
    }
}

extension Preset {
    /// Whether `name` (or a legacy alias of it) is a preset.
    public static func isKnown(_ name: String) -> Bool { builders[aliases[name] ?? name] != nil }
}
