/// A problem with a spec's shape, naming the field a user can fix.
public struct SpecProblem: Sendable, Equatable, CustomStringConvertible {
    /// The config field it concerns (`heads`, `kv_heads`, ...).
    public var field: String
    public var message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { message }
}

extension ModelSpec {
    /// The largest size a field may have (2³⁰).
    public static let largestSize = 1 << 30
    /// The most layers (and norms per layer) a spec may have (2¹², four times DeepNet's 1,000).
    /// Layers are walked one by one (which are sparse, llama.cpp's per-layer types), so 2³⁰ of
    /// them took minutes and 16 GB; the deepest released models have a few hundred.
    public static let mostLayers = 1 << 12

    /// Every impossible or contradictory size, in field order; empty when the spec can be counted.
    public func validate() -> [SpecProblem] {
        var problems: [SpecProblem] = []
        func positive(_ value: Int, _ field: String) {
            if value <= 0 { problems.append(SpecProblem(field: field, "`\(field)` must be a positive integer, found \(value)")) }
        }
        positive(layers, "layers")
        positive(hidden, "hidden")
        // Heads and the MLP width are needed only by layers that attend or have a dense MLP
        // (a Mamba stack has neither).
        if encoder != nil || mixers.contains(where: { $0.attentionLayer != nil }) {
            positive(heads, "heads")
            positive(kvHeads, "kv_heads")
            positive(headDim, "head_dim")
        }
        if encoder != nil || feedForwards.contains(where: { $0 == .dense }) { positive(ffn, "ffn") }
        positive(vocab, "vocab")
        if embedding.positions == .learned { positive(maxPositions, "max_positions") }
        if heads > 0, kvHeads > 0, heads % kvHeads != 0 {
            problems.append(SpecProblem(field: "kv_heads", "`kv_heads` (\(kvHeads)) must divide `heads` (\(heads))"))
        }
        if let experts {
            positive(experts.experts, "experts")
            positive(experts.expertsPerToken, "experts_per_token")
            positive(experts.expertFFN, "expert_ffn")
            positive(experts.sparseEvery, "sparse_every")
            if experts.sharedExperts > 0 { positive(experts.sharedExpertFFN, "shared_expert_ffn") }
            if experts.expertsPerToken > experts.experts {
                problems.append(SpecProblem(field: "experts_per_token",
                    "`experts_per_token` (\(experts.expertsPerToken)) cannot exceed `experts` (\(experts.experts))"))
            }
        }
        if let latent = attention.latent {
            if let rank = latent.qLoraRank { positive(rank, "q_lora_rank") }
            positive(latent.kvLoraRank, "kv_lora_rank")
            positive(latent.qkNopeHeadDim &+ latent.qkRopeHeadDim, "qk_nope_head_dim")
            positive(latent.vHeadDim, "v_head_dim")
        }
        if let projection = embedding.projectionWidth { positive(projection, "embedding_width") }
        if let indexer = attention.indexer {
            positive(indexer.heads, "index_heads")
            positive(indexer.headDim, "index_head_dim")
            if attention.latent == nil {
                problems.append(SpecProblem(field: "index_heads", "an indexer reads the query latent: set `q_lora_rank` and `kv_lora_rank`"))
            }
        }
        // Past `mostLayers` the layer count itself is refused (below); lists built from it stop there.
        if case .list(let kinds) = mixers, kinds.count != layers, layers <= Self.mostLayers {
            problems.append(SpecProblem(field: "layer_types", "`layer_types` has \(kinds.count) entries for \(layers) layers; give one per layer"))
        }
        if case .list(let kinds) = feedForwards, kinds.count != layers, layers <= Self.mostLayers {
            problems.append(SpecProblem(field: "layer_types", "the feed-forward kinds have \(kinds.count) entries for \(layers) layers; give one per layer"))
        }
        if case .cycle(let kinds) = mixers, kinds.isEmpty {
            problems.append(SpecProblem(field: "layer_types", "a layer period needs at least one kind"))
        }
        if case .cycle(let kinds) = feedForwards, kinds.isEmpty {
            problems.append(SpecProblem(field: "layer_types", "a layer period needs at least one kind"))
        }
        if case .list(let kinds) = mixers, kinds.isEmpty {
            problems.append(SpecProblem(field: "layer_types", "`layer_types` needs at least one kind"))
        }
        if let window = mixers.largestWindow(where: { $0 <= 0 }) {
            problems.append(SpecProblem(field: "sliding_window", "`sliding_window` must be a positive integer, found \(window)"))
        }
        if let encoder { positive(encoder.layers, "encoder_layers") }
        if let vision { problems += vision.validate() }
        if let ssm = stateSpace { problems += ssm.validate(mixers) }
        // Every size at most 2³⁰: then a tensor's width — a product of two sizes plus a few
        // more — fits in 64 bits, and only the counts (layers × experts × shape) need Checked.
        var sizes: [(String, Int)] = [
            ("layers", layers), ("hidden", hidden), ("heads", heads), ("kv_heads", kvHeads), ("head_dim", headDim),
            ("ffn", ffn), ("vocab", vocab), ("max_positions", maxPositions),
            ("position_offset", embedding.positionOffset), ("token_types", embedding.tokenTypes),
            ("relative_buckets", embedding.relativeBuckets), ("norms_per_layer", norms.perLayer),
        ]
        if let projection = embedding.projectionWidth { sizes.append(("embedding_width", projection)) }
        if let encoder { sizes.append(("encoder_layers", encoder.layers)) }
        if let latent = attention.latent {
            sizes += [("q_lora_rank", latent.qLoraRank ?? 0), ("kv_lora_rank", latent.kvLoraRank),
                      ("qk_nope_head_dim", latent.qkNopeHeadDim), ("qk_rope_head_dim", latent.qkRopeHeadDim),
                      ("v_head_dim", latent.vHeadDim)]
        }
        if let experts {
            sizes += [("experts", experts.experts), ("experts_per_token", experts.expertsPerToken),
                      ("expert_ffn", experts.expertFFN), ("shared_experts", experts.sharedExperts),
                      ("shared_expert_ffn", experts.sharedExpertFFN), ("first_dense_layers", experts.firstDenseLayers),
                      ("sparse_every", experts.sparseEvery), ("sparse_offset", experts.sparseOffset ?? 0),
                      ("last_sparse_layer", experts.lastSparseLayer ?? 0)]
        }
        if let window = mixers.largestWindow(where: { $0 > 0 }) { sizes.append(("sliding_window", window)) }
        if let indexer = attention.indexer { sizes += [("index_heads", indexer.heads), ("index_head_dim", indexer.headDim)] }
        sizes.append(("activation_parameters", mlp.activationParameters))
        for layer in experts?.sparseLayers ?? [] { sizes.append(("moe_layers", layer)) }
        if let ssm = stateSpace {
            sizes += [("ssm_inner", ssm.inner), ("state_size", ssm.stateSize), ("conv_kernel", ssm.convKernel),
                      ("dt_rank", ssm.dtRank), ("ssm_heads", ssm.heads), ("ssm_groups", ssm.groups)]
        }
        var layerCounts = [("layers", layers), ("norms_per_layer", norms.perLayer)]
        if let encoder { layerCounts.append(("encoder_layers", encoder.layers)) }
        for (field, value) in layerCounts where value > Self.mostLayers && value <= Self.largestSize {
            problems.append(SpecProblem(field: field, "`\(field)` (\(value)) is more than 2¹² = 4,096; no model is that deep"))
        }
        for (field, value) in sizes where value > Self.largestSize || value < 0 {
            if value < 0 {
                problems.append(SpecProblem(field: field, "`\(field)` must not be negative, found \(value)"))
            } else {
                problems.append(SpecProblem(field: field, "`\(field)` (\(value)) is larger than 2³⁰ = 1,073,741,824; no model is that wide"))
            }
        }
        return problems
    }
}

