extension Estimator {
    /// Q, K, V and O of every layer in `range`, with biases and QK-norm as the spec says.
    static func attentionTensors(_ spec: ModelSpec, layers range: LayerRange) -> [TensorEntry] {
        let attention = spec.attention
        let prefix = "model.layers.{layer}.self_attn"
        let queryWidth = spec.heads &* spec.headDim
        let keyValueWidth = spec.kvHeads &* spec.headDim
        var tensors: [TensorEntry] = []
        tensors += linearTensors("\(prefix).q_proj", in: spec.hidden, out: queryWidth, bias: attention.qkvBias,
                                 component: .attention, role: .attentionQuery, layers: range)
        tensors += linearTensors("\(prefix).k_proj", in: spec.hidden, out: keyValueWidth, bias: attention.qkvBias,
                                 component: .attention, role: .attentionKey, layers: range)
        tensors += linearTensors("\(prefix).v_proj", in: spec.hidden, out: keyValueWidth, bias: attention.qkvBias,
                                 component: .attention, role: .attentionValue, layers: range)
        tensors += linearTensors("\(prefix).o_proj", in: queryWidth, out: spec.hidden, bias: attention.outputBias,
                                 component: .attention, role: .attentionOutput, layers: range)
        switch attention.qkNorm {
        case .none:
            break
        case .perHead:
            tensors += normTensors("\(prefix).q_norm", width: spec.headDim, kind: spec.norms.kind,
                                   component: .attention, in: range)
            tensors += normTensors("\(prefix).k_norm", width: spec.headDim, kind: spec.norms.kind,
                                   component: .attention, in: range)
        case .full:
            tensors += normTensors("\(prefix).q_norm", width: queryWidth, kind: spec.norms.kind,
                                   component: .attention, in: range)
            tensors += normTensors("\(prefix).k_norm", width: keyValueWidth, kind: spec.norms.kind,
                                   component: .attention, in: range)
        }
        return tensors
    }

    /// The dense MLP of every layer in `range`: up and down, plus a gate when gated.
    static func mlpTensors(_ spec: ModelSpec, layers range: LayerRange) -> [TensorEntry] {
        let prefix = "model.layers.{layer}.mlp"
        var tensors: [TensorEntry] = []
        if spec.mlp.gated {
            tensors += linearTensors("\(prefix).gate_proj", in: spec.hidden, out: spec.ffn, bias: spec.mlp.bias,
                                     component: .mlp, role: .ffnGate, layers: range)
        }
        tensors += linearTensors("\(prefix).up_proj", in: spec.hidden, out: spec.ffn, bias: spec.mlp.bias,
                                 component: .mlp, role: .ffnUp, layers: range)
        tensors += linearTensors("\(prefix).down_proj", in: spec.ffn, out: spec.hidden, bias: spec.mlp.bias,
                                 component: .mlp, role: .ffnDown, layers: range)
        return tensors
    }

    /// The norms inside every layer of `range`.
    static func layerNormTensors(_ spec: ModelSpec, layers range: LayerRange) -> [TensorEntry] {
        let names = ["input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm",
                     "post_feedforward_layernorm"]
        var tensors: [TensorEntry] = []
        for index in 0..<max(0, spec.norms.perLayer) {
            let name = index < names.count ? names[index] : "norm_\(index)"
            tensors += normTensors("model.layers.{layer}.\(name)", width: spec.hidden, kind: spec.norms.kind, in: range)
        }
        return tensors
    }

    /// The final norm, and the output head when it is not tied to the embedding.
    static func headTensors(_ spec: ModelSpec) -> [TensorEntry] {
        var tensors: [TensorEntry] = []
        let outside = LayerRange(first: -1, count: 1)
        if spec.norms.final {
            tensors += normTensors("model.norm", width: spec.hidden, kind: spec.norms.kind, in: outside)
        }
        if spec.head.pooler {
            tensors += linearTensors("pooler.dense", in: spec.hidden, out: spec.hidden, bias: true,
                                     component: .head, role: .otherMatrix, layers: outside)
        }
        if spec.head.languageModel {
            let width = spec.embedding.projectionWidth ?? spec.hidden
            if !spec.tiedEmbeddings {
                tensors.append(TensorEntry("lm_head.weight", shape: [spec.vocab, width], component: .head, role: .output))
            }
            if spec.head.bias {
                tensors.append(TensorEntry("lm_head.bias", shape: [spec.vocab], component: .head, role: .vector))
            }
        }
        return tensors
    }
}
