/// How one layer mixes information across positions.
///
/// The vocabulary grows by cases here, never by families: softmax attention, a recurrent
/// (state-space or linear-attention) mixer, or both side by side. Each recurrent kind has its own
/// builder in the estimator and its own `LayerPattern.layers(where:)` group; its sizes are the
/// stack's `StateSpaceSpec`, as attention's are its `AttentionSpec`.
public enum Mixer: Sendable, Equatable {
    /// Softmax attention with the stack's projections (`AttentionSpec`: heads, latent
    /// attention, biases, sinks, output gate, QK-norm, indexer) and this layer's options.
    case attention(AttentionLayer)
    /// Gated cross-attention to the image's features instead of self-attention (Mllama's
    /// cross-attention layers): Q from the layer, K and V (`kv_heads` wide) from the projected
    /// vision features, O, per-head QK-norm, and a tanh gate on the attention and on the MLP.
    /// Its keys and values come from the image, so it adds nothing to the text KV cache.
    case imageCrossAttention
    /// A recurrent mixer (Mamba-1, Mamba-2, Gated DeltaNet, short convolution) with the stack's
    /// `StateSpaceSpec`: no KV cache, a fixed-size state per sequence.
    case recurrent(RecurrentMixer)
    /// Attention and a recurrent mixer side by side on the same input, their outputs summed
    /// (Falcon-H1's attention and Mamba-2 in every layer): both sets of weights, both caches.
    case parallel(AttentionLayer, RecurrentMixer)

    /// Full attention with rotary positions: what a layer is unless a config says otherwise.
    public static let attention = Mixer.attention(.full)

    /// The layer's attention options, when it attends with softmax.
    public var attentionLayer: AttentionLayer? {
        switch self {
        case .attention(let layer), .parallel(let layer, _): layer
        case .recurrent, .imageCrossAttention: nil
        }
    }

    /// The layer's recurrent mixer, when it has one.
    public var recurrent: RecurrentMixer? {
        switch self {
        case .attention, .imageCrossAttention: nil
        case .recurrent(let mixer), .parallel(_, let mixer): mixer
        }
    }
}

/// The recurrent mixers: each keeps a fixed-size state per sequence instead of a KV cache.
public enum RecurrentMixer: String, Sendable, Equatable, CaseIterable {
    /// Mamba-1's selective scan (Gu & Dao 2023): in_proj to 2·inner, a depthwise conv1d with
    /// bias, x_proj to dt_rank + 2·N, dt_proj back to inner (with bias), A_log (inner × N), D,
    /// out_proj. Jamba adds RMSNorms on dt, B and C.
    case mamba
    /// Mamba-2's state-space duality (Dao & Gu 2024): one in_proj to z, x, grouped B and C and
    /// one dt per head; the conv over x·B·C; dt_bias, A_log and D per head; a gated RMSNorm.
    case mamba2
    /// Gated DeltaNet (Qwen3-Next's linear attention): in_proj_qkvz and in_proj_ba, a conv1d over
    /// q·k·v without bias, dt_bias and A_log per value head, a gated RMSNorm of one head's width.
    case gatedDeltaNet = "gated_deltanet"
    /// LFM2's gated short convolution: in_proj to 3·h, a depthwise conv of a few taps, out_proj.
    case shortConvolution = "short_conv"
}

/// What may differ between the softmax-attention layers of one stack without changing their
/// weights: how far back they look and whether they rotate positions. Both matter for memory
/// and for the report, never for the count.
public struct AttentionLayer: Sendable, Equatable {
    /// Attends to the last `window` tokens only (`sliding_attention`); `nil` attends to all.
    /// The KV cache of such a layer is capped at `window` tokens.
    public var window: Int?
    /// Rotary positions in this layer; `false` for NoPE layers (Llama 4, SmolLM3, Cohere 2's
    /// full-attention layers).
    public var rope: Bool

    public init(window: Int? = nil, rope: Bool = true) {
        self.window = window
        self.rope = rope
    }

