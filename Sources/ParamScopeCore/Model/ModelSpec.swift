/// A model's architecture with every choice made: what the estimator counts.
///
/// The config loaders fill it from a family preset, then a config.json or a YAML entry; the
/// estimator never guesses. Sizes are `Int` and validated by `ModelSpec.validate()` before use.
public struct ModelSpec: Sendable, Equatable {
    /// Shown in reports; not part of the architecture.
    public var name: String
    /// The family preset it was built from (a Hugging Face `model_type`, or `generic`).
    public var architecture: String

    /// Transformer layers of the decoder (or of the only stack: encoder-only models count here).
    public var layers: Int
    /// The hidden width `h` (`d_model`).
    public var hidden: Int
    public var heads: Int
    /// Key/value heads: `heads` for multi-head, 1 for multi-query, between for grouped-query.
    public var kvHeads: Int
    /// Width of one attention head; `hidden / heads` unless a family says otherwise.
    public var headDim: Int
    /// Inner width of the MLP (`4h` in the seed's Transformer).
    public var ffn: Int
    public var vocab: Int
    /// The longest sequence the position embedding covers (and the default context cap).
    public var maxPositions: Int
    /// Whether the output head reuses the token embedding matrix.
    public var tiedEmbeddings: Bool

    public var attention: AttentionSpec
    public var mlp: MLPSpec
    public var norms: NormSpec
    public var embedding: EmbeddingSpec
    public var head: HeadSpec
    /// Mixture of experts, when the model has routed experts.
    public var experts: ExpertSpec?
    /// An encoder stack in front of the decoder (T5), with cross-attention in every decoder layer.
    public var encoder: EncoderSpec?
    /// Hugging Face tensor names of the family (naming only; never changes a count).
    public var names: TensorNames
    /// Each layer's mixer (`layer_types`, sliding-window and NoPE layers): full attention with
    /// rotary positions everywhere unless a config says otherwise. With `feedForwards` and the
    /// expert rule it makes the stack's `pattern`.
    public var mixers: LayerSchedule<Mixer> = .uniform(.attention)
    /// Each layer's feed-forward block before the expert rule (`ExpertSpec.isSparse`) turns
    /// dense layers sparse.
    public var feedForwards: LayerSchedule<FeedForward> = .uniform(.dense)
    /// A vision tower and its projector (vision-language models); `nil` for text models.
    public var vision: VisionSpec? {
        get { visionBox?.value }
        set { visionBox = newValue.map { .value($0) } }
    }
    private var visionBox: Boxed<VisionSpec>?
    /// The sizes of the stack's recurrent mixers (the layers whose `Mixer` has one).
    public var stateSpace: StateSpaceSpec?

    public init(
        name: String, architecture: String, layers: Int, hidden: Int, heads: Int, kvHeads: Int? = nil,
        headDim: Int? = nil, ffn: Int, vocab: Int, maxPositions: Int = 2048, tiedEmbeddings: Bool,
        attention: AttentionSpec = .init(), mlp: MLPSpec = .init(), norms: NormSpec = .init(),
        embedding: EmbeddingSpec = .init(), head: HeadSpec = .init(), experts: ExpertSpec? = nil,
        encoder: EncoderSpec? = nil, names: TensorNames = .init()
    ) {
        self.name = name
        self.architecture = architecture
        self.layers = layers
        self.hidden = hidden
        self.heads = heads
        self.kvHeads = kvHeads ?? heads
        self.headDim = headDim ?? (heads > 0 ? hidden / heads : 0)
        self.ffn = ffn
        self.vocab = vocab
        self.maxPositions = maxPositions
        self.tiedEmbeddings = tiedEmbeddings
        self.attention = attention
        self.mlp = mlp
        self.norms = norms
        self.embedding = embedding
        self.head = head
        self.experts = experts
        self.encoder = encoder
        self.names = names
    }

    /// All transformer layers, encoder and decoder: the seed formulas' `L`.
    public var totalLayers: Int { layers &+ (encoder?.layers ?? 0) }
}

