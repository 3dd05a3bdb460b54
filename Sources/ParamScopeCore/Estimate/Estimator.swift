/// Counts a model exactly: the spec's components, each an inventory of tensors.
///
/// A family is a preset of `ModelSpec` fields, never a code path here: the builders read only
/// the spec's vocabulary (attention, MLP, experts, norms, embeddings, head) and its tensor names.
/// They are written once, generic over a `TensorSink` (see there why), and feed both the named
/// inventory and the allocation-free count.
public enum Estimator {
    /// Total and active parameters (and their split by component) without building the
    /// inventory: the same tensors, only multiplied and added.
    ///
    /// - Throws: `ArithmeticOverflow`, with the message `inventory(for:)` and the inventory's
    ///   folds (`total()`, then `active()`, then `components()`) would give.
    public static func count(for spec: ModelSpec) throws(ArithmeticOverflow) -> ParameterCount {
        var sink = CountingSink()
        try build(spec, into: &sink)
        guard sink.overflowed else { return sink.count }
        // Some product or sum did not fit (the sums above are then wrong): the inventory's folds
        // find the first term that failed and name it. The counting sink only notices, so it
        // never builds a name, never throws and holds no error (−700 instructions a model).
        return try inventory(for: spec).counts()
    }

    /// Every weight tensor of `spec`.
    ///
    /// - Throws: `ArithmeticOverflow` when a size does not fit in 64 bits.
    public static func inventory(for spec: ModelSpec) throws(ArithmeticOverflow) -> Inventory {
        let inventory = Inventory(layout(for: spec).tensors)
        // Validate every product once, so a caller can fold without surprises.
        _ = try inventory.total()
        return inventory
    }

    /// The tensors grouped the way the worked calculation explains them, in model order.
    public static func parts(for spec: ModelSpec) -> [EstimatorPart] {
        layout(for: spec).parts
    }

    /// The inventory's tensors and where each part starts (one array, not one per part).
    static func layout(for spec: ModelSpec) -> InventorySink {
        var sink = InventorySink()
        // The inventory sink never throws: products are checked by the folds over it.
        do { try build(spec, into: &sink) } catch { preconditionFailure("InventorySink does not throw") }
        return sink
    }

    /// The one description of every architecture: each tensor of `spec`, in inventory order.
    static func build<Sink: TensorSink>(_ spec: ModelSpec, into sink: inout Sink) throws(ArithmeticOverflow) {
        // The tower first, as transformers registers it (Gemma 3, LLaVA, Qwen-VL build it before
        // the language model; the order changes no count).
        if let vision = spec.vision { try self.vision(vision, into: &sink) }
        try embeddings(spec, into: &sink)
        for role in StackRole.allCases {
            guard let layers = spec.layers(of: role) else { continue }
            switch role {
            case .encoder:
                try stack(spec, names: spec.names.encoder, layers: layers, crossAttention: false, into: &sink)
            case .decoder:
                try stack(spec, names: spec.names.decoder, layers: layers, crossAttention: spec.encoder != nil, into: &sink)
            }
        }
        try head(spec, into: &sink)
    }

    /// One stack of layers, as its `LayerPattern` says: each group of tensors (the attention
    /// weights, the dense MLP, the experts) over the layers whose kind has it, then the norms.
    static func stack<Sink: TensorSink>(
        _ spec: ModelSpec, names: StackNames, layers: Int, crossAttention: Bool, into sink: inout Sink
    ) throws(ArithmeticOverflow) {
        let all = layers > 0 ? LayerRuns(LayerRange(first: 0, count: layers)) : LayerRuns()
        let groups = spec.layerGroups(layers)
        try attention(spec, names: names, layers: groups.attention, into: &sink)
        if let ssm = spec.stateSpace {
            // State-space layers are rare: their runs come from the pattern itself.
            let pattern = spec.pattern(layers: layers)
            for mixer in RecurrentMixer.allCases {
                let ranges = pattern.layers { $0.mixer.recurrent == mixer }
                if !ranges.isEmpty { try recurrent(spec, ssm, mixer, names: names, layers: ranges, into: &sink) }
            }
        }
        if crossAttention { try self.crossAttention(spec, names: names, layers: all, into: &sink) }
        if spec.mixers.contains(where: { $0 == .imageCrossAttention }) {
            // Mllama's cross-attention layers are rare too: their runs come from the pattern.
            let imageLayers = spec.pattern(layers: layers).layers { $0.mixer == .imageCrossAttention }
            if !imageLayers.isEmpty { try imageCrossAttention(spec, names: names, layers: imageLayers, into: &sink) }
        }
        if spec.embedding.positions == .relativeBuckets {
            sink.part(.relativePositions)
            try sink.tensor(TensorName(TensorPath(names.layer, names.relativeBias), .weight),
                            TensorShape(spec.embedding.relativeBuckets, spec.heads),
                            component: .embedding, role: .otherMatrix, in: LayerRange(first: 0, count: 1))
        }
        if let experts = spec.experts {
            try self.experts(spec, experts, names: names, layers: groups.experts, into: &sink)
        }
        try mlp(spec, names: names, layers: groups.dense, into: &sink)
        sink.part(.layerNorms)
        let norms = spec.norms.perLayer &+ (crossAttention ? 1 : 0)
        try layerNorms(spec, names: names, count: norms, layers: all, into: &sink)
    }
}

