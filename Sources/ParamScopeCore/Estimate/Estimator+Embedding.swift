extension Estimator {
    /// Outside the layer stack: present once.
    static let outside = [LayerRange(first: -1, count: 1)]

    /// Token, position and token-type embeddings, the embedding norm, and projections between
    /// the embedding width and the hidden width.
    static func embeddingParts(_ spec: ModelSpec) -> [EstimatorPart] {
        let names = spec.names
        let width = spec.embedding.projectionWidth ?? spec.hidden
        var parts = [EstimatorPart(.tokenEmbedding, [TensorEntry("\(names.tokenEmbedding).weight", shape: [spec.vocab, width],
                                                                 component: .embedding, role: .tokenEmbedding)])]
        if spec.embedding.positions == .learned {
            parts.append(EstimatorPart(.positions, [TensorEntry(
                "\(names.positionEmbedding).weight", shape: [spec.maxPositions &+ spec.embedding.positionOffset, spec.hidden],
                component: .embedding, role: .positionEmbedding)]))
        }
        if spec.embedding.tokenTypes > 0 {
            parts.append(EstimatorPart(.tokenTypes, [TensorEntry(
                "\(names.tokenTypeEmbedding).weight", shape: [spec.embedding.tokenTypes, spec.hidden],
                component: .embedding, role: .tokenTypeEmbedding)]))
        }
        if spec.embedding.norm {
            parts.append(EstimatorPart(.embeddingNorm, normTensors(names.embeddingNorm, width: spec.hidden,
                                                                   kind: spec.norms.kind, component: .embedding, in: outside)))
        }
        if width != spec.hidden {
            let projections = linearTensors(names.projectIn, in: width, out: spec.hidden, bias: false, component: .embedding,
                                            role: .otherMatrix, layers: outside, spec: spec)
                + linearTensors(names.projectOut, in: spec.hidden, out: width, bias: false, component: .embedding,
                                role: .otherMatrix, layers: outside, spec: spec)
            parts.append(EstimatorPart(.embeddingProjection, projections))
        }
        return parts
    }

    /// The final norm(s), the output head when it is not tied to the embedding, and a pooler.
    static func headParts(_ spec: ModelSpec) -> [EstimatorPart] {
        var parts: [EstimatorPart] = []
        if spec.norms.final {
            var norms: [TensorEntry] = []
            if spec.encoder != nil {
                norms += normTensors(spec.names.encoderFinalNorm, width: spec.hidden, kind: spec.norms.kind, in: outside)
            }
            norms += normTensors(spec.names.finalNorm, width: spec.hidden, kind: spec.norms.kind, in: outside)
            parts.append(EstimatorPart(.finalNorm, norms))
        }
        if spec.head.pooler {
            parts.append(EstimatorPart(.pooler, linearTensors(spec.names.pooler, in: spec.hidden, out: spec.hidden, bias: true,
                                                              component: .head, role: .otherMatrix, layers: outside, spec: spec)))
        }
        if spec.head.languageModel {
            let width = spec.embedding.projectionWidth ?? spec.hidden
            if !spec.tiedEmbeddings {
                parts.append(EstimatorPart(.head, [TensorEntry("\(spec.names.head).weight", shape: [spec.vocab, width],
                                                               component: .head, role: .output)]))
            }
            if spec.head.bias {
                parts.append(EstimatorPart(.headBias, [TensorEntry("\(spec.names.head).bias", shape: [spec.vocab],
                                                                   component: .head, role: .vector)]))
            }
        }
        return parts
    }

    /// A norm's scale (and offset, for LayerNorm) in every layer of `ranges`.
    static func normTensors(
        _ prefix: String, width: Int, kind: NormKind, component: Component = .norm, in ranges: [LayerRange]
    ) -> [TensorEntry] {
        ranges.flatMap { range in
            var tensors = [TensorEntry("\(prefix).weight", shape: [width], component: component, role: .vector, in: range)]
            if kind == .layerNorm {
                tensors.append(TensorEntry("\(prefix).bias", shape: [width], component: component, role: .vector, in: range))
            }
            return tensors
        }
    }

    /// A linear layer's weight (`[out, in]`, or `[in, out]` for GPT-2's Conv1D) and optional bias,
    /// in every layer of `ranges`, with `experts` copies per layer.
    static func linearTensors(
        _ prefix: String, in inputs: Int, out outputs: Int, bias: Bool, component: Component,
        role: TensorRole, layers ranges: [LayerRange], spec: ModelSpec, experts: Int = 1, activeExperts: Int? = nil
    ) -> [TensorEntry] {
        let shape = spec.names.transposedLinear ? [inputs, outputs] : [outputs, inputs]
        return ranges.flatMap { range in
            var tensors = [TensorEntry("\(prefix).weight", shape: shape, component: component, role: role, in: range,
                                       experts: experts, activeExperts: activeExperts)]
            if bias {
                tensors.append(TensorEntry("\(prefix).bias", shape: [outputs], component: component, role: .vector, in: range,
                                           experts: experts, activeExperts: activeExperts))
            }
            return tensors
        }
    }
}
