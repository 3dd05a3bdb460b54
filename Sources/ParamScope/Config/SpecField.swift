import ParamScopeCore

/// A YAML field that sets part of a `ModelSpec`: every preset choice can be overridden this way.
struct SpecField: Sendable {
    var name: String
    /// What the README says it does.
    var help: String
    var apply: @Sendable (inout ModelSpec, YAMLNode, inout FieldReader) -> Void

    static func int(_ name: String, _ help: String, allowZero: Bool = false,
                    _ set: @escaping @Sendable (inout ModelSpec, Int) -> Void) -> SpecField {
        SpecField(name: name, help: help) { spec, node, reader in
            if let value = reader.positiveInt(node, field: name, allowZero: allowZero) { set(&spec, value) }
        }
    }

    static func bool(_ name: String, _ help: String, _ set: @escaping @Sendable (inout ModelSpec, Bool) -> Void) -> SpecField {
        SpecField(name: name, help: help) { spec, node, reader in
            if let value = reader.bool(node, field: name) { set(&spec, value) }
        }
    }

    static func choice<T: RawRepresentable & Sendable>(
        _ name: String, _ help: String, _ options: [T], _ set: @escaping @Sendable (inout ModelSpec, T) -> Void
    ) -> SpecField where T.RawValue == String {
        SpecField(name: name, help: help) { spec, node, reader in
            guard let text = reader.string(node, field: name) else { return }
            if let value = options.first(where: { $0.rawValue == text }) {
                set(&spec, value)
            } else {
                reader.fail(node, "`\(name)` must be one of \(options.map(\.rawValue).joined(separator: ", ")), found \"\(text)\"")
            }
        }
    }
}

extension SpecField {
    /// The sizes a preset needs; required unless `hf_config` provides them.
    static let sizes = ["layers", "hidden", "heads", "vocab"]

    /// Every architecture field, in the order the README documents them.
    static let all: [SpecField] = [
        .int("layers", "transformer layers L") { $0.layers = $1 },
        .int("hidden", "hidden width h (d_model)") { $0.hidden = $1 },
        .int("heads", "attention (query) heads") { $0.heads = $1 },
        .int("kv_heads", "key/value heads: = heads for MHA, 1 for MQA, between for GQA") { $0.kvHeads = $1 },
        .int("head_dim", "width of one head (default hidden / heads)") { $0.headDim = $1 },
        .int("ffn", "MLP inner width (default 4·hidden for generic)") { $0.ffn = $1 },
        .int("vocab", "vocabulary size V") { $0.vocab = $1 },
        .int("max_positions", "longest sequence; rows of a learned position table") { $0.maxPositions = $1 },
        .bool("tied_embeddings", "output head shares the token embedding matrix") { $0.tiedEmbeddings = $1 },
        .bool("qkv_bias", "bias on the Q, K, V projections") { $0.attention.qkvBias = $1 },
        .bool("attn_output_bias", "bias on the attention output projection") { $0.attention.outputBias = $1 },
        .bool("mlp_gated", "gated MLP (gate, up, down) instead of up, down") { $0.mlp.gated = $1 },
        .bool("mlp_bias", "biases on the MLP projections") { $0.mlp.bias = $1 },
        .choice("norm", "layernorm (γ and β) or rmsnorm (γ only)", NormKind.allCases) { $0.norms.kind = $1 },
        .int("norms_per_layer", "norms inside each layer (2 pre-norm, 1 parallel block, 4 sandwich)", allowZero: true) {
            $0.norms.perLayer = $1
        },
        .bool("final_norm", "a norm after the last layer") { $0.norms.final = $1 },
        .choice("positions", "rope, alibi, learned, relative_buckets or none",
                [PositionEncoding.rope, .alibi, .learned, .relativeBuckets, .none]) { $0.embedding.positions = $1 },
        .bool("head_bias", "bias on the output head") { $0.head.bias = $1 },
    ] + architectureFields

