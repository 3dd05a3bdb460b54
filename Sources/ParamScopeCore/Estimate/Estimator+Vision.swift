extension Estimator {
    /// A vision tower (`Component.vision`, one worked-calculation part) and its projector
    /// (`Component.projector`): the tower's layers through the same `stack` builder as a text
    /// stack, with the tower's own spec.
    static func vision<Sink: TensorSink>(_ vision: VisionSpec, into sink: inout Sink) throws(ArithmeticOverflow) {
        try sink.scoped(.vision, part: .visionTower) { (tower: inout ScopedSink<Sink>) throws(ArithmeticOverflow) in
            try self.tower(vision, into: &tower)
        }
        try sink.scoped(.projector, part: .projector) { (projector: inout ScopedSink<Sink>) throws(ArithmeticOverflow) in
            try connector(vision.projector, spec: vision.tower, layers: LayerRuns(.outside), into: &projector)
        }
    }

    /// Patch embedding, class token, positions, pre-norm, the stack (and Mllama's gated global
    /// stack), post-norm, adapter, deepstack mergers.
    static func tower<Sink: TensorSink>(_ vision: VisionSpec, into sink: inout Sink) throws(ArithmeticOverflow) {
        let tower = vision.tower, h = tower.hidden, patch = vision.patch
        let outside = LayerRuns(.outside)
        func what() -> String { "the vision tower's patch embedding" }
        let pixels = try Checked.product([patch.channels, patch.frames, patch.size, patch.size], what: what())
        try linear(TensorPath(vision.names.patch), in: pixels, out: h, bias: patch.bias, component: .vision,
                   role: .otherMatrix, layers: outside, spec: tower, into: &sink)
        if vision.classToken {
            try sink.tensor(TensorName(TensorPath(vision.names.classToken), .none), TensorShape(h), component: .vision,
                            role: .vector)
        }
        let side = vision.patchesPerSide
        let grid = try Checked.add(Checked.product([side, side], what: "the vision tower's position grid"),
                                   vision.classToken ? 1 : 0, what: "the vision tower's position grid")
        switch vision.positions {
        case .none:
            break
        case .grid:
            try sink.tensor(TensorName(TensorPath(vision.names.positions), .weight), TensorShape(grid, h), component: .vision,
                            role: .positionEmbedding)
        case .table(let rows):
            try sink.tensor(TensorName(TensorPath(vision.names.positions), .weight), TensorShape(rows, h), component: .vision,
                            role: .positionEmbedding)
        case .tiled(let tiles, let ratios):
            let names = vision.names, rows = ratios &+ 1
            let tileWidth = try Checked.product([tiles, grid, h], what: "the vision tower's tile position table")
            let gate = TensorShape(1)
            try sink.tensor(TensorName(TensorPath(names.positions, names.positionGate), .none), gate, component: .vision, role: .vector)
            try sink.tensor(TensorName(TensorPath(names.positions, "embedding"), .none), TensorShape(grid, h), component: .vision,
                            role: .positionEmbedding)
            try sink.tensor(TensorName(TensorPath(names.positions, names.tileEmbedding), .weight), TensorShape(rows, tileWidth),
                            component: .vision, role: .positionEmbedding)
            for table in [names.preTile, names.postTile] {
                try sink.tensor(TensorName(TensorPath(table, names.positionGate), .none), gate, component: .vision, role: .vector)
                try sink.tensor(TensorName(TensorPath(table, names.tileEmbedding), .weight), TensorShape(rows, tiles &* h),
                                component: .vision, role: .positionEmbedding)
            }
        }
        if vision.preNorm {
            try norm(TensorPath(vision.names.preNorm), width: h, kind: tower.norms.kind, component: .vision, layers: outside,
                     into: &sink)
        }
        try stack(tower, names: tower.names.decoder, layers: tower.layers, crossAttention: false, into: &sink)
        if vision.globalLayers > 0 {
            let global = vision.names.global
            let layers = LayerRuns(LayerRange(first: 0, count: vision.globalLayers))
            for gate in [vision.names.gateAttention, vision.names.gateMLP] {
                try layers.forEach { range throws(ArithmeticOverflow) in
                    try sink.tensor(TensorName(TensorPath(global.layer, gate), .none), TensorShape(1), component: .vision,
                                    role: .vector, in: range, experts: 1, activeExperts: 1)
                }
            }
            try stack(tower, names: global, layers: vision.globalLayers, crossAttention: false, into: &sink)
        }
        if tower.norms.final {
            try norm(TensorPath(vision.names.postNorm), width: h, kind: tower.norms.kind, component: .vision, layers: outside,
                     into: &sink)
        }
        if vision.poolingHead {
            let head = vision.names.head
            try sink.tensor(TensorName(TensorPath(head, "probe"), .none), TensorShape(h), component: .vision, role: .vector)
            try sink.tensor(TensorName(TensorPath(head, "attention.in_proj_weight"), .none), TensorShape(3 &* h, h),
                            component: .vision, role: .attentionQKV)
            try sink.tensor(TensorName(TensorPath(head, "attention.in_proj_bias"), .none), TensorShape(3 &* h),
                            component: .vision, role: .vector)
            try linear(TensorPath(head, "attention.out_proj"), in: h, out: h, bias: true, component: .vision,
                       role: .attentionOutput, layers: outside, spec: tower, into: &sink)
            try norm(TensorPath(head, "layernorm"), width: h, kind: .layerNorm, component: .vision, layers: outside, into: &sink)
            try linear(TensorPath(head, "mlp.fc1"), in: h, out: tower.ffn, bias: true, component: .vision, role: .ffnUp,
                       layers: outside, spec: tower, into: &sink)
            try linear(TensorPath(head, "mlp.fc2"), in: tower.ffn, out: h, bias: true, component: .vision, role: .ffnDown,
                       layers: outside, spec: tower, into: &sink)
        }
        if let adapter = vision.adapter {
            try connector(adapter, spec: tower, layers: outside, into: &sink)
        }
        if let deepstack = vision.deepstack, vision.deepstackCount > 0 {
            try connector(deepstack, spec: tower, layers: LayerRuns(LayerRange(first: 0, count: vision.deepstackCount)),
                          into: &sink)
        }
    }

    /// A connector in every "layer" of `ranges` (a deepstack merger list counts its mergers so):
    /// norm, merging layer, then the linear chain.
    static func connector<Sink: TensorSink>(
        _ connector: Connector, spec: ModelSpec, layers ranges: LayerRuns, into sink: inout Sink
    ) throws(ArithmeticOverflow) {
        let names = connector.names
        func path(_ name: String) -> TensorPath { name.isEmpty ? TensorPath(names.prefix) : TensorPath(names.prefix, name) }
        if let kind = connector.norm {
            try norm(path(names.norm), width: connector.normWidth, kind: kind, component: .projector, layers: ranges, into: &sink)
        }
        if let merge = connector.mergeWidth {
            try linear(path(names.merge), in: merge, out: connector.normWidth, bias: false, component: .projector, role: .otherMatrix,
                       layers: ranges, spec: spec, into: &sink)
        }
        var index = 1
        while index < connector.widths.count {
            let inputs = connector.widths[index - 1], outputs = connector.widths[index]
            let name = index - 1 < names.linears.count ? names.linears[index - 1] : "linear_\(index)"
            if connector.transposed {
                try ranges.forEach { range throws(ArithmeticOverflow) in
                    try sink.tensor(TensorName(path(name), .none), TensorShape(inputs, outputs), component: .projector,
                                    role: .otherMatrix, in: range, experts: 1, activeExperts: 1)
                }
            } else {
                try linear(path(name), in: inputs, out: outputs, bias: connector.bias, component: .projector,
                           role: .otherMatrix, layers: ranges, spec: spec, into: &sink)
            }
            index += 1
        }
    }

    /// Mllama's gated cross-attention layers: Q, K, V, O on the image features, per-head
    /// QK-norm, and the attention and MLP gates.
    static func imageCrossAttention<Sink: TensorSink>(
        _ spec: ModelSpec, names: StackNames, layers ranges: LayerRuns, into sink: inout Sink
    ) throws(ArithmeticOverflow) {
        try crossAttention(spec, names: names, layers: ranges, part: .imageCrossAttention, into: &sink)
        try norm(TensorPath(names.layer, names.crossQNorm), width: spec.headDim, kind: spec.norms.kind, component: .attention,
                 layers: ranges, into: &sink)
        try norm(TensorPath(names.layer, names.crossKNorm), width: spec.headDim, kind: spec.norms.kind, component: .attention,
                 layers: ranges, into: &sink)
        for gate in [names.crossGateAttention, names.crossGateMLP] {
            try ranges.forEach { range throws(ArithmeticOverflow) in
                try sink.tensor(TensorName(TensorPath(names.layer, gate), .none), TensorShape(1), component: .attention,
                                role: .vector, in: range, experts: 1, activeExperts: 1)
            }
        }
    }
}

