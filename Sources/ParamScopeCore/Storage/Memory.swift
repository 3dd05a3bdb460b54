/// Memory to run and to train a model beyond its weights, and the compute per token.
public struct MemoryEstimate: Sendable, Equatable {
    public var context: Int
    public var batch: Int
    public var kvCacheType: KVCacheType
    /// The KV cache for `context` tokens of `batch` sequences: per decoder layer, keys and values
    /// of `kv_heads·head_dim` each (MHA, GQA, MQA alike), or DeepSeek's latent
    /// `kv_lora_rank + qk_rope_head_dim` (MLA caches one compressed vector and the rope key);
    /// sliding-window layers hold at most `window` tokens.
    public var kvCacheBytes: Int
    /// The recurrent state of `batch` sequences, whatever the context: per recurrent layer (the
    /// state-space and linear-attention mixers, `RecurrentMixer`) its SSM state and its conv
    /// state (`StateSpaceSpec.stateElements`), at the cache dtype. 0 for attention-only models.
    public var recurrentStateBytes: Int
    /// The KV cache and the recurrent state: what inference keeps beside the weights (`nil`
    /// when the sum does not fit in 64 bits).
    public var cacheBytes: Int? {
        let (sum, overflow) = kvCacheBytes.addingReportingOverflow(recurrentStateBytes)
        return overflow ? nil : sum
    }
    /// Mixed-precision Adam: 16 bytes per parameter — 2 (BF16 weights) + 2 (BF16 gradients)
    /// + 4 (FP32 master weights) + 4 + 4 (FP32 first and second moments). Activations not included.
    public var trainingBytes: Int
    /// Adam entirely in FP32: 4 (weights) + 4 (gradients) + 4 + 4 (moments), also 16 bytes per
    /// parameter, without the 16-bit copies. Activations not included.
    public var trainingFP32Bytes: Int
    /// Forward FLOPs per token (Kaplan et al. 2020, Table 1): 2·N + 2·L·context·d_attn, with N the
    /// active parameters outside the embedding and d_attn = heads·head_dim.
    public var forwardFlopsPerToken: Int
    /// Training ≈ 3× forward (the backward pass costs twice the forward).
    public var trainingFlopsPerToken: Int

    public static let mixedAdamBytesPerParameter = 16
    public static let fp32AdamBytesPerParameter = 16

    public init(
        spec: borrowing ModelSpec, total: Int, active: Int, embedding: Int, context: Int, batch: Int,
        kvCacheType: KVCacheType = .bf16
    ) throws(ArithmeticOverflow) {
        self.context = context
        self.batch = batch
        self.kvCacheType = kvCacheType
        kvCacheBytes = try Self.kvCache(spec, context: context, batch: batch, type: kvCacheType)
        recurrentStateBytes = try Self.recurrentState(spec, batch: batch, type: kvCacheType)
        trainingBytes = try Checked.multiply(total, Self.mixedAdamBytesPerParameter, what: "the training memory of \(spec.name)")
        trainingFP32Bytes = try Checked.multiply(total, Self.fp32AdamBytesPerParameter, what: "the training memory of \(spec.name)")
        let name = spec.name
        // Built only for an overflow (an eager message per model cost ~2.5 K instructions).
        func what() -> String { "the FLOPs per token of \(name)" }
        // The context term over the layers that attend (a recurrent layer's cost per token does not
        // grow with the context; its projections are in N).
        let attending = spec.stateSpace == nil ? spec.totalLayers
            : spec.pattern.count { $0.mixer.attentionLayer != nil } &+ (spec.encoder?.layers ?? 0)
        let attention = try Checked.multiply(2, attending, context, spec.heads, spec.headDim, what: what())
        forwardFlopsPerToken = try Checked.add(Checked.multiply(2, max(0, active - embedding), what: what()), attention, what: what())
        trainingFlopsPerToken = try Checked.multiply(3, forwardFlopsPerToken, what: what())
    }

    /// Bytes of the KV cache of `spec`'s decoder layers: only layers that keep one (softmax
    /// attention), each holding `min(context, window)` tokens — all of `context` for full
    /// attention — of `2·kv_heads·head_dim` elements, or `kv_lora_rank + qk_rope_head_dim`
    /// for latent attention.
    public static func kvCache(_ spec: ModelSpec, context: Int, batch: Int, type: KVCacheType) throws(ArithmeticOverflow) -> Int {
        let name = spec.name
        func what() -> String { "the KV cache of \(name)" }
        let perTokenPerLayer: Int
        if let latent = spec.attention.latent {
            // DeepSeek-V3.2's indexer caches one key of index_head_dim per token beside the latent.
            perTokenPerLayer = try Checked.add(latent.kvLoraRank, latent.qkRopeHeadDim, spec.attention.indexer?.headDim ?? 0,
                                               what: what())
        } else {
            perTokenPerLayer = try Checked.multiply(2, spec.kvHeads, spec.headDim, what: what())
        }
        // Σ over the pattern's attention runs of layers × the tokens each keeps.
        var tokens = 0
        try spec.pattern.forEachRun { run throws(ArithmeticOverflow) in
            guard let attention = run.kind.mixer.attentionLayer else { return }
            let kept = attention.window.map { $0 > 0 ? min(context, $0) : context } ?? context
            tokens = try Checked.add(tokens, Checked.multiply(run.count, kept, what: what()), what: what())
        }
        let elements = try Checked.multiply(tokens, perTokenPerLayer, batch, what: what())
        return try type.bytes(elements, what: what())
    }

    /// Bytes of the recurrent state of `spec`'s decoder layers for `batch` sequences: Σ over the
    /// pattern's recurrent runs of layers × (SSM state + conv state) elements, at `type`.
    public static func recurrentState(_ spec: ModelSpec, batch: Int, type: KVCacheType) throws(ArithmeticOverflow) -> Int {
        guard let ssm = spec.stateSpace else { return 0 }
        let name = spec.name
        func what() -> String { "the recurrent state of \(name)" }
        var elements = 0
        try spec.pattern.forEachRun { run throws(ArithmeticOverflow) in
            guard let mixer = run.kind.mixer.recurrent else { return }
            let state = ssm.stateElements(mixer, hidden: spec.hidden)
            let perLayer = try Checked.add(state.ssm, state.conv, what: what())
            elements = try Checked.add(elements, Checked.multiply(run.count, perLayer, what: what()), what: what())
        }
        return try type.bytes(Checked.multiply(elements, batch, what: what()), what: what())
    }
}
