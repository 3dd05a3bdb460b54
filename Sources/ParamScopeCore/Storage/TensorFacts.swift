/// What the storage rules read from one tensor, read once per model.
///
/// A report prices every model in 29 formats. Reading each `TensorEntry` 29 times copied its
/// name and shape (retain/release) and tested llama.cpp's name rule 18 times; these plain values
/// are read instead, and the name is looked up only to name an overflow.
struct TensorFacts: Sendable, Equatable {
    /// Elements of one copy; `nil` when the product does not fit in 64 bits.
    var elements: Int?
    var rank: Int
    /// `shape[0]` and `shape[1]` of a matrix (0 otherwise); `shape.last ?? 0`.
    var rows: Int
    var columns: Int
    var last: Int
    var role: TensorRole
    var layers: Int
    var firstLayer: Int
    var layerStride: Int
    var experts: Int
    /// `LlamaFileType.quantizes(tensor)`.
    var quantizes: Bool
    /// Its runs of layer classes in `QuantizationContext.classRuns` (empty unless llama.cpp's
    /// type of it may change with the layer).
    var classRuns: Range<Int> = 0..<0

    init(_ tensor: TensorEntry) {
        elements = try? tensor.elements()
        rank = tensor.shape.count
        rows = rank == 2 ? tensor.shape[0] : 0
        columns = rank == 2 ? tensor.shape[1] : 0
        last = tensor.shape.last ?? 0
        role = tensor.role
        layers = tensor.layers
        firstLayer = tensor.firstLayer
        layerStride = tensor.layerStride
        experts = tensor.experts
        quantizes = LlamaFileType.quantizes(tensor)
    }

    /// `TensorEntry.elements()`, with its error.
    @inline(__always)
    func elements(_ name: () -> String) throws(ArithmeticOverflow) -> Int {
        guard let elements else { throw ArithmeticOverflow("the size of \(name())") }
        return elements
    }

    /// `TensorEntry.parameters()`, with its errors.
    @inline(__always)
    func parameters(_ name: () -> String) throws(ArithmeticOverflow) -> Int {
        try Checked.multiply(elements(name), layers, experts, what: "the parameters of \(name())")
    }

    var isVector: Bool { rank <= 1 }

    var copies: Int { layers &* experts }

    /// `TensorEntry.isLayerLinear`.
    var isLayerLinear: Bool { rank == 2 && role.isLayerLinear }

    /// `TensorEntry.isBitsAndBytesLinear`.
    var isBitsAndBytesLinear: Bool { rank == 2 && (role.isLayerLinear || role == .router || role == .otherMatrix) }
}

extension TensorRole {
    /// A projection inside the transformer blocks (what GPTQ, AWQ and FP8 recipes quantize).
    var isLayerLinear: Bool {
        switch self {
        case .attentionQuery, .attentionKey, .attentionValue, .attentionQKV, .attentionOutput, .attentionLatent,
             .ffnGate, .ffnUp, .ffnDown:
            return true
        default:
            return false
        }
    }
}

extension QuantizationContext {
    /// Σ over the tensors of `term`, checked as `Inventory.sum` (every term first, then the sum):
    /// `term` gets the facts and the tensor's name, built only if asked.
    @inline(__always)
    func sum(_ what: String, _ inventory: Inventory,
             _ term: (TensorFacts, () -> String) throws(ArithmeticOverflow) -> Int) throws(ArithmeticOverflow) -> Int {
        var result = 0
        var overflowed = false
        for index in facts.indices {
            let value = try term(facts[index], { inventory.tensors[index].name })
            if !overflowed {
                let (sum, overflow) = result.addingReportingOverflow(value)
                if overflow { overflowed = true } else { result = sum }
            }
        }
        if overflowed { throw ArithmeticOverflow("the \(what) size") }
        return result
    }
}