/// Passes a tower's (or a connector's) tensors on as one component and one worked-calculation
/// part: the layer builders it reuses name the components and parts of a text stack.
struct ScopedSink<Base: TensorSink>: TensorSink {
    var base: Base
    let component: Component

    @inline(__always)
    mutating func part(_ kind: PartKind) {}

    @inline(__always)
    mutating func tensor(
        _ name: @autoclosure () -> TensorName, _ shape: TensorShape, component: Component, role: TensorRole,
        in range: LayerRange, experts: Int, activeExperts: Int
    ) throws(ArithmeticOverflow) {
        try base.tensor(name(), shape, component: self.component, role: role, in: range, experts: experts,
                        activeExperts: activeExperts)
    }
}

extension TensorSink {
    /// Starts part `kind` and runs `body` with this sink scoped to `component` (moved in and
    /// back, never copied).
    @inline(__always)
    mutating func scoped(
        _ component: Component, part kind: PartKind,
        _ body: (inout ScopedSink<Self>) throws(ArithmeticOverflow) -> Void
    ) throws(ArithmeticOverflow) {
        part(kind)
        var scoped = ScopedSink(base: consume self, component: component)
        do {
            try body(&scoped)
        } catch {
            self = scoped.base
            throw error
        }
        self = scoped.base
    }
}
