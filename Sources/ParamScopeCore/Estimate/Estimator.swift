/// Counts a model exactly: the spec's components, each an inventory of tensors.
///
/// A family is a preset of `ModelSpec` fields, never a code path here: the builders below read
/// only the spec's vocabulary (attention, MLP, norms, embeddings, head).
public enum Estimator {
    /// Every weight tensor of `spec`.
    ///
    /// - Throws: `ArithmeticOverflow` when a size does not fit in 64 bits.
    public static func inventory(for spec: ModelSpec) throws(ArithmeticOverflow) -> Inventory {
        var inventory = Inventory()
        inventory.append(contentsOf: embeddingTensors(spec))
        let stack = LayerRange(first: 0, count: spec.layers)
        inventory.append(contentsOf: attentionTensors(spec, layers: stack))
        inventory.append(contentsOf: mlpTensors(spec, layers: stack))
        inventory.append(contentsOf: layerNormTensors(spec, layers: stack))
        inventory.append(contentsOf: headTensors(spec))
        // Validate every product once, so a caller can fold without surprises.
        _ = try inventory.total()
        return inventory
    }
}

/// Which layers of the stack a tensor belongs to.
struct LayerRange {
    var first: Int
    var count: Int
    var stride: Int = 1
}

extension TensorEntry {
    /// A tensor present once in every layer of `range`.
    init(_ name: String, shape: [Int], component: Component, role: TensorRole, in range: LayerRange) {
        self.init(name, shape: shape, component: component, role: role,
                  layers: range.count, firstLayer: range.first, layerStride: range.stride)
    }
}