    /// Fields for the rest of the component model: placement, fusion, embeddings, latent
    /// attention, experts, encoder–decoder.
    static let architectureFields: [SpecField] = [
        .choice("norm_placement", "pre, post, sandwich, parallel or parallel_separate (sets norms_per_layer)",
                NormPlacement.allCases) { $0.norms.placement = $1; $0.norms.perLayer = $1.count },
        .choice("qk_norm", "none, per_head (head_dim wide), full (all heads wide) or l2 (no weights)", [QKNorm.none, .perHead, .full, .l2]) {
            $0.attention.qkNorm = $1
        },
        .bool("fused_qkv", "Q, K, V stored as one matrix (names only)") { $0.attention.fusedQKV = $1 },
        .bool("fused_gate_up", "gate and up stored as one matrix (names only)") { $0.mlp.fusedGateUp = $1 },
        .int("position_offset", "extra rows of a learned position table (OPT: 2)", allowZero: true) {
            $0.embedding.positionOffset = $1
        },
        .int("token_types", "token-type (segment) embedding rows (BERT: 2)", allowZero: true) { $0.embedding.tokenTypes = $1 },
        .bool("embedding_norm", "a norm right after the embedding (BLOOM, BERT)") { $0.embedding.norm = $1 },
        .int("embedding_width", "token embedding width when not hidden; adds project_in/out (OPT-350m: 512)") {
            $0.embedding.projectionWidth = $1 == $0.hidden ? nil : $1
        },
        .int("relative_buckets", "T5 relative-position buckets (a buckets × heads table per stack)") {
            $0.embedding.relativeBuckets = $1
        },
        .bool("lm_head", "the model ends in a language-model head (false for BERT's base model)") { $0.head.languageModel = $1 },
        .bool("pooler", "a pooler (dense h×h + bias) after the stack (BERT)") { $0.head.pooler = $1 },
        .int("encoder_layers", "encoder layers of an encoder–decoder model (0: decoder only)", allowZero: true) {
            $0.encoder = $1 == 0 ? nil : EncoderSpec(layers: $1)
        },
        .int("q_lora_rank", "latent attention: query latent rank (0: queries projected directly)", allowZero: true) {
            $0.attention.latent = latent($0, { $0.qLoraRank = $1 == 0 ? nil : $1 }, $1)
        },
        .int("kv_lora_rank", "latent attention: key/value latent rank") { $0.attention.latent = latent($0, { $0.kvLoraRank = $1 }, $1) },
        .int("qk_nope_head_dim", "latent attention: per-head query/key width without rotary") {
            $0.attention.latent = latent($0, { $0.qkNopeHeadDim = $1 }, $1)
        },
        .int("qk_rope_head_dim", "latent attention: per-head rotary query/key width") {
            $0.attention.latent = latent($0, { $0.qkRopeHeadDim = $1 }, $1)
        },
        .int("v_head_dim", "latent attention: per-head value width") { $0.attention.latent = latent($0, { $0.vHeadDim = $1 }, $1) },
        .int("experts", "routed experts per sparse layer") { $0.experts = experts($0, { $0.experts = $1 }, $1) },
        .int("experts_per_token", "routed experts one token uses") { $0.experts = experts($0, { $0.expertsPerToken = $1 }, $1) },
        .int("expert_ffn", "inner width of one routed expert") { $0.experts = experts($0, { $0.expertFFN = $1 }, $1) },
        .int("shared_experts", "always-on shared experts", allowZero: true) {
            $0.experts = experts($0, { $0.sharedExperts = $1 }, $1)
        },
        .int("shared_expert_ffn", "inner width of one shared expert") {
            $0.experts = experts($0, { $0.sharedExpertFFN = $1 }, $1)
        },
        .bool("shared_expert_gate", "a hidden → 1 gate on the shared expert (Qwen2-MoE)") {
            $0.experts = experts($0, { $0.sharedExpertGate = $1 }, $1)
        },
        .bool("router_bias", "a bias on the router") { $0.experts = experts($0, { $0.routerBias = $1 }, $1) },
        .int("first_dense_layers", "the first k layers keep a dense MLP of width ffn", allowZero: true) {
            $0.experts = experts($0, { $0.firstDenseLayers = $1 }, $1)
        },
        .int("sparse_every", "every n-th layer after those is sparse (1: all)") {
            $0.experts = experts($0, { $0.sparseEvery = $1 }, $1)
        },
        .int("sparse_offset", "which layer of each n is sparse, 0-based (default n − 1)", allowZero: true) {
            $0.experts = experts($0, { $0.sparseOffset = $1 }, $1)
        },
        SpecField(name: "moe_layers", help: "exactly these layers (0-based) are sparse (Llama 4's moe_layers)") { spec, node, reader in
            guard let layers = layerList(node, field: "moe_layers", reader: &reader) else { return }
            spec.experts = experts(spec, { $0.sparseLayers = $1 }, layers)
        },
        .int("last_sparse_layer", "no sparse layer after this one, 0-based (ERNIE's moe_layer_end_index)", allowZero: true) {
            $0.experts = experts($0, { $0.lastSparseLayer = $1 }, $1)
        },
        .bool("expert_bias", "biases on the routed experts' projections (gpt-oss; default: as mlp_bias)") {
            $0.experts = experts($0, { $0.bias = $1 }, $1)
        },
        .bool("router_correction", "a learned routing-score correction per expert (ERNIE 4.5's e_score_correction_bias)") {
            $0.experts = experts($0, { $0.routerCorrection = $1 }, $1)
        },
        .bool("attention_sinks", "one learned sink logit per head in every attention layer (gpt-oss)") { $0.attention.sinks = $1 },
        .bool("attn_output_gate", "the query projection twice as wide, half of it gating the attention output") {
            $0.attention.outputGate = $1
        },
        .int("index_heads", "DeepSeek-V3.2's indexer: heads (needs latent attention)") {
            $0.attention.indexer = indexer($0, { $0.heads = $1 }, $1)
        },
        .int("index_head_dim", "DeepSeek-V3.2's indexer: width of one head") {
            $0.attention.indexer = indexer($0, { $0.headDim = $1 }, $1)
        },
        .int("activation_parameters", "learned scalars of each MLP's activation (Apertus's xIELU: 2)", allowZero: true) {
            $0.mlp.activationParameters = $1
        },
        SpecField(name: "layer_types", help: "each layer's attention: full, sliding, chunked or nope (full without rotary); or the config.json names") {
            spec, node, reader in
            guard let items = node.sequence else {
                reader.fail(node, "`layer_types` must be a sequence like [sliding, sliding, full], found \(node.kindName)")
                return
            }
            let window = spec.mixers.largestWindow(where: { $0 > 0 }) ?? 4096
            var kinds: [Mixer] = []
            for item in items {
                guard let text = reader.string(item, field: "layer_types") else { return }
                guard let kind = attentionKind(named: text, window: window) else {
                    reader.fail(item, "`layer_types` entries are full, sliding, chunked or nope, found \"\(text)\"")
                    return
                }
                kinds.append(kind)
            }
            spec.mixers = .list(kinds)
        },
        .int("sliding_window_pattern", "every n-th layer is full, the others sliding (Gemma 3: 6; 1: all full)") {
            let window = $0.mixers.largestWindow(where: { $0 > 0 }) ?? 4096
            $0.mixers = $1 == 1 ? .uniform(.attention) : Preset.period(sliding: $1 - 1, window: window, then: .attention)
        },
        .int("sliding_window", "tokens a sliding layer attends to (and caches); on a preset without sliding layers, every layer slides") {
            $0.mixers = withWindow($0.mixers, $1)
        },
        SpecField(name: "dense_layers", help: "layers (0-based) kept dense whatever the rule (Qwen-MoE's mlp_only_layers)") {
            spec, node, reader in
            guard let items = node.sequence else {
                reader.fail(node, "`dense_layers` must be a sequence of layer indices like [0, 3], found \(node.kindName)")
                return
            }
            var layers: [Int] = []
            for item in items {
                guard let layer = reader.positiveInt(item, field: "dense_layers", allowZero: true) else { return }
                layers.append(layer)
            }
            spec.experts = experts(spec, { $0.denseLayers = $1 }, layers)
        },
        SpecField(name: "cross_attention_layers", help: "layers (0-based) that are gated cross-attention to the image instead of self-attention (Mllama)") {
            spec, node, reader in
            guard let layers = layerList(node, field: "cross_attention_layers", reader: &reader) else { return }
            if let outside = layers.first(where: { $0 >= spec.layers }) {
                reader.fail(node, "`cross_attention_layers` names layer \(outside), past the \(spec.layers) layers")
                return
            }
            spec.mixers = Preset.mllamaMixers(layers: spec.layers, crossAttention: layers)
        },
        // The projector writes the text width: ModelEntryReader applies this mapping after every
        // other field.
        SpecField(name: "vision", help: "a vision tower and its projector: `preset` and the tower's fields (see Vision towers)") {
            spec, node, reader in
            VisionFields.apply(&spec, node, &reader)
        },
    ] + recurrent

