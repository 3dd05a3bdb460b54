/// Counts a model exactly: the spec's components, each an inventory of tensors.
///
/// A family is a preset of `ModelSpec` fields, never a code path here: the builders read only
/// the spec's vocabulary (attention, MLP, experts, norms, embeddings, head) and its tensor names.
public enum Estimator {
    /// Every weight tensor of `spec`.
    ///
    /// - Throws: `ArithmeticOverflow` when a size does not fit in 64 bits.
    public static func inventory(for spec: ModelSpec) throws(ArithmeticOverflow) -> Inventory {
        try inventory(of: parts(for: spec))
    }

    /// The inventory of parts already built (a report also explains them, step by step).
    static func inventory(of parts: [EstimatorPart]) throws(ArithmeticOverflow) -> Inventory {
        let inventory = Inventory(parts.flatMap(\.tensors))
        // Validate every product once, so a caller can fold without surprises.
        _ = try inventory.total()
        return inventory
    }

    /// The tensors grouped the way the worked calculation explains them, in model order.
    public static func parts(for spec: ModelSpec) -> [EstimatorPart] {
        var parts = embeddingParts(spec)
        if let encoder = spec.encoder {
            parts += stackParts(spec, names: spec.names.encoder, layers: encoder.layers, crossAttention: false)
        }
        parts += stackParts(spec, names: spec.names.decoder, layers: spec.layers, crossAttention: spec.encoder != nil)
        parts += headParts(spec)
        return parts.filter { !$0.tensors.isEmpty }
    }

    /// One stack of layers: attention, MLP or experts, norms.
    static func stackParts(_ spec: ModelSpec, names: StackNames, layers: Int, crossAttention: Bool) -> [EstimatorPart] {
        let all = [LayerRange(first: 0, count: layers)]
        var parts = attentionParts(spec, names: names, layers: all)
        if crossAttention { parts += crossAttentionParts(spec, names: names, layers: all) }
        if spec.embedding.positions == .relativeBuckets {
            let table = TensorEntry("\(names.layer).\(names.relativeBias).weight",
                                    shape: [spec.embedding.relativeBuckets, spec.heads],
                                    component: .embedding, role: .otherMatrix, layers: 1, firstLayer: 0)
            parts.append(EstimatorPart(.relativePositions, [table]))
        }
        var dense = Array(0..<layers)
        if let experts = spec.experts {
            let sparse = dense.filter { experts.isSparse($0) }
            dense = dense.filter { !experts.isSparse($0) }
            parts += expertParts(spec, experts, names: names, layers: LayerRange.covering(sparse))
        }
        parts += mlpParts(spec, names: names, layers: LayerRange.covering(dense))
        let norms = spec.norms.perLayer &+ (crossAttention ? 1 : 0)
        parts.append(EstimatorPart(.layerNorms, layerNormTensors(spec, names: names, count: norms, layers: all)))
        return parts
    }
}

/// Which layers of the stack a tensor belongs to.
struct LayerRange: Equatable {
    var first: Int
    var count: Int
    var stride: Int = 1

    /// Sorted layer indices as few arithmetic runs as it takes (one for "all", "every 2nd",
    /// "all after the first k").
    static func covering(_ indices: [Int]) -> [LayerRange] {
        var ranges: [LayerRange] = []
        var index = 0
        while index < indices.count {
            var range = LayerRange(first: indices[index], count: 1)
            if index + 1 < indices.count {
                range.stride = indices[index + 1] - indices[index]
                while index + range.count < indices.count,
                      indices[index + range.count] - indices[index + range.count - 1] == range.stride {
                    range.count += 1
                }
            }
            if range.count == 1 { range.stride = 1 }
            ranges.append(range)
            index += range.count
        }
        return ranges
    }
}

extension TensorEntry {
    /// A tensor present once in every layer of `range`.
    init(_ name: String, shape: [Int], component: Component, role: TensorRole, in range: LayerRange,
         experts: Int = 1, activeExperts: Int? = nil) {
        self.init(name, shape: shape, component: component, role: role,
                  layers: range.count, firstLayer: range.first, layerStride: range.stride,
                  experts: experts, activeExperts: activeExperts)
    }
}
