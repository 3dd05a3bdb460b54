import ParamScopeCore

/// The config.json fields of the 2024–2026 families, read into the spec's kinds: biases,
/// QK-norm, experts and their layer rule, and the per-layer schedule (`layer_types`, NoPE layers).
/// Defaults are those of each family's transformers 5.x config class.
extension HFFamilies {
    /// The families read here (their presets are in `Presets+Current.swift`).
    static let current: Set<String> = [
        "gemma3_text", "gpt_oss", "llama4_text", "glm4", "glm4_moe", "phimoe", "olmoe", "olmo3", "granite", "granitemoe",
        "cohere", "cohere2", "smollm3", "exaone4", "minimax_m2", "ernie4_5", "ernie4_5_moe", "deepseek_v32", "kimi_k2",
        "seed_oss", "apertus",
    ]

    static func applyCurrent(_ family: String, config: HFConfig, fields: inout HFFields, to spec: inout ModelSpec) throws(Diagnostic) {
        try biases(family, config: config, spec: &spec)
        try qkNorm(family, config: config, spec: &spec)
        if family == "phimoe", let bias = try config.bool("lm_head_bias") { spec.head.bias = bias }
        switch family {
        case "deepseek_v32", "kimi_k2":
            try deepseek(config: config, fields: &fields, spec: &spec)
            if family == "deepseek_v32" {
                if var indexer = spec.attention.indexer {
                    if let heads = try fields.int("index_heads", ["index_n_heads"]) { indexer.heads = heads }
                    if let dim = try fields.int("index_head_dim", ["index_head_dim"]) { indexer.headDim = dim }
                    spec.attention.indexer = indexer
                }
                if let types = try stringList(config, "mlp_layer_types") {
                    var sparse: [Int] = []
                    for (index, type) in types.enumerated() {
                        switch type {
                        case "sparse": sparse.append(index)
                        case "dense": break
                        default:
                            throw Diagnostic(file: config.file, "\(config.path).mlp_layer_types[\(index)]: expected \"dense\" or \"sparse\", found \"\(type)\"")
                        }
                    }
                    spec.experts?.sparseLayers = sparse
                }
            }
        case "llama4_text":
            if let dense = try fields.int("ffn", ["intermediate_size_mlp"]) { spec.ffn = dense } else { spec.ffn = 16384 }
            try currentExperts(family, config: config, fields: &fields, spec: &spec)
        default:
            try currentExperts(family, config: config, fields: &fields, spec: &spec)
        }
        try layerTypes(family, config: config, fields: &fields, spec: &spec)
    }

    /// Which projections `attention_bias` (and the family's own bias keys) put biases on.
    static func biases(_ family: String, config: HFConfig, spec: inout ModelSpec) throws(Diagnostic) {
        switch family {
        case "glm4", "glm4_moe", "seed_oss":
            // Q, K and V only; Seed-OSS has its own key for O.
            if let bias = try config.bool("attention_bias") { spec.attention.qkvBias = bias }
            if family == "seed_oss", let bias = try config.bool("attention_out_bias") { spec.attention.outputBias = bias }
        case "ernie4_5", "ernie4_5_moe":
            if let bias = try config.bool("use_bias") {
                spec.attention.qkvBias = bias
                spec.attention.outputBias = bias
                spec.mlp.bias = bias
            }
            // Routed experts are bare parameters without biases whatever `use_bias` says; the MoE
            // model's output head takes one.
            spec.experts?.bias = false
            if family == "ernie4_5_moe", let bias = try config.bool("use_bias") { spec.head.bias = bias }
        case "deepseek_v32", "kimi_k2":
            break  // `deepseek(config:)` reads attention_bias
        case "exaone4", "minimax_m2":
            break  // no biases, whatever `attention_bias` says
        default:
            if let bias = try config.bool("attention_bias") {
                spec.attention.qkvBias = bias
                spec.attention.outputBias = bias
            }
        }
        if ["granite", "smollm3", "seed_oss"].contains(family),
           let bias = try config.bool("mlp_bias") {
            spec.mlp.bias = bias
        }
    }