    /// An attention layer as `layer_types` (and `layer_pattern`) spell it, `nil` for another name.
    static func attentionKind(named text: String, window: Int) -> Mixer? {
        switch text {
        case "full", "full_attention": .attention
        case "sliding", "sliding_attention", "chunked", "chunked_attention": .attention(.sliding(window))
        case "nope": .attention(AttentionLayer(rope: false))
        default: nil
        }
    }

    /// A sequence of layer indices, or nil after recording why not.
    static func layerList(_ node: YAMLNode, field: String, reader: inout FieldReader) -> [Int]? {
        guard let items = node.sequence else {
            reader.fail(node, "`\(field)` must be a sequence of layer indices like [1, 3], found \(node.kindName)")
            return nil
        }
        var layers: [Int] = []
        for item in items {
            guard let layer = reader.positiveInt(item, field: field, allowZero: true) else { return nil }
            layers.append(layer)
        }
        return layers
    }

    /// The schedule with every sliding layer's window set to `window`; all layers sliding when
    /// none was (Mistral-7B-v0.1's `sliding_window: 4096`).
    static func withWindow(_ schedule: LayerSchedule<Mixer>, _ window: Int) -> LayerSchedule<Mixer> {
        func set(_ mixer: Mixer) -> Mixer {
            guard var layer = mixer.attentionLayer, layer.window != nil else { return mixer }
            layer.window = window
            return .attention(layer)
        }
        guard schedule.largestWindow(where: { _ in true }) != nil else { return .uniform(.attention(.sliding(window))) }
        switch schedule {
        case .uniform(let mixer): return .uniform(set(mixer))
        case .cycle(let kinds): return .cycle(kinds.map(set))
        case .list(let kinds): return .list(kinds.map(set))
        }
    }

    /// The spec's indexer with one value changed; DeepSeek-V3.2's (64 heads of 128) when it had none.
    static func indexer(_ spec: ModelSpec, _ change: (inout SparseIndexer, Int) -> Void, _ value: Int) -> SparseIndexer {
        var indexer = spec.attention.indexer ?? SparseIndexer(heads: 64, headDim: 128)
        change(&indexer, value)
        return indexer
    }

    /// The spec's latent attention with one value changed; DeepSeek-V3's shape when it had none.
    static func latent(_ spec: ModelSpec, _ change: (inout LatentAttention, Int) -> Void, _ value: Int) -> LatentAttention {
        var latent = spec.attention.latent
            ?? LatentAttention(qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128)
        change(&latent, value)
        return latent
    }

    /// The spec's experts with one value changed; one expert of width `ffn` when it had none.
    static func experts<T>(_ spec: ModelSpec, _ change: (inout ExpertSpec, T) -> Void, _ value: T) -> ExpertSpec {
        var experts = spec.experts ?? ExpertSpec(experts: 1, expertsPerToken: 1, expertFFN: spec.ffn)
        change(&experts, value)
        return experts
    }

    static let byName: [String: SpecField] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
