extension Estimator {
    /// Token, position and token-type embeddings, the embedding norm, and projections between
    /// the embedding width and the hidden width.
    static func embeddingTensors(_ spec: ModelSpec) -> [TensorEntry] {
        let width = spec.embedding.projectionWidth ?? spec.hidden
        var tensors = [TensorEntry("model.embed_tokens.weight", shape: [spec.vocab, width],
                                   component: .embedding, role: .tokenEmbedding)]
        if spec.embedding.positions == .learned {
            tensors.append(TensorEntry("model.embed_positions.weight",
                                       shape: [spec.maxPositions &+ spec.embedding.positionOffset, spec.hidden],
                                       component: .embedding, role: .positionEmbedding))
        }
        if spec.embedding.tokenTypes > 0 {
            tensors.append(TensorEntry("model.token_type_embeddings.weight",
                                       shape: [spec.embedding.tokenTypes, spec.hidden],
                                       component: .embedding, role: .tokenTypeEmbedding))
        }
        if spec.embedding.norm {
            tensors += normTensors("model.embed_norm", width: spec.hidden, kind: spec.norms.kind,
                                   component: .embedding, in: LayerRange(first: -1, count: 1))
        }
        if width != spec.hidden {
            tensors.append(TensorEntry("model.project_in.weight", shape: [spec.hidden, width],
                                       component: .embedding, role: .otherMatrix))
            tensors.append(TensorEntry("model.project_out.weight", shape: [width, spec.hidden],
                                       component: .embedding, role: .otherMatrix))
        }
        return tensors
    }

    /// A norm's scale (and offset, for LayerNorm).
    static func normTensors(
        _ prefix: String, width: Int, kind: NormKind, component: Component = .norm, in range: LayerRange
    ) -> [TensorEntry] {
        var tensors = [TensorEntry("\(prefix).weight", shape: [width], component: component, role: .vector, in: range)]
        if kind == .layerNorm {
            tensors.append(TensorEntry("\(prefix).bias", shape: [width], component: component, role: .vector, in: range))
        }
        return tensors
    }

    /// A linear layer's weight `[out, in]` and optional bias.
    static func linearTensors(
        _ prefix: String, in inputs: Int, out outputs: Int, bias: Bool, component: Component,
        role: TensorRole, layers range: LayerRange
    ) -> [TensorEntry] {
        var tensors = [TensorEntry("\(prefix).weight", shape: [outputs, inputs], component: component, role: role, in: range)]
        if bias {
            tensors.append(TensorEntry("\(prefix).bias", shape: [outputs], component: component, role: .vector, in: range))
        }
        return tensors
    }
}
