/// What a tensor is for, in the vocabulary storage rules need: quantizers treat linear weights,
/// embeddings and 1-D vectors differently, and llama.cpp picks a type per role.
public enum TensorRole: String, Sendable, Codable, Equatable {
    case tokenEmbedding = "token_embd"
    case positionEmbedding = "position_embd"
    case tokenTypeEmbedding = "token_types"
    case attentionQuery = "attn_q"
    case attentionKey = "attn_k"
    case attentionValue = "attn_v"
    /// A fused Q/K/V projection (GPT-2, Falcon, BLOOM, NeoX, Phi-3).
    case attentionQKV = "attn_qkv"
    case attentionOutput = "attn_output"
    /// Low-rank projections of multi-head latent attention.
    case attentionLatent = "attn_latent"
    case ffnGate = "ffn_gate"
    case ffnUp = "ffn_up"
    case ffnDown = "ffn_down"
    case router = "ffn_gate_inp"
    case output = "output"
    /// Any other matrix (embedding projections, pooler, relative position tables).
    case otherMatrix = "matrix"
    /// Norm scales and offsets, biases: 1-D tensors every format keeps in high precision.
    case vector = "vector"
}

/// One weight tensor of a model, with how many copies of it there are.
///
/// 61 layers × 256 experts of one projection are one entry with `layers: 61, experts: 256`, so an
/// inventory stays small whatever the model's size, and a checkpoint's header yields the same type.
public struct TensorEntry: Sendable, Equatable {
    /// The Hugging Face name, with `{layer}` / `{expert}` where the index goes (built on access
    /// for the estimator's tensors: see `TensorName`).
    public var name: String {
        get { spelling.string }
        set { spelling = TensorName(newValue) }
    }
    /// The name as given or as the estimator's recipe.
    var spelling: TensorName
    /// PyTorch order: `[out, in]` for a linear weight, `[rows, width]` for an embedding.
    public var shape: [Int]
    public var component: Component
    public var role: TensorRole
    /// The layers that carry the tensor: `firstLayer`, `firstLayer + layerStride`, ... (`layers` of
    /// them). A tensor outside the layer stack has `layers == 1` and `firstLayer == -1`.
    public var layers: Int
    public var firstLayer: Int
    public var layerStride: Int
    /// Copies per layer (routed experts), and how many of them one token uses.
    public var experts: Int
    public var activeExperts: Int

    public init(
        _ name: String, shape: [Int], component: Component, role: TensorRole,
        layers: Int = 1, firstLayer: Int = -1, layerStride: Int = 1,
        experts: Int = 1, activeExperts: Int? = nil
    ) {
        self.init(TensorName(name), shape: shape, component: component, role: role, layers: layers,
                  firstLayer: firstLayer, layerStride: layerStride, experts: experts, activeExperts: activeExperts)
    }

    /// An entry named by a recipe (the estimator's).
    init(
        _ spelling: TensorName, shape: [Int], component: Component, role: TensorRole,
        layers: Int = 1, firstLayer: Int = -1, layerStride: Int = 1,
        experts: Int = 1, activeExperts: Int? = nil
    ) {
        self.spelling = spelling
        self.shape = shape
        self.component = component
        self.role = role
        self.layers = layers
        self.firstLayer = firstLayer
        self.layerStride = layerStride
        self.experts = experts
        self.activeExperts = activeExperts ?? experts
    }

    /// Elements of one copy.
    public func elements() throws(ArithmeticOverflow) -> Int {
        try Checked.product(shape, what: "the size of \(name)")
    }

    /// Elements over every layer and expert copy.
    public func parameters() throws(ArithmeticOverflow) -> Int {
        try Checked.multiply(elements(), layers, experts, what: "the parameters of \(name)")
    }

    /// Elements one token uses.
    public func activeParameters() throws(ArithmeticOverflow) -> Int {
        try Checked.multiply(elements(), layers, activeExperts, what: "the active parameters of \(name)")
    }

    /// Whether it is a 1-D tensor (norm scale, bias): formats keep these unquantized.
    public var isVector: Bool { shape.count <= 1 }

    /// Copies in the file: every layer, every expert.
    public var copies: Int { layers &* experts }

    /// Equal names (however spelled) and equal fields.
    public static func == (lhs: TensorEntry, rhs: TensorEntry) -> Bool {
        lhs.shape == rhs.shape && lhs.component == rhs.component && lhs.role == rhs.role && lhs.layers == rhs.layers
            && lhs.firstLayer == rhs.firstLayer && lhs.layerStride == rhs.layerStride && lhs.experts == rhs.experts
            && lhs.activeExperts == rhs.activeExperts && lhs.name == rhs.name
    }
}