/// Attention projections.
public struct AttentionSpec: Sendable, Equatable {
    /// Bias on the Q, K and V projections.
    public var qkvBias: Bool
    /// Bias on the output projection.
    public var outputBias: Bool
    /// Q, K and V as one fused matrix in the checkpoint (names and quantizer roles only).
    public var fusedQKV: Bool
    /// A norm on queries and keys (OLMo-2, Qwen3, Gemma 3).
    public var qkNorm: QKNorm
    /// Multi-head latent attention (DeepSeek-V2/V3), replacing plain K/V projections.
    public var latent: LatentAttention?
    /// A learned logit per query head that absorbs attention mass (gpt-oss's `sinks`).
    public var sinks: Bool
    /// Queries projected twice as wide, the second half gating the attention output (Qwen3-Next).
    public var outputGate: Bool
    /// DeepSeek-V3.2's lightning indexer, which picks the tokens each query attends to.
    public var indexer: SparseIndexer?

    public init(
        qkvBias: Bool = false, outputBias: Bool = false, fusedQKV: Bool = false, qkNorm: QKNorm = .none,
        latent: LatentAttention? = nil, sinks: Bool = false, outputGate: Bool = false, indexer: SparseIndexer? = nil
    ) {
        self.qkvBias = qkvBias
        self.outputBias = outputBias
        self.fusedQKV = fusedQKV
        self.qkNorm = qkNorm
        self.latent = latent
        self.sinks = sinks
        self.outputGate = outputGate
        self.indexer = indexer
    }
}

/// DeepSeek-V3.2's indexer (DSA): per layer, queries from the query latent (`q_lora_rank →
/// heads·head_dim`), one key (`h → head_dim`) with a LayerNorm, and per-head weights (`h → heads`).
public struct SparseIndexer: Sendable, Equatable {
    public var heads: Int
    public var headDim: Int

    public init(heads: Int, headDim: Int) {
        self.heads = heads
        self.headDim = headDim
    }
}

/// Where a query/key norm sits and how wide it is.
public enum QKNorm: String, Sendable, Equatable {
    case none
    /// One scale of `head_dim`, shared by every head (Qwen3, Gemma 3).
    case perHead = "per_head"
    /// One scale over all heads: `heads·head_dim` for Q, `kv_heads·head_dim` for K (OLMo-2,
    /// OLMoE, MiniMax-M2; Cohere's per-head scales of heads × head_dim count the same).
    case full
    /// An L2 norm without weights (Llama 4): no parameters.
    case l2
}

/// DeepSeek's multi-head latent attention: queries and keys/values pass through low-rank latents.
public struct LatentAttention: Sendable, Equatable {
    /// Rank of the query latent; `nil` projects queries directly (DeepSeek-V2-Lite).
    public var qLoraRank: Int?
    public var kvLoraRank: Int
    public var qkNopeHeadDim: Int
    public var qkRopeHeadDim: Int
    public var vHeadDim: Int

    public init(qLoraRank: Int?, kvLoraRank: Int, qkNopeHeadDim: Int, qkRopeHeadDim: Int, vHeadDim: Int) {
        self.qLoraRank = qLoraRank
        self.kvLoraRank = kvLoraRank
        self.qkNopeHeadDim = qkNopeHeadDim
        self.qkRopeHeadDim = qkRopeHeadDim
        self.vHeadDim = vHeadDim
    }
}

/// The feed-forward block.
public struct MLPSpec: Sendable, Equatable {
    /// Gated (SwiGLU/GeGLU: gate, up, down — three matrices) or plain (up, down).
    public var gated: Bool
    public var bias: Bool
    /// Gate and up as one fused matrix in the checkpoint (Phi-3; names only).
    public var fusedGateUp: Bool
    /// Learned scalars of the activation in each MLP (Apertus's xIELU: α₊ and α₋, 2).
    public var activationParameters: Int

    public init(gated: Bool = false, bias: Bool = true, fusedGateUp: Bool = false, activationParameters: Int = 0) {
        self.gated = gated
        self.bias = bias
        self.fusedGateUp = fusedGateUp
        self.activationParameters = activationParameters
    }
}