/// Builds the named entries, and records where each part begins.
struct InventorySink: TensorSink {
    var tensors: [TensorEntry] = []
    /// Each part's kind and the index of its first tensor, in order (parts may be empty).
    var starts: [(kind: PartKind, start: Int)] = []

    init() {
        tensors.reserveCapacity(32)
        starts.reserveCapacity(24)
    }

    mutating func part(_ kind: PartKind) { starts.append((kind, tensors.count)) }

    mutating func tensor(
        _ name: @autoclosure () -> TensorName, _ shape: TensorShape, component: Component, role: TensorRole,
        in range: LayerRange, experts: Int, activeExperts: Int
    ) {
        tensors.append(TensorEntry(name(), shape: shape.array, component: component, role: role, layers: range.count,
                                   firstLayer: range.first, layerStride: range.stride, experts: experts,
                                   activeExperts: activeExperts))
    }

    /// The index range of the tensors of part number `index`.
    func span(_ index: Int) -> Range<Int> {
        starts[index].start..<(index + 1 < starts.count ? starts[index + 1].start : tensors.count)
    }

    /// The non-empty parts as `EstimatorPart` values.
    var parts: [EstimatorPart] {
        starts.indices.compactMap { index in
            let span = span(index)
            return span.isEmpty ? nil : EstimatorPart(starts[index].kind, Array(tensors[span]))
        }
    }
}

/// Only the sums: no names, no arrays, no errors. Every product and sum is computed with its
/// overflow bit, and the bits are joined into `overflowed`; `Estimator.count` then asks the
/// inventory for the error, so the message is the one its folds give, by construction.
struct CountingSink: TensorSink {
    var count = ParameterCount()
    /// Some product or sum did not fit in 64 bits: `count` is not the answer.
    var overflowed = false

    @inline(__always)
    mutating func part(_ kind: PartKind) {}

    @inline(__always)
    mutating func tensor(
        _ name: @autoclosure () -> TensorName, _ shape: TensorShape, component: Component, role: TensorRole,
        in range: LayerRange, experts: Int, activeExperts: Int
    ) {
        // elements × layers × experts, as the inventory's folds multiply them; the active count
        // shares the first product.
        let (elements, o1) = shape.elementsReportingOverflow()
        let (perLayer, o2) = elements.multipliedReportingOverflow(by: range.count)
        let (parameters, o3) = perLayer.multipliedReportingOverflow(by: experts)
        let (active, o4) = perLayer.multipliedReportingOverflow(by: activeExperts)
        let (total, o5) = count.total.addingReportingOverflow(parameters)
        let (activeSum, o6) = count.active.addingReportingOverflow(active)
        let o7 = count.components.add(parameters, to: component)
        count.total = total
        count.active = activeSum
        overflowed = overflowed || o1 || o2 || o3 || o4 || o5 || o6 || o7
    }
}

/// The layers of one stack that carry each group of tensors.
struct LayerGroups {
    var attention: LayerRuns
    var dense: LayerRuns
    var experts: LayerRuns
}

extension ModelSpec {
    /// Which layers of a stack of `layers` have attention, a dense MLP, experts: `pattern(layers:)`
    /// asked per group — except for one mixer everywhere with dense layers or "all sparse from
    /// the k-th" (nearly every model), answered with at most two ranges and no pattern built
    /// (the pattern's runs cost ~100 instructions a model; `CountPropertyTests` checks both ways agree).
    @inline(__always)
    func layerGroups(_ layers: Int) -> LayerGroups {
        if case .uniform(let mixer) = mixers, case .uniform(.dense) = feedForwards {
            // Built afresh each time: a copy of a `LayerRuns` is an outlined copy (~50 instructions).
            func all() -> LayerRuns { layers > 0 ? LayerRuns(LayerRange(first: 0, count: layers)) : LayerRuns() }
            let attention = mixer.attentionLayer != nil ? all() : LayerRuns()
            guard let experts else { return LayerGroups(attention: attention, dense: all(), experts: LayerRuns()) }
            if experts.sparseEvery == 1, experts.denseLayers.isEmpty, experts.lastSparseLayer == nil, experts.sparseLayers == nil {
                let first = min(max(experts.firstDenseLayers, 0), max(layers, 0))
                return LayerGroups(
                    attention: attention,
                    dense: first > 0 ? LayerRuns(LayerRange(first: 0, count: first)) : LayerRuns(),
                    experts: first < layers ? LayerRuns(LayerRange(first: first, count: layers - first)) : LayerRuns())
            }
        }
        let pattern = pattern(layers: layers)
        return LayerGroups(attention: pattern.layers { $0.mixer.attentionLayer != nil },
                           dense: pattern.layers { $0.feedForward == .dense },
                           experts: pattern.layers { $0.feedForward == .experts })
    }
}

extension LayerPattern {
    /// The layers whose kind satisfies `member`, as `LayerRange.covering` of their indices —
    /// one range when every layer (or every layer from the k-th) is a member, without asking
    /// each layer (`CountPropertyTests` checks it against the layer-by-layer split).
    @inline(__always)
    func layers(where member: (LayerKind) -> Bool) -> LayerRuns {
        var runs = LayerRuns(), builder = LayerRuns.Builder()
        forEachRun { run in
            if member(run.kind) { builder.append(first: run.first, count: run.count, to: &runs) }
        }
        builder.finish(&runs)
        return runs
    }
}