extension VisionSpec {
    /// What is wrong with the tower's sizes, each naming its `vision.` field.
    public func validate() -> [SpecProblem] {
        var problems: [SpecProblem] = []
        var sizes: [(String, Int)] = [
            ("layers", tower.layers), ("hidden", tower.hidden), ("heads", tower.heads), ("head_dim", tower.headDim),
            ("ffn", tower.ffn), ("channels", patch.channels), ("patch_size", patch.size), ("frames", patch.frames),
        ]
        if positions == .grid || positions != .none && classToken { sizes.append(("image_size", imageSize)) }
        if case .table(let rows) = positions { sizes.append(("position_rows", rows)) }
        if case .tiled(let tiles, let ratios) = positions { sizes += [("max_tiles", tiles), ("aspect_ratios", ratios)] }
        for width in projector.widths { sizes.append(("projector widths", width)) }
        for (field, value) in sizes where value <= 0 {
            problems.append(SpecProblem(field: "vision.\(field)", "`vision.\(field)` must be a positive integer, found \(value)"))
        }
        if problems.isEmpty, tower.heads > 0, tower.headDim * tower.heads != tower.hidden, tower.hidden % tower.heads != 0 {
            problems.append(SpecProblem(field: "vision.heads", "`vision.heads` (\(tower.heads)) must divide `vision.hidden` (\(tower.hidden))"))
        }
        if problems.isEmpty, imageSize > 0, patch.size > imageSize, positions == .grid {
            problems.append(SpecProblem(field: "vision.patch_size", "`vision.patch_size` (\(patch.size)) is larger than `vision.image_size` (\(imageSize))"))
        }
        sizes += [("global_layers", globalLayers), ("deepstack", deepstackCount)]
        for (field, value) in sizes where value > ModelSpec.largestSize || value < 0 {
            problems.append(SpecProblem(field: "vision.\(field)", value < 0
                ? "`vision.\(field)` must not be negative, found \(value)"
                : "`vision.\(field)` (\(value)) is larger than 2³⁰ = 1,073,741,824; no tower is that wide"))
        }
        for (field, value) in [("layers", tower.layers), ("global_layers", globalLayers)] where value > ModelSpec.mostLayers && value <= ModelSpec.largestSize {
            problems.append(SpecProblem(field: "vision.\(field)", "`vision.\(field)` (\(value)) is more than 2¹² = 4,096; no tower is that deep"))
        }
        return problems
    }
}

