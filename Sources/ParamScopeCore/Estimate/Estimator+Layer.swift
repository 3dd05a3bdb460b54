extension Estimator {
    /// Self-attention of every layer in `ranges`: Q, K, V (or fused QKV, or latent projections),
    /// O, then their biases as one part, then QK-norm.
    static func attention<Sink: TensorSink>(
        _ spec: ModelSpec, names: StackNames, layers ranges: LayerRuns, into sink: inout Sink
    ) throws(ArithmeticOverflow) {
        let attention = spec.attention
        let h = spec.hidden
        // Names are read only inside autoclosures: the counting sink never evaluates them.
        func prefix() -> String { names.layer }
        func linear(_ name: @autoclosure () -> String, _ inputs: Int, _ outputs: Int, _ bias: Bool, _ role: TensorRole,
                    _ select: LinearSelection) throws(ArithmeticOverflow) {
            try Estimator.linear(TensorPath(prefix(), name()), in: inputs, out: outputs, bias: bias, component: .attention,
                                 role: role, layers: ranges, spec: spec, select: select, into: &sink)
        }
        if let latent = attention.latent {
            let qkHeadDim = latent.qkNopeHeadDim &+ latent.qkRopeHeadDim
            // The weights and the latent norms (vectors, but steps of the latent path), then the biases.
            func projections(_ select: LinearSelection) throws(ArithmeticOverflow) {
                if let rank = latent.qLoraRank {
                    try linear(names.qA, h, rank, attention.qkvBias, .attentionLatent, select)
                    if select == .weights {
                        try norm(TensorPath(prefix(), names.qANorm), width: rank, kind: .rmsNorm, component: .attention,
                                 layers: ranges, into: &sink)
                    }
                    try linear(names.qB, rank, spec.heads &* qkHeadDim, false, .attentionQuery, select)
                } else {
                    try linear(names.q, h, spec.heads &* qkHeadDim, false, .attentionQuery, select)
                }
                try linear(names.kvA, h, latent.kvLoraRank &+ latent.qkRopeHeadDim, attention.qkvBias, .attentionLatent, select)
                if select == .weights {
                    try norm(TensorPath(prefix(), names.kvANorm), width: latent.kvLoraRank, kind: .rmsNorm, component: .attention,
                             layers: ranges, into: &sink)
                }
                try linear(names.kvB, latent.kvLoraRank, spec.heads &* (latent.qkNopeHeadDim &+ latent.vHeadDim), false,
                           .attentionLatent, select)
                try linear(names.o, spec.heads &* latent.vHeadDim, h, attention.outputBias, .attentionOutput, select)
            }
            sink.part(.latentAttention)
            try projections(.weights)
            if attention.qkvBias || attention.outputBias {
                sink.part(.attentionBias)
                try projections(.biases)
            }
            if let indexer = attention.indexer {
                // Its queries read the query latent (DeepSeek-V3.2 always has one), its key and weights h.
                sink.part(.indexer)
                let width = indexer.heads &* indexer.headDim
                try linear(names.indexerQuery, latent.qLoraRank ?? h, width, false, .attentionLatent, .both)
                try linear(names.indexerKey, h, indexer.headDim, false, .attentionLatent, .both)
                try norm(TensorPath(prefix(), names.indexerKeyNorm), width: indexer.headDim, kind: .layerNorm,
                         component: .attention, layers: ranges, into: &sink)
                try linear(names.indexerWeights, h, indexer.heads, false, .attentionLatent, .both)
            }
        } else {
            let queryWidth = spec.heads &* spec.headDim
            let keyValueWidth = spec.kvHeads &* spec.headDim
            // Each projection's weights as its own part; then every bias, in the same order.
            func projections(_ select: LinearSelection) throws(ArithmeticOverflow) {
                let weights = select == .weights
                if attention.fusedQKV {
                    if weights { sink.part(.attentionQKV) }
                    try linear(names.qkv, h, queryWidth &+ 2 &* keyValueWidth, attention.qkvBias, .attentionQKV, select)
                } else {
                    if weights { sink.part(.attentionQuery) }
                    // An output gate doubles the query projection (the gate's half is as wide as Q).
                    try linear(names.q, h, attention.outputGate ? 2 &* queryWidth : queryWidth, attention.qkvBias,
                               .attentionQuery, select)
                    if weights { sink.part(.attentionKeyValue) }
                    try linear(names.k, h, keyValueWidth, attention.qkvBias, .attentionKey, select)
                    try linear(names.v, h, keyValueWidth, attention.qkvBias, .attentionValue, select)
                }
                if weights { sink.part(.attentionOutput) }
                try linear(names.o, queryWidth, h, attention.outputBias, .attentionOutput, select)
            }
            try projections(.weights)
            // No pass over the projections again when none has a bias (an empty part is no part).
            if attention.qkvBias || attention.outputBias {
                sink.part(.attentionBias)
                try projections(.biases)
            }
        }
        if attention.sinks {
            sink.part(.attentionSinks)
            try ranges.forEach { range throws(ArithmeticOverflow) in
                try sink.tensor(TensorName(TensorPath(prefix(), names.sinks), .none), TensorShape(spec.heads), component: .attention,
                                role: .vector, in: range, experts: 1, activeExperts: 1)
            }
        }
        sink.part(.qkNorm)
        switch attention.qkNorm {
        case .none, .l2:
            break
        case .perHead:
            try norm(TensorPath(prefix(), names.qNorm), width: spec.headDim, kind: spec.norms.kind, component: .attention,
                     layers: ranges, into: &sink)
            try norm(TensorPath(prefix(), names.kNorm), width: spec.headDim, kind: spec.norms.kind, component: .attention,
                     layers: ranges, into: &sink)
        case .full:
            try norm(TensorPath(prefix(), names.qNorm), width: spec.heads &* spec.headDim, kind: spec.norms.kind,
                     component: .attention, layers: ranges, into: &sink)
            try norm(TensorPath(prefix(), names.kNorm), width: spec.kvHeads &* spec.headDim, kind: spec.norms.kind,
                     component: .attention, layers: ranges, into: &sink)
        }
    }

    /// Cross-attention of every decoder layer of an encoder–decoder model (T5's EncDecAttention),
    /// or of Mllama's image cross-attention layers (`part`): queries from the stack, keys and
    /// values from the encoder's (the image features'), both `hidden` wide.
    static func crossAttention<Sink: TensorSink>(
        _ spec: ModelSpec, names: StackNames, layers ranges: LayerRuns, part: PartKind = .crossAttention, into sink: inout Sink
    ) throws(ArithmeticOverflow) {
        let h = spec.hidden, inner = spec.heads &* spec.headDim, kv = spec.kvHeads &* spec.headDim
        let bias = spec.attention.qkvBias, outputBias = spec.attention.outputBias
        func linear(_ name: @autoclosure () -> String, _ inputs: Int, _ outputs: Int, _ bias: Bool, _ role: TensorRole)
            throws(ArithmeticOverflow) {
            try Estimator.linear(TensorPath(names.layer, name()), in: inputs, out: outputs, bias: bias, component: .attention,
                                 role: role, layers: ranges, spec: spec, into: &sink)
        }
        sink.part(part)
        try linear(names.crossQ, h, inner, bias, .attentionQuery)
        try linear(names.crossK, h, kv, bias, .attentionKey)
        try linear(names.crossV, h, kv, bias, .attentionValue)
        try linear(names.crossO, inner, h, outputBias, .attentionOutput)
    }

    /// The dense MLP of every layer in `ranges`: up and down, plus a gate when gated (one fused
    /// gate_up matrix when the family stores it so); the biases as a part of their own.
    static func mlp<Sink: TensorSink>(
        _ spec: ModelSpec, names: StackNames, layers ranges: LayerRuns, into sink: inout Sink
    ) throws(ArithmeticOverflow) {
        func tensors(_ select: LinearSelection) throws(ArithmeticOverflow) {
            try feedForward(spec, width: spec.ffn, gate: names.gate, up: names.up, down: names.down,
                            fused: spec.mlp.fusedGateUp ? names.gateUp : nil, prefix: names.layer, component: .mlp,
                            layers: ranges, select: select, into: &sink)
        }
        sink.part(.mlp)
        try tensors(.weights)
        if spec.mlp.activationParameters > 0 {
            var index = 0
            while index < spec.mlp.activationParameters {
                let name = index < names.activation.count ? names.activation[index] : "mlp.act_fn.parameter_\(index)"
                try ranges.forEach { range throws(ArithmeticOverflow) in
                    try sink.tensor(TensorName(TensorPath(names.layer, name), .none), TensorShape(1), component: .mlp,
                                    role: .vector, in: range, experts: 1, activeExperts: 1)
                }
                index += 1
            }
        }
        if spec.mlp.bias {
            sink.part(.mlpBias)
            try tensors(.biases)
        }
    }

    /// Routed experts, shared experts, the router and a shared-expert gate in every sparse layer.
    static func experts<Sink: TensorSink>(
        _ spec: ModelSpec, _ experts: ExpertSpec, names: StackNames, layers ranges: LayerRuns, into sink: inout Sink
    ) throws(ArithmeticOverflow) {
        let h = spec.hidden
        sink.part(.experts)
        try feedForward(spec, width: experts.expertFFN, gate: names.expertGate, up: names.expertUp, down: names.expertDown,
                        fused: nil, prefix: names.layer, component: .experts, layers: ranges, experts: experts.experts,
                        activeExperts: experts.expertsPerToken, bias: experts.bias ?? spec.mlp.bias, into: &sink)
        sink.part(.sharedExperts)
        if experts.sharedExperts > 0 {
            try feedForward(spec, width: experts.sharedExperts &* experts.sharedExpertFFN, gate: names.sharedGate,
                            up: names.sharedUp, down: names.sharedDown, fused: names.sharedGateUp, prefix: names.layer,
                            component: .sharedExperts, layers: ranges, into: &sink)
        }
        sink.part(.router)
        try linear(TensorPath(names.layer, names.router), in: h, out: experts.experts, bias: experts.routerBias,
                   component: .router, role: .router, layers: ranges, spec: spec, into: &sink)
        if experts.routerCorrection {
            try ranges.forEach { range throws(ArithmeticOverflow) in
                try sink.tensor(TensorName(TensorPath(names.layer, names.routerCorrection), .none), TensorShape(1, experts.experts),
                                component: .router, role: .vector, in: range, experts: 1, activeExperts: 1)
            }
        }
        if experts.sharedExperts > 0 && experts.sharedExpertGate {
            try linear(TensorPath(names.layer, names.sharedExpertGate), in: h, out: 1, bias: false,
                       component: .router, role: .router, layers: ranges, spec: spec, into: &sink)
        }
    }

    /// Up, down and (gated) gate projections of one feed-forward block of `width`.
    static func feedForward<Sink: TensorSink>(
        _ spec: ModelSpec, width: Int, gate: @autoclosure () -> String, up: @autoclosure () -> String,
        down: @autoclosure () -> String, fused: String?, prefix: @autoclosure () -> String, component: Component,
        layers ranges: LayerRuns, experts: Int = 1, activeExperts: Int? = nil, bias: Bool? = nil,
        select: LinearSelection = .both, into sink: inout Sink
    ) throws(ArithmeticOverflow) {
        let h = spec.hidden, bias = bias ?? spec.mlp.bias
        func linear(_ name: @autoclosure () -> String, _ inputs: Int, _ outputs: Int, _ role: TensorRole) throws(ArithmeticOverflow) {
            try Estimator.linear(TensorPath(prefix(), name()), in: inputs, out: outputs, bias: bias, component: component, role: role,
                                 layers: ranges, spec: spec, experts: experts, activeExperts: activeExperts,
                                 select: select, into: &sink)
        }
        if spec.mlp.gated, let fused {
            try linear(fused, h, 2 &* width, .ffnUp)
        } else {
            if spec.mlp.gated { try linear(gate(), h, width, .ffnGate) }
            try linear(up(), h, width, .ffnUp)
        }
        try linear(down(), width, h, .ffnDown)
    }

    /// The `count` norms inside every layer of `ranges` (a longer count than the stack names
    /// gets `norm_N`).
    static func layerNorms<Sink: TensorSink>(
        _ spec: ModelSpec, names: StackNames, count: Int, layers ranges: LayerRuns, into sink: inout Sink
    ) throws(ArithmeticOverflow) {
        var index = 0
        while index < count {
            try norm(TensorPath(names.layer, index < names.norms.count ? names.norms[index] : "norm_\(index)"), width: spec.hidden,
                     kind: spec.norms.kind, layers: ranges, into: &sink)
            index += 1
        }
    }
}
