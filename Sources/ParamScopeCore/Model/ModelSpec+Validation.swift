/// A problem with a spec's shape, naming the field a user can fix.
public struct SpecProblem: Sendable, Equatable, CustomStringConvertible {
    /// The config field it concerns (`heads`, `kv_heads`, ...).
    public var field: String
    public var message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { message }
}

extension ModelSpec {
    /// Every impossible or contradictory size, in field order; empty when the spec can be counted.
    public func validate() -> [SpecProblem] {
        var problems: [SpecProblem] = []
        func positive(_ value: Int, _ field: String) {
            if value <= 0 { problems.append(SpecProblem(field: field, "`\(field)` must be a positive integer, found \(value)")) }
        }
        positive(layers, "layers")
        positive(hidden, "hidden")
        positive(heads, "heads")
        positive(kvHeads, "kv_heads")
        positive(headDim, "head_dim")
        positive(ffn, "ffn")
        positive(vocab, "vocab")
        if embedding.positions == .learned { positive(maxPositions, "max_positions") }
        if heads > 0, kvHeads > 0, heads % kvHeads != 0 {
            problems.append(SpecProblem(field: "kv_heads", "`kv_heads` (\(kvHeads)) must divide `heads` (\(heads))"))
        }
        if let experts {
            positive(experts.experts, "experts")
            positive(experts.expertsPerToken, "experts_per_token")
            positive(experts.expertFFN, "expert_ffn")
            positive(experts.sparseEvery, "sparse_every")
            if experts.sharedExperts > 0 { positive(experts.sharedExpertFFN, "shared_expert_ffn") }
            if experts.expertsPerToken > experts.experts {
                problems.append(SpecProblem(field: "experts_per_token",
                    "`experts_per_token` (\(experts.expertsPerToken)) cannot exceed `experts` (\(experts.experts))"))
            }
        }
        if let latent = attention.latent {
            if let rank = latent.qLoraRank { positive(rank, "q_lora_rank") }
            positive(latent.kvLoraRank, "kv_lora_rank")
            positive(latent.qkNopeHeadDim &+ latent.qkRopeHeadDim, "qk_nope_head_dim")
            positive(latent.vHeadDim, "v_head_dim")
        }
        if let projection = embedding.projectionWidth { positive(projection, "embedding_width") }
        if let encoder { positive(encoder.layers, "encoder_layers") }
        return problems
    }
}