extension LayerSchedule {
    /// Whether some layer's kind satisfies `member` (a `.cycle` longer than the stack is asked
    /// about all its entries).
    public func contains(where member: (Kind) -> Bool) -> Bool {
        switch self {
        case .uniform(let kind): member(kind)
        case .cycle(let kinds), .list(let kinds): kinds.contains(where: member)
        }
    }
}

extension StateSpaceSpec {
    /// The sizes each recurrent kind the stack uses must have.
    func validate(_ mixers: LayerSchedule<Mixer>) -> [SpecProblem] {
        var problems: [SpecProblem] = []
        func positive(_ value: Int, _ field: String, _ kind: String) {
            if value <= 0 {
                problems.append(SpecProblem(field: field, "`\(field)` must be a positive integer for \(kind) layers, found \(value)"))
            }
        }
        func uses(_ mixer: RecurrentMixer) -> Bool { mixers.contains { $0.recurrent == mixer } }
        if RecurrentMixer.allCases.contains(where: uses) { positive(convKernel, "conv_kernel", "recurrent") }
        if uses(.mamba) {
            positive(inner, "ssm_inner", "Mamba")
            positive(stateSize, "state_size", "Mamba")
            positive(dtRank, "dt_rank", "Mamba")
        }
        if uses(.mamba2) {
            positive(inner, "ssm_inner", "Mamba-2")
            positive(stateSize, "state_size", "Mamba-2")
            positive(heads, "ssm_heads", "Mamba-2")
            positive(groups, "ssm_groups", "Mamba-2")
        }
        if uses(.gatedDeltaNet) {
            positive(inner, "ssm_inner", "Gated DeltaNet")
            positive(stateSize, "state_size", "Gated DeltaNet")
            positive(heads, "ssm_heads", "Gated DeltaNet")
            positive(groups, "ssm_groups", "Gated DeltaNet")
            if heads > 0, inner % heads != 0 {
                problems.append(SpecProblem(field: "ssm_heads", "`ssm_heads` (\(heads)) must divide the value width `ssm_inner` (\(inner))"))
            }
        }
        return problems
    }
}

extension LayerSchedule where Kind == Mixer {
    /// The largest attention window among the kinds that satisfies `condition`.
    public func largestWindow(where condition: (Int) -> Bool) -> Int? {
        func window(_ kind: Mixer) -> Int? { kind.attentionLayer?.window.flatMap { condition($0) ? $0 : nil } }
        switch self {
        case .uniform(let kind): return window(kind)
        case .cycle(let kinds), .list(let kinds): return kinds.compactMap(window).max()
        }
    }
}