public enum NormKind: String, Sendable, Equatable, CaseIterable {
    /// γ and β.
    case layerNorm = "layernorm"
    /// γ only.
    case rmsNorm = "rmsnorm"
    /// LayerNorm without β (Cohere): γ only, like RMSNorm, but centred.
    case layerNormNoBias = "layernorm_no_bias"

    /// Whether the norm has an offset β beside its scale γ.
    public var hasBias: Bool { self == .layerNorm }
}

/// Where a layer's norms sit; it fixes how many there are.
public enum NormPlacement: String, Sendable, Equatable, CaseIterable {
    /// Before attention and before the MLP (LLaMA, GPT-2): 2.
    case pre
    /// After attention and after the MLP (BERT, OLMo-2, OPT-350m): 2.
    case post
    /// Before and after both sub-blocks (Gemma 2): 4.
    case sandwich
    /// One norm shared by parallel attention and MLP (GPT-J, Phi-2, Falcon-7B): 1.
    case parallel
    /// Parallel attention and MLP, each with its own norm (GPT-NeoX, Falcon-40B): 2.
    case parallelSeparate = "parallel_separate"

    /// Norms per layer this placement implies.
    public var count: Int {
        switch self {
        case .pre, .post, .parallelSeparate: 2
        case .sandwich: 4
        case .parallel: 1
        }
    }
}

/// The norms of a layer and after the stack.
public struct NormSpec: Sendable, Equatable {
    public var kind: NormKind
    /// Where the layer's norms sit (descriptive; `perLayer` is the count the estimator uses).
    public var placement: NormPlacement
    /// Norms per layer: 2 for pre-norm attention + MLP, 1 when a parallel block shares one
    /// (GPT-J, Phi-2), 4 for Gemma 2's sandwich norms. An encoder–decoder's decoder layers have
    /// one more, before cross-attention.
    public var perLayer: Int
    /// A norm after the last layer (after each stack of an encoder–decoder).
    public var final: Bool

    public init(kind: NormKind = .layerNorm, placement: NormPlacement = .pre, perLayer: Int? = nil, final: Bool = true) {
        self.kind = kind
        self.placement = placement
        self.perLayer = perLayer ?? placement.count
        self.final = final
    }
}

/// How positions enter the model.
public enum PositionEncoding: String, Sendable, Equatable {
    /// Rotary (no parameters).
    case rope
    /// ALiBi (no parameters).
    case alibi
    /// A learned table of `maxPositions + positionOffset` rows.
    case learned
    /// T5's relative-position bias table in each stack's first layer.
    case relativeBuckets = "relative_buckets"
    case none
}

/// Embeddings in front of the first layer.
public struct EmbeddingSpec: Sendable, Equatable {
    public var positions: PositionEncoding
    /// Extra rows of the learned position table (OPT keeps 2).
    public var positionOffset: Int
    /// Token-type (segment) embeddings (BERT: 2).
    public var tokenTypes: Int
    /// A norm right after the embedding (BERT, BLOOM).
    public var norm: Bool
    /// Width of the token embedding when it differs from `hidden`; projections in and out of
    /// the stack are added (OPT-350m's 512 → 1024).
    public var projectionWidth: Int?
    /// T5: relative-attention buckets (table = buckets × heads).
    public var relativeBuckets: Int
    /// Rows of the token embedding beyond the head's `vocab` (Mllama's 8 image tokens).
    public var extraTokens: Int = 0

    public init(
        positions: PositionEncoding = .learned, positionOffset: Int = 0, tokenTypes: Int = 0, norm: Bool = false,
        projectionWidth: Int? = nil, relativeBuckets: Int = 32
    ) {
        self.positions = positions
        self.positionOffset = positionOffset
        self.tokenTypes = tokenTypes
        self.norm = norm
        self.projectionWidth = projectionWidth
        self.relativeBuckets = relativeBuckets
    }
}

/// What follows the last layer.
public struct HeadSpec: Sendable, Equatable {
    /// A bias on the output head (GPT-J, Phi-2).
    public var bias: Bool
    /// A pooler (dense h×h + bias) after an encoder-only stack (BERT).
    public var pooler: Bool
    /// Whether the model ends in a language-model head at all (BERT's base model does not).
    public var languageModel: Bool