    /// `use_qk_norm` where a family makes it optional.
    static func qkNorm(_ family: String, config: HFConfig, spec: inout ModelSpec) throws(Diagnostic) {
        guard let on = try config.bool("use_qk_norm") else { return }
        switch family {
        case "glm4_moe": spec.attention.qkNorm = on ? .perHead : .none
        // Cohere's per-head LayerNorms hold heads × head_dim scales (kv_heads × head_dim for K).
        case "cohere": spec.attention.qkNorm = on ? .full : .none
        case "llama4_text": spec.attention.qkNorm = on ? .l2 : .none
        default: break
        }
    }

    /// Routed and shared experts and which layers have them.
    static func currentExperts(_ family: String, config: HFConfig, fields: inout HFFields, spec: inout ModelSpec) throws(Diagnostic) {
        guard var experts = spec.experts else { return }
        if let count = try fields.int("experts", ["num_local_experts", "num_experts", "n_routed_experts", "moe_num_experts"]) {
            experts.experts = count
        }
        if let perToken = try fields.int("experts_per_token", ["num_experts_per_tok", "experts_per_token", "moe_k"]) {
            experts.expertsPerToken = perToken
        }
        switch family {
        case "llama4_text":
            let width = try fields.int("expert_ffn", ["intermediate_size"]) ?? 8192
            experts.expertFFN = width
            experts.sharedExpertFFN = width
            if config.has("moe_layers") {
                experts.sparseLayers = try intList(config, "moe_layers")
            } else if let step = try fields.int("sparse_every", ["interleave_moe_layer_step"]) {
                experts.sparseEvery = step
            }
        case "glm4_moe", "ernie4_5_moe":
            if let width = try fields.int("expert_ffn", ["moe_intermediate_size"]) { experts.expertFFN = width }
            if let shared = try fields.int("shared_experts", ["n_shared_experts", "moe_num_shared_experts"]) {
                experts.sharedExperts = shared
            }
            experts.sharedExpertFFN = experts.expertFFN
            if let first = try fields.int("first_dense_layers", ["first_k_dense_replace", "moe_layer_start_index"]) {
                experts.firstDenseLayers = first
            }
            if family == "ernie4_5_moe" {
                if let interval = try fields.int("sparse_every", ["moe_layer_interval"]) { experts.sparseEvery = interval }
                // -1 (the default) means the last layer.
                if let end = try config.signedInt("moe_layer_end_index"), end >= 0 { experts.lastSparseLayer = end }
            }
        default:
            // gpt-oss, Phi-3.5-MoE, OLMoE, Granite-MoE, MiniMax-M2: experts are `intermediate_size`
            // wide and every layer is sparse.
            experts.expertFFN = spec.ffn
        }
        spec.experts = experts
    }

    /// Each layer's attention: `layer_types` as the file gives it, else the family's rule
    /// (a sliding-window period, NoPE layers), as transformers' config class derives it.
    static func layerTypes(_ family: String, config: HFConfig, fields: inout HFFields, spec: inout ModelSpec) throws(Diagnostic) {
        let window = try fields.int("sliding_window", ["sliding_window"])
        let explicitWindow = config.object.keys.contains("sliding_window")
        let chunk = try fields.int("attention_chunk_size", ["attention_chunk_size"])
        // Per-layer lists never longer than validation allows: a huge layer count is refused there, not walked here.
        let layers = min(spec.layers, ModelSpec.mostLayers + 1)
        // Rotary positions per layer (1 = rotary), for the families that have NoPE layers.
        var rope: [Bool]?
        if family == "smollm3" || family == "llama4_text" {
            // An empty list means "derive it", as transformers' config does.
            if config.has("no_rope_layers"), try !intList(config, "no_rope_layers").isEmpty {
                rope = try intList(config, "no_rope_layers").map { $0 != 0 }
            } else {
                let interval = try fields.int("no_rope_interval", ["no_rope_layer_interval"]) ?? 4
                rope = (0..<layers).map { interval == 0 || ($0 + 1) % interval != 0 }
            }
        }
        func rotary(_ index: Int) -> Bool { rope.map { index < $0.count ? $0[index] : true } ?? true }

        var kinds: [Mixer]
        if let types = try stringList(config, "layer_types") {
            // One per layer: `HFConfigImporter` checked the count before any family read the list.
            fields.sources["layer_types"] = "layer_types"
            kinds = []
            kinds.reserveCapacity(types.count)
            for (index, type) in types.enumerated() {
                switch type {
                case "full_attention", "indexed_attention":
                    // DeepSeek-V3.2's `indexed_attention` attends to all tokens the indexer picks (its
                    // weights are the stack's `indexer`). Cohere 2 rotates positions in its sliding layers only.
                    kinds.append(.attention(AttentionLayer(rope: family == "cohere2" ? false : rotary(index))))
                case "sliding_attention":
                    kinds.append(.attention(AttentionLayer(window: window, rope: rotary(index))))
                case "chunked_attention":
                    // A chunk of `attention_chunk_size` tokens bounds what the layer attends to and caches.
                    kinds.append(.attention(AttentionLayer(window: chunk ?? 8192, rope: rotary(index))))
                default:
                    throw Diagnostic(file: config.file, "\(config.path).layer_types[\(index)]: unsupported layer type \"\(type)\" for \(family) (known: full_attention, sliding_attention, chunked_attention, indexed_attention)")
                }
            }
        } else {
            guard let rule = try defaultSchedule(family, config: config, fields: &fields, window: explicitWindow ? window : nil,
                                                 chunk: chunk, layers: layers, rotary: rotary) else { return }
            kinds = rule
        }
        spec.mixers = kinds.allSatisfy({ $0 == kinds.first }) && !kinds.isEmpty ? .uniform(kinds[0]) : .list(kinds)
    }

