/// The Hugging Face module paths a family uses for its tensors, so an estimate and a checkpoint
/// compare by name. Naming only: no count depends on it.
///
/// Paths omit `.weight` / `.bias`; `{layer}` and `{expert}` mark where indices go. A stack's
/// paths are relative to its `layer` prefix.
public struct TensorNames: Sendable, Equatable {
    /// GPT-2's `Conv1D` stores linear weights as `[in, out]`, not PyTorch's `[out, in]`.
    /// (First: the estimator reads it for every linear layer, the names only when it prints one.)
    public var transposedLinear = false
    public var tokenEmbedding = "model.embed_tokens"
    public var positionEmbedding = "model.embed_positions"
    public var tokenTypeEmbedding = "model.token_type_embeddings"
    public var embeddingNorm = "model.embed_norm"
    /// OPT-350m's projections from the embedding width to the hidden width and back.
    public var projectIn = "model.project_in"
    public var projectOut = "model.project_out"
    public var finalNorm = "model.norm"
    /// The encoder stack's final norm (T5).
    public var encoderFinalNorm = "encoder.final_layer_norm"
    public var head = "lm_head"
    public var pooler = "pooler.dense"
    /// The decoder (or only) stack.
    public var decoder = StackNames()
    /// The encoder stack of an encoder–decoder model.
    public var encoder = StackNames()

    public init() {}

}

/// Module paths inside one layer of a stack: a `StackPaths` behind one reference, copied on
/// write. The estimator passes a stack's names to every builder and reads them only when it
/// names a tensor; held inline they were 912 bytes, copied for every model it counted (126
/// instructions, and 15 cache lines of each spec touched for nothing: see README *Performance*).
@dynamicMemberLookup
public struct StackNames: Sendable, Equatable {
    private var storage: Storage

    public init() { storage = Storage(StackPaths()) }

    public subscript<Value>(dynamicMember path: WritableKeyPath<StackPaths, Value>) -> Value {
        get { storage.paths[keyPath: path] }
        set {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.paths) }
            storage.paths[keyPath: path] = newValue
        }
    }

    public static func == (lhs: StackNames, rhs: StackNames) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.paths == rhs.storage.paths
    }

    /// Shared by copies until one of them writes (then it gets its own): a `var` only ever
    /// written through a uniquely referenced `StackNames`, so sharing it across threads is safe.
    private final class Storage: @unchecked Sendable {
        var paths: StackPaths
        init(_ paths: StackPaths) { self.paths = paths }
    }
}

/// The module paths themselves, with transformers' default (Llama) names.
public struct StackPaths: Sendable, Equatable {
    public var layer = "model.layers.{layer}"
    public var q = "self_attn.q_proj"
    public var k = "self_attn.k_proj"
    public var v = "self_attn.v_proj"
    public var o = "self_attn.o_proj"
    /// A fused Q/K/V projection.
    public var qkv = "self_attn.qkv_proj"
    /// gpt-oss's per-head attention sinks (a parameter without `.weight`).
    public var sinks = "self_attn.sinks"
    public var qNorm = "self_attn.q_norm"
    public var kNorm = "self_attn.k_norm"
    /// Multi-head latent attention (DeepSeek).
    public var qA = "self_attn.q_a_proj"
    public var qANorm = "self_attn.q_a_layernorm"
    public var qB = "self_attn.q_b_proj"
    public var kvA = "self_attn.kv_a_proj_with_mqa"
    public var kvANorm = "self_attn.kv_a_layernorm"
    public var kvB = "self_attn.kv_b_proj"
    /// DeepSeek-V3.2's indexer.
    public var indexerQuery = "self_attn.indexer.wq_b"
    public var indexerKey = "self_attn.indexer.wk"
    public var indexerKeyNorm = "self_attn.indexer.k_norm"
    public var indexerWeights = "self_attn.indexer.weights_proj"
    /// T5's relative-position bias table, in the stack's first layer only.
    public var relativeBias = "self_attn.relative_attention_bias"
    /// Cross-attention of a decoder layer in an encoder–decoder model.
    public var crossQ = "encoder_attn.q_proj"
    public var crossK = "encoder_attn.k_proj"
    public var crossV = "encoder_attn.v_proj"
    public var crossO = "encoder_attn.o_proj"
    /// Gated cross-attention to the image (Mllama): its QK-norm and its two tanh gates.
    public var crossQNorm = "cross_attn.q_norm"
    public var crossKNorm = "cross_attn.k_norm"
    public var crossGateAttention = "cross_attn_attn_gate"
    public var crossGateMLP = "cross_attn_mlp_gate"
    public var gate = "mlp.gate_proj"
    public var up = "mlp.up_proj"
    public var down = "mlp.down_proj"
    /// Gate and up fused (Phi-3).
    public var gateUp = "mlp.gate_up_proj"
    public var router = "mlp.gate"
    /// ERNIE 4.5's routing-score correction (a parameter there).
    public var routerCorrection = "mlp.gate.moe_statics.e_score_correction_bias"
    /// Learned activation scalars (Apertus's xIELU).
    public var activation = ["mlp.act_fn.alpha_p", "mlp.act_fn.alpha_n"]
    public var expertGate = "mlp.experts.{expert}.gate_proj"
    public var expertUp = "mlp.experts.{expert}.up_proj"
    public var expertDown = "mlp.experts.{expert}.down_proj"
    public var sharedGate = "mlp.shared_experts.gate_proj"
    public var sharedUp = "mlp.shared_experts.up_proj"
    public var sharedDown = "mlp.shared_experts.down_proj"
    /// The shared expert's gate and up as one matrix (Granite 4's `shared_mlp.input_linear`).
    public var sharedGateUp: String?
    /// Qwen2-MoE's sigmoid gate on the shared expert.
    public var sharedExpertGate = "mlp.shared_expert_gate"
    /// The layer's norms in order; a longer count than the list gets `norm_N`.
    public var norms = ["input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm",
                        "post_feedforward_layernorm"]
    /// The recurrent mixer's tensors (Mamba's `mixer.*`, Jamba's `mamba.*`, Qwen3-Next's `linear_attn.*`).
    public var recurrent = RecurrentNames()

    public init() {}

}

/// Module paths of a recurrent mixer inside a layer, all under one module (`mixer`, `mamba`,
/// `linear_attn`, `conv`).
public struct RecurrentNames: Sendable, Equatable {
    public var inProj: String
    public var conv: String
    public var xProj: String
    public var dtProj: String
    /// `A_log`, `D` and `dt_bias` are parameters without `.weight`.
    public var aLog: String
    public var d: String
    public var dtBias: String
    public var norm: String
    public var outProj: String
    /// Jamba's norms on dt, B and C.
    public var dtNorm: String
    public var bNorm: String
    public var cNorm: String
    /// Gated DeltaNet's two input projections.
    public var qkvz: String
    public var ba: String

    /// Every path under `module`, with transformers' names.
    public init(module: String = "mixer") {
        inProj = module + ".in_proj"
        conv = module + ".conv1d"
        xProj = module + ".x_proj"
        dtProj = module + ".dt_proj"
        aLog = module + ".A_log"
        d = module + ".D"
        dtBias = module + ".dt_bias"
        norm = module + ".norm"
        outProj = module + ".out_proj"
        dtNorm = module + ".dt_layernorm"
        bNorm = module + ".b_layernorm"
        cNorm = module + ".c_layernorm"
        qkvz = module + ".in_proj_qkvz"
        ba = module + ".in_proj_ba"
    }
}
