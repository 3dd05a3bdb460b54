extension Estimator {
    /// Self-attention of every layer in `ranges`: Q, K, V (or fused QKV, or latent projections),
    /// O, their biases, and QK-norm.
    static func attentionParts(_ spec: ModelSpec, names: StackNames, layers ranges: [LayerRange]) -> [EstimatorPart] {
        let attention = spec.attention
        let h = spec.hidden
        let prefix = names.layer
        func linear(_ name: String, _ inputs: Int, _ outputs: Int, _ bias: Bool, _ role: TensorRole) -> [TensorEntry] {
            linearTensors("\(prefix).\(name)", in: inputs, out: outputs, bias: bias, component: .attention,
                          role: role, layers: ranges, spec: spec)
        }
        var parts: [EstimatorPart] = []
        var biases: [TensorEntry] = []
        func add(_ kind: PartKind, _ tensors: [TensorEntry]) {
            parts.append(EstimatorPart(kind, tensors.filter { $0.role != .vector }))
            biases += tensors.filter { $0.role == .vector }
        }
        if let latent = attention.latent {
            let qkHeadDim = latent.qkNopeHeadDim &+ latent.qkRopeHeadDim
            var tensors: [TensorEntry] = []
            if let rank = latent.qLoraRank {
                tensors += linear(names.qA, h, rank, attention.qkvBias, .attentionLatent)
                tensors += normTensors("\(prefix).\(names.qANorm)", width: rank, kind: .rmsNorm, component: .attention, in: ranges)
                tensors += linear(names.qB, rank, spec.heads &* qkHeadDim, false, .attentionQuery)
            } else {
                tensors += linear(names.q, h, spec.heads &* qkHeadDim, false, .attentionQuery)
            }
            tensors += linear(names.kvA, h, latent.kvLoraRank &+ latent.qkRopeHeadDim, attention.qkvBias, .attentionLatent)
            tensors += normTensors("\(prefix).\(names.kvANorm)", width: latent.kvLoraRank, kind: .rmsNorm,
                                   component: .attention, in: ranges)
            tensors += linear(names.kvB, latent.kvLoraRank, spec.heads &* (latent.qkNopeHeadDim &+ latent.vHeadDim), false,
                              .attentionLatent)
            tensors += linear(names.o, spec.heads &* latent.vHeadDim, h, attention.outputBias, .attentionOutput)
            // The latent norms are vectors too, but they belong to the latent step, not to biases.
            let isBias = { (t: TensorEntry) in t.role == .vector && t.name.hasSuffix(".bias") }
            parts.append(EstimatorPart(.latentAttention, tensors.filter { !isBias($0) }))
            biases += tensors.filter(isBias)
        } else {
            let queryWidth = spec.heads &* spec.headDim
            let keyValueWidth = spec.kvHeads &* spec.headDim
            if attention.fusedQKV {
                add(.attentionQKV, linear(names.qkv, h, queryWidth &+ 2 &* keyValueWidth, attention.qkvBias, .attentionQKV))
            } else {
                add(.attentionQuery, linear(names.q, h, queryWidth, attention.qkvBias, .attentionQuery))
                add(.attentionKeyValue, linear(names.k, h, keyValueWidth, attention.qkvBias, .attentionKey)
                    + linear(names.v, h, keyValueWidth, attention.qkvBias, .attentionValue))
            }
            add(.attentionOutput, linear(names.o, queryWidth, h, attention.outputBias, .attentionOutput))
        }
        parts.append(EstimatorPart(.attentionBias, biases))
        let norm: [TensorEntry]
        switch attention.qkNorm {
        case .none:
            norm = []
        case .perHead:
            norm = normTensors("\(prefix).\(names.qNorm)", width: spec.headDim, kind: spec.norms.kind, component: .attention, in: ranges)
                + normTensors("\(prefix).\(names.kNorm)", width: spec.headDim, kind: spec.norms.kind, component: .attention, in: ranges)
        case .full:
            norm = normTensors("\(prefix).\(names.qNorm)", width: spec.heads &* spec.headDim, kind: spec.norms.kind,
                               component: .attention, in: ranges)
                + normTensors("\(prefix).\(names.kNorm)", width: spec.kvHeads &* spec.headDim, kind: spec.norms.kind,
                              component: .attention, in: ranges)
        }
        parts.append(EstimatorPart(.qkNorm, norm))
        return parts
    }

    /// Cross-attention of every decoder layer of an encoder–decoder model (T5's EncDecAttention):
    /// queries from the decoder, keys and values from the encoder output, both `hidden` wide.
    static func crossAttentionParts(_ spec: ModelSpec, names: StackNames, layers ranges: [LayerRange]) -> [EstimatorPart] {
        let h = spec.hidden, inner = spec.heads &* spec.headDim, kv = spec.kvHeads &* spec.headDim
        let bias = spec.attention.qkvBias, outputBias = spec.attention.outputBias
        func linear(_ name: String, _ inputs: Int, _ outputs: Int, _ bias: Bool, _ role: TensorRole) -> [TensorEntry] {
            linearTensors("\(names.layer).\(name)", in: inputs, out: outputs, bias: bias, component: .attention,
                          role: role, layers: ranges, spec: spec)
        }
        let tensors = linear(names.crossQ, h, inner, bias, .attentionQuery) + linear(names.crossK, h, kv, bias, .attentionKey)
            + linear(names.crossV, h, kv, bias, .attentionValue) + linear(names.crossO, inner, h, outputBias, .attentionOutput)
        return [EstimatorPart(.crossAttention, tensors)]
    }

    /// The dense MLP of every layer in `ranges`: up and down, plus a gate when gated (one fused
    /// gate_up matrix when the family stores it so).
    static func mlpParts(_ spec: ModelSpec, names: StackNames, layers ranges: [LayerRange]) -> [EstimatorPart] {
        let tensors = feedForward(spec, width: spec.ffn, gate: names.gate, up: names.up, down: names.down,
                                  fused: spec.mlp.fusedGateUp ? names.gateUp : nil, prefix: names.layer,
                                  component: .mlp, layers: ranges)
        return [EstimatorPart(.mlp, tensors.filter { $0.role != .vector }),
                EstimatorPart(.mlpBias, tensors.filter { $0.role == .vector })]
    }

    /// Routed experts, shared experts, the router and a shared-expert gate in every sparse layer.
    static func expertParts(_ spec: ModelSpec, _ experts: ExpertSpec, names: StackNames, layers ranges: [LayerRange]) -> [EstimatorPart] {
        let h = spec.hidden
        var router = linearTensors("\(names.layer).\(names.router)", in: h, out: experts.experts, bias: experts.routerBias,
                                   component: .router, role: .router, layers: ranges, spec: spec)
        let routed = feedForward(spec, width: experts.expertFFN, gate: names.expertGate, up: names.expertUp,
                                 down: names.expertDown, fused: nil, prefix: names.layer, component: .experts,
                                 layers: ranges, experts: experts.experts, activeExperts: experts.expertsPerToken)
        var shared: [TensorEntry] = []
        if experts.sharedExperts > 0 {
            shared = feedForward(spec, width: experts.sharedExperts &* experts.sharedExpertFFN, gate: names.sharedGate,
                                 up: names.sharedUp, down: names.sharedDown, fused: nil, prefix: names.layer,
                                 component: .sharedExperts, layers: ranges)
            if experts.sharedExpertGate {
                router += linearTensors("\(names.layer).\(names.sharedExpertGate)", in: h, out: 1, bias: false,
                                        component: .router, role: .router, layers: ranges, spec: spec)
            }
        }
        return [EstimatorPart(.experts, routed), EstimatorPart(.sharedExperts, shared), EstimatorPart(.router, router)]
    }

    /// Up, down and (gated) gate projections of one feed-forward block of `width`.
    static func feedForward(
        _ spec: ModelSpec, width: Int, gate: String, up: String, down: String, fused: String?, prefix: String,
        component: Component, layers ranges: [LayerRange], experts: Int = 1, activeExperts: Int? = nil
    ) -> [TensorEntry] {
        let h = spec.hidden, bias = spec.mlp.bias
        func linear(_ name: String, _ inputs: Int, _ outputs: Int, _ role: TensorRole) -> [TensorEntry] {
            linearTensors("\(prefix).\(name)", in: inputs, out: outputs, bias: bias, component: component, role: role,
                          layers: ranges, spec: spec, experts: experts, activeExperts: activeExperts)
        }
        var tensors: [TensorEntry] = []
        if spec.mlp.gated, let fused {
            tensors += linear(fused, h, 2 &* width, .ffnUp)
        } else {
            if spec.mlp.gated { tensors += linear(gate, h, width, .ffnGate) }
            tensors += linear(up, h, width, .ffnUp)
        }
        tensors += linear(down, width, h, .ffnDown)
        return tensors
    }

    /// The `count` norms inside every layer of `ranges`.
    static func layerNormTensors(_ spec: ModelSpec, names: StackNames, count: Int, layers ranges: [LayerRange]) -> [TensorEntry] {
        (0..<max(0, count)).flatMap { index in
            let name = index < names.norms.count ? names.norms[index] : "norm_\(index)"
            return normTensors("\(names.layer).\(name)", width: spec.hidden, kind: spec.norms.kind, in: ranges)
        }
    }
}