    public static let full = AttentionLayer()

    public static func sliding(_ window: Int, rope: Bool = true) -> AttentionLayer {
        AttentionLayer(window: window, rope: rope)
    }
}

/// The feed-forward block of one layer.
public enum FeedForward: Sendable, Equatable {
    /// The stack's MLP (`MLPSpec`: plain or gated, biases), `ffn` wide.
    case dense
    /// The stack's mixture of experts (`ExpertSpec`): routed experts, shared experts, router.
    case experts
    /// No feed-forward block (pure state-space stacks).
    case none
}

/// One layer's kinds: its mixer and its feed-forward block. Its norms follow the stack's
/// `NormSpec` (a kind without a feed-forward block has the mixer's norm only).
public struct LayerKind: Sendable, Equatable {
    public var mixer: Mixer
    public var feedForward: FeedForward

    public init(mixer: Mixer = .attention, feedForward: FeedForward = .dense) {
        self.mixer = mixer
        self.feedForward = feedForward
    }
}

/// Which kind each layer of a stack has, as a config states it: one kind for every layer, a
/// period that repeats (Gemma 3's five sliding layers then one full), or one entry per layer
/// (`layer_types`). Independent of the layer count except for `.list`, which must have one
/// entry per layer (`ModelSpec.validate()`).
public enum LayerSchedule<Kind: Sendable & Equatable>: Sendable, Equatable {
    case uniform(Kind)
    /// Layer `i` has `period[i % period.count]`.
    case cycle([Kind])
    /// Layer `i` has `list[i]`.
    case list([Kind])

    /// The kind of layer `index` (0-based); `fallback` where the schedule has none — an empty
    /// period or list, a list shorter than the stack (both refused by validation, never a trap).
    @inline(__always)
    public func kind(at index: Int, fallback: Kind) -> Kind {
        switch self {
        case .uniform(let kind): kind
        case .cycle(let period): period.isEmpty ? fallback : period[index % period.count]
        case .list(let list): index < list.count ? list[index] : fallback
        }
    }

    /// The kind every layer has, when the schedule has only one.
    public var uniformKind: Kind? {
        switch self {
        case .uniform(let kind): kind
        case .cycle(let kinds), .list(let kinds):
            kinds.allSatisfy { $0 == kinds[0] } ? kinds.first : nil
        }
    }

    /// Entries of a `.cycle` or `.list` (0 for `.uniform`).
    public var entries: Int {
        switch self {
        case .uniform: 0
        case .cycle(let kinds), .list(let kinds): kinds.count
        }
    }
}

/// A stack's layers resolved from its schedules and its expert rule: consecutive layers of the
/// same kind as one run, so 61 layers × 256 experts stay a handful of runs (and the inventory
/// one entry per tensor and run of layers).
///
/// Built by `ModelSpec.pattern`; the estimator asks `layers(where:)` for the layer ranges of
/// each group of tensors (attention weights, dense MLP, experts), the KV cache walks `runs`.
public struct LayerPattern: Sendable, Equatable {
    /// Consecutive layers of one kind.
    public struct Run: Sendable, Equatable {
        public var kind: LayerKind
        public var first: Int
        public var count: Int
    }

    /// The first run inline: a uniform stack (most models) allocates nothing.
    private var head: Run?
    private var rest: [Run] = []

    public init() {}

    /// All `layers` of one kind.
    public init(_ kind: LayerKind, layers: Int) {
        if layers > 0 { head = Run(kind: kind, first: 0, count: layers) }
    }

    /// Layer `i` of `0..<layers` has `kind(i)`.
    public init(layers: Int, kind: (Int) -> LayerKind) {
        var index = 0
        while index < layers {
            append(kind(index))
            index += 1
        }
    }

    /// Adds the next layer.
    public mutating func append(_ kind: LayerKind) {
        guard var last = rest.last ?? head else {
            head = Run(kind: kind, first: 0, count: 1)
            return
        }
        if last.kind == kind {
            last.count += 1
            if rest.isEmpty { head = last } else { rest[rest.count - 1] = last }
        } else {
            rest.append(Run(kind: kind, first: last.first + last.count, count: 1))
        }
    }