    public init(bias: Bool = false, pooler: Bool = false, languageModel: Bool = true) {
        self.bias = bias
        self.pooler = pooler
        self.languageModel = languageModel
    }
}

/// Mixture of experts.
public struct ExpertSpec: Sendable, Equatable {
    /// Routed experts per sparse layer, and how many one token uses.
    public var experts: Int
    public var expertsPerToken: Int
    /// Inner width of one routed expert.
    public var expertFFN: Int
    /// Always-on shared experts (their count), and the width of each.
    public var sharedExperts: Int
    public var sharedExpertFFN: Int
    /// Qwen2-MoE gates the shared expert with a `hidden → 1` projection.
    public var sharedExpertGate: Bool
    /// The first `firstDenseLayers` layers are dense MLPs of width `ffn`.
    public var firstDenseLayers: Int
    /// Of the rest, every `sparseEvery`-th layer is sparse (1: all): layer `i` (0-based) is sparse
    /// when `i % sparseEvery == sparseOffset` — `sparseEvery − 1` by default, Qwen-MoE's
    /// `(i + 1) % decoder_sparse_step == 0`; DeepSeek's `moe_layer_freq` uses offset 0.
    public var sparseEvery: Int
    public var sparseOffset: Int?
    /// Layers kept dense whatever the rule says (Qwen-MoE's `mlp_only_layers`).
    public var denseLayers: [Int]
    /// The last layer (0-based) that may be sparse; later ones are dense (ERNIE 4.5's
    /// `moe_layer_end_index`). `nil`: no end.
    public var lastSparseLayer: Int?
    /// A bias on the router (gpt-oss).
    public var routerBias: Bool
    /// A learned correction of the routing scores, one per expert (ERNIE 4.5's
    /// `moe_statics.e_score_correction_bias`, a parameter there; DeepSeek's and GLM's are buffers).
    public var routerCorrection: Bool
    /// Biases on the routed experts' projections; `nil` follows `MLPSpec.bias` (gpt-oss: true).
    public var bias: Bool?
    /// Exactly these layers (0-based) are sparse, whatever the rule (Llama 4's `moe_layers`).
    public var sparseLayers: [Int]?

    public init(
        experts: Int, expertsPerToken: Int, expertFFN: Int, sharedExperts: Int = 0, sharedExpertFFN: Int = 0,
        sharedExpertGate: Bool = false, firstDenseLayers: Int = 0, sparseEvery: Int = 1, sparseOffset: Int? = nil,
        denseLayers: [Int] = [], lastSparseLayer: Int? = nil, routerBias: Bool = false, routerCorrection: Bool = false,
        bias: Bool? = nil, sparseLayers: [Int]? = nil
    ) {
        self.experts = experts
        self.expertsPerToken = expertsPerToken
        self.expertFFN = expertFFN
        self.sharedExperts = sharedExperts
        self.sharedExpertFFN = sharedExpertFFN
        self.sharedExpertGate = sharedExpertGate
        self.firstDenseLayers = firstDenseLayers
        self.sparseEvery = sparseEvery
        self.sparseOffset = sparseOffset
        self.denseLayers = denseLayers
        self.lastSparseLayer = lastSparseLayer
        self.routerBias = routerBias
        self.routerCorrection = routerCorrection
        self.bias = bias
        self.sparseLayers = sparseLayers
    }

    /// Whether layer `index` (0-based) has routed experts instead of a dense MLP.
    public func isSparse(_ index: Int) -> Bool {
        if let sparseLayers { return sparseLayers.contains(index) }
        guard index >= firstDenseLayers, sparseEvery > 0, index <= lastSparseLayer ?? index,
              !denseLayers.contains(index) else { return false }
        // Every layer when sparseEvery is 1 (Mixtral, DeepSeek): no division, which the estimator
        // would otherwise pay per layer.
        if sparseEvery == 1 { return true }
        let offset = sparseOffset ?? (sparseEvery - 1)
        return index % sparseEvery == offset % sparseEvery
    }
}

/// The encoder stack of an encoder–decoder model.
public struct EncoderSpec: Sendable, Equatable {
    public var layers: Int

    public init(layers: Int) { self.layers = layers }
}
