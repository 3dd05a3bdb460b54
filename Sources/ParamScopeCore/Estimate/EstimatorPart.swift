/// Tensors the worked calculation explains as one step.
public struct EstimatorPart: Sendable, Equatable {
    public var kind: PartKind
    public var tensors: [TensorEntry]

    public init(_ kind: PartKind, _ tensors: [TensorEntry]) {
        self.kind = kind
        self.tensors = tensors
    }
}

/// What a group of tensors is, in the worked calculation's terms.
public enum PartKind: String, Sendable, Equatable, CaseIterable {
    case tokenEmbedding, positions, tokenTypes, embeddingNorm, embeddingProjection
    case attentionQuery, attentionKeyValue, attentionQKV, attentionOutput, latentAttention, attentionBias, indexer, attentionSinks, qkNorm
    case crossAttention, imageCrossAttention, relativePositions
    /// The recurrent mixers' tensors, one part per kind (`RecurrentMixer`).
    case mamba, mamba2, gatedDeltaNet, shortConvolution
    case mlp, mlpBias, experts, sharedExperts, router
    case layerNorms, finalNorm, head, headBias, pooler
    case visionTower, projector
}