    /// Adds `count` more layers of `kind`.
    public mutating func append(_ kind: LayerKind, count: Int) {
        guard count > 0 else { return }
        guard var last = rest.last ?? head else {
            head = Run(kind: kind, first: 0, count: count)
            return
        }
        if last.kind == kind {
            last.count += count
            if rest.isEmpty { head = last } else { rest[rest.count - 1] = last }
        } else {
            rest.append(Run(kind: kind, first: last.first + last.count, count: count))
        }
    }

    /// The runs in layer order.
    public var runs: [Run] { head.map { [$0] + rest } ?? [] }

    /// Every run in layer order, without an array.
    @inline(__always)
    public func forEachRun<E: Error>(_ body: (Run) throws(E) -> Void) throws(E) {
        guard let head else { return }
        try body(head)
        for run in rest { try body(run) }
    }

    /// Layers in the stack.
    public var layerCount: Int {
        var count = 0
        forEachRun { count += $0.count }
        return count
    }

    /// The kind of layer `index`, `nil` outside the stack.
    public func kind(at index: Int) -> LayerKind? {
        var found: LayerKind?
        forEachRun { run in
            if found == nil, index >= run.first, index < run.first + run.count { found = run.kind }
        }
        return found
    }

    /// Layers whose kind satisfies `member`.
    public func count(where member: (LayerKind) -> Bool) -> Int {
        var count = 0
        forEachRun { if member($0.kind) { count += $0.count } }
        return count
    }
}

/// The role of a stack in a model, in inventory order. A vision tower is not a role: it has its
/// own widths, so it is a `VisionSpec` with a stack spec of its own (`ModelSpec.vision`).
public enum StackRole: String, Sendable, Equatable, CaseIterable {
    /// The encoder of an encoder–decoder model (T5).
    case encoder
    /// The decoder, or the only stack (encoder-only models count here too).
    case decoder
}

extension ModelSpec {
    /// The layers of the stack of `role`, `nil` when the model has no such stack.
    @inline(__always)
    public func layers(of role: StackRole) -> Int? {
        switch role {
        case .encoder: encoder?.layers
        case .decoder: layers
        }
    }

    /// The decoder's layers, resolved: each layer's mixer from `mixers`, its feed-forward from
    /// `feedForwards`, where dense layers are sparse as the expert rule says.
    ///
    /// The common shapes — one kind everywhere, or dense layers then sparse ones (DeepSeek) —
    /// are built without asking each layer.
    public var pattern: LayerPattern { pattern(layers: layers) }

    /// The pattern of a stack of `layers` with this spec's schedules (the encoder's too).
    public func pattern(layers: Int) -> LayerPattern {
        guard layers > 0 else { return LayerPattern() }
        if let mixer = mixers.uniformKind, let feedForward = feedForwards.uniformKind {
            guard feedForward == .dense, let experts else {
                return LayerPattern(LayerKind(mixer: mixer, feedForward: feedForward), layers: layers)
            }
            if experts.sparseEvery == 1, experts.denseLayers.isEmpty, experts.lastSparseLayer == nil, experts.sparseLayers == nil {
                let first = min(max(experts.firstDenseLayers, 0), layers)
                var pattern = LayerPattern()
                pattern.append(LayerKind(mixer: mixer, feedForward: .dense), count: first)
                pattern.append(LayerKind(mixer: mixer, feedForward: .experts), count: layers - first)
                return pattern
            }
        }
        return LayerPattern(layers: layers) { index in
            var feedForward = feedForwards.kind(at: index, fallback: .dense)
            if feedForward == .dense, let experts, experts.isSparse(index) { feedForward = .experts }
            return LayerKind(mixer: mixers.kind(at: index, fallback: .attention), feedForward: feedForward)
        }
    }
}
