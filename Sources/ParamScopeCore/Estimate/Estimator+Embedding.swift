extension Estimator {
    /// Token, position and token-type embeddings, the embedding norm, and projections between
    /// the embedding width and the hidden width.
    static func embeddings<Sink: TensorSink>(_ spec: ModelSpec, into sink: inout Sink) throws(ArithmeticOverflow) {
        // `spec.names` is read inside the name closures only: a copy of it is ~70 Strings.
        let width = spec.embedding.projectionWidth ?? spec.hidden
        sink.part(.tokenEmbedding)
        try sink.tensor(TensorName(TensorPath(spec.names.tokenEmbedding), .weight),
                        TensorShape(spec.vocab &+ spec.embedding.extraTokens, width), component: .embedding, role: .tokenEmbedding)
        if spec.embedding.positions == .learned {
            sink.part(.positions)
            try sink.tensor(TensorName(TensorPath(spec.names.positionEmbedding), .weight),
                            TensorShape(spec.maxPositions &+ spec.embedding.positionOffset, spec.hidden),
                            component: .embedding, role: .positionEmbedding)
        }
        if spec.embedding.tokenTypes > 0 {
            sink.part(.tokenTypes)
            try sink.tensor(TensorName(TensorPath(spec.names.tokenTypeEmbedding), .weight), TensorShape(spec.embedding.tokenTypes, spec.hidden),
                            component: .embedding, role: .tokenTypeEmbedding)
        }
        if spec.embedding.norm {
            sink.part(.embeddingNorm)
            try norm(TensorPath(spec.names.embeddingNorm), width: spec.hidden, kind: spec.norms.kind, component: .embedding,
                     layers: LayerRuns(.outside), into: &sink)
        }
        if width != spec.hidden {
            sink.part(.embeddingProjection)
            try linear(TensorPath(spec.names.projectIn), in: width, out: spec.hidden, bias: false, component: .embedding, role: .otherMatrix,
                       layers: LayerRuns(.outside), spec: spec, into: &sink)
            try linear(TensorPath(spec.names.projectOut), in: spec.hidden, out: width, bias: false, component: .embedding, role: .otherMatrix,
                       layers: LayerRuns(.outside), spec: spec, into: &sink)
        }
    }

    /// The final norm(s), the output head when it is not tied to the embedding, and a pooler.
    static func head<Sink: TensorSink>(_ spec: ModelSpec, into sink: inout Sink) throws(ArithmeticOverflow) {
        if spec.norms.final {
            sink.part(.finalNorm)
            if spec.encoder != nil {
                try norm(TensorPath(spec.names.encoderFinalNorm), width: spec.hidden, kind: spec.norms.kind, layers: LayerRuns(.outside),
                         into: &sink)
            }
            try norm(TensorPath(spec.names.finalNorm), width: spec.hidden, kind: spec.norms.kind, layers: LayerRuns(.outside), into: &sink)
        }
        if spec.head.pooler {
            sink.part(.pooler)
            try linear(TensorPath(spec.names.pooler), in: spec.hidden, out: spec.hidden, bias: true, component: .head, role: .otherMatrix,
                       layers: LayerRuns(.outside), spec: spec, into: &sink)
        }
        if spec.head.languageModel {
            let width = spec.embedding.projectionWidth ?? spec.hidden
            if !spec.tiedEmbeddings {
                sink.part(.head)
                try sink.tensor(TensorName(TensorPath(spec.names.head), .weight), TensorShape(spec.vocab, width), component: .head, role: .output)
            }
            if spec.head.bias {
                sink.part(.headBias)
                try sink.tensor(TensorName(TensorPath(spec.names.head), .bias), TensorShape(spec.vocab), component: .head, role: .vector)
            }
        }
    }

    /// A norm's scale (and offset, for LayerNorm) in every layer of `ranges`.
    static func norm<Sink: TensorSink>(
        _ path: @autoclosure () -> TensorPath, width: Int, kind: NormKind, component: Component = .norm, layers ranges: LayerRuns,
        into sink: inout Sink
    ) throws(ArithmeticOverflow) {
        try ranges.forEach { range throws(ArithmeticOverflow) in
            try sink.tensor(TensorName(path(), .weight), TensorShape(width), component: component, role: .vector, in: range,
                            experts: 1, activeExperts: 1)
            if kind.hasBias {
                try sink.tensor(TensorName(path(), .bias), TensorShape(width), component: component, role: .vector, in: range,
                                experts: 1, activeExperts: 1)
            }
        }
    }

    /// Which tensors of a linear layer to emit: the worked calculation shows the biases of
    /// attention and of the dense MLP as a part of their own, after the weights.
    enum LinearSelection { case both, weights, biases }

    /// A linear layer's weight (`[out, in]`, or `[in, out]` for GPT-2's Conv1D) and optional bias,
    /// in every layer of `ranges`, with `experts` copies per layer.
    static func linear<Sink: TensorSink>(
        _ path: @autoclosure () -> TensorPath, in inputs: Int, out outputs: Int, bias: Bool, component: Component,
        role: TensorRole, layers ranges: LayerRuns, spec: ModelSpec, experts: Int = 1, activeExperts: Int? = nil,
        select: LinearSelection = .both, into sink: inout Sink
    ) throws(ArithmeticOverflow) {
        let shape = spec.names.transposedLinear ? TensorShape(inputs, outputs) : TensorShape(outputs, inputs)
        let active = activeExperts ?? experts
        try ranges.forEach { range throws(ArithmeticOverflow) in
            if select != .biases {
                try sink.tensor(TensorName(path(), .weight), shape, component: component, role: role, in: range,
                                experts: experts, activeExperts: active)
            }
            if bias && select != .weights {
                try sink.tensor(TensorName(path(), .bias), TensorShape(outputs), component: component, role: .vector, in: range,
                                experts: experts, activeExperts: active)
            }
        }
    }
}