    /// The schedule transformers derives when a file has no `layer_types`; `nil` keeps the preset's.
    static func defaultSchedule(
        _ family: String, config: HFConfig, fields: inout HFFields, window: Int?, chunk: Int?, layers: Int,
        rotary: (Int) -> Bool
    ) throws(Diagnostic) -> [Mixer]? {
        let presetWindow = spec(family)?.mixers.largestWindow(where: { $0 > 0 })
        let explicitNull = config.object.keys.contains("sliding_window") && !config.has("sliding_window")
        let window = explicitNull ? nil : (window ?? presetWindow)
        func sliding(_ isSliding: Bool, _ index: Int) -> Mixer {
            .attention(AttentionLayer(window: isSliding ? window : nil, rope: rotary(index)))
        }
        switch family {
        case "gemma3_text", "cohere2", "olmo3", "exaone4":
            var period = family == "gemma3_text" ? 6 : 4
            var letters: [Bool]?
            if let text = config.object["sliding_window_pattern"] as? String {
                // EXAONE 4 writes "LLLG": local (sliding) and global layers, repeating.
                letters = text.map { $0 != "G" }
            } else if let value = try fields.int("sliding_window_pattern", ["sliding_window_pattern", "_sliding_window_pattern"]) {
                period = value
            }
            return (0..<layers).map { index in
                let isSliding = letters.map { $0.isEmpty ? false : $0[index % $0.count] }
                    ?? (period > 0 && (index + 1) % period != 0)
                let mixer = sliding(isSliding && window != nil, index)
                if family == "cohere2", !isSliding || window == nil { return .attention(AttentionLayer(rope: false)) }
                return mixer
            }
        case "gpt_oss":
            return (0..<layers).map { sliding($0 % 2 == 0 && window != nil, $0) }
        case "llama4_text":
            return (0..<layers).map { index in
                .attention(AttentionLayer(window: rotary(index) ? chunk : nil, rope: rotary(index)))
            }
        case "smollm3":
            let useSliding = try config.bool("use_sliding_window") ?? false
            return (0..<layers).map { sliding(useSliding && window != nil && !rotary($0), $0) }
        default:
            return nil
        }
    }

    /// The preset of `family` at a token size, to read its default schedule.
    static func spec(_ family: String) -> ModelSpec? {
        Preset.spec(family, name: family, layers: 1, hidden: 64, heads: 1, ffn: 64, vocab: 1)
    }

    /// An array of strings (`layer_types`), `nil` when absent.
    static func stringList(_ config: HFConfig, _ key: String) throws(Diagnostic) -> [String]? {
        guard config.has(key) else { return nil }
        guard let items = config.object[key] as? [Any] else {
            throw Diagnostic(file: config.file, "\(config.path).\(key): expected an array of strings")
        }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard let text = item as? String else {
                throw Diagnostic(file: config.file, "\(config.path).\(key)[\(index)]: expected a string, found \(HFConfig.describe(item))")
            }
            result.append(text)
        }
        return result
    }
}
