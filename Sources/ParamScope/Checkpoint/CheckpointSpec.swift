import ParamScopeCore

/// What a model counted from its checkpoint (`basis: checkpoint`) is known by besides its
/// tensors: the sizes a config.json (of any family) or a GGUF header gives under the common names.
/// They feed the seed formulas and the memory figures; the count itself is the checkpoint's.
public struct CheckpointHints: Sendable, Equatable {
    /// The `model_type` (or GGUF `general.architecture`) no family preset knows; nil: none given.
    public var modelType: String?
    public var layers: Int?
    public var hidden: Int?
    public var heads: Int?
    public var kvHeads: Int?
    public var headDim: Int?
    public var ffn: Int?
    public var vocab: Int?
    public var maxPositions: Int?
    public var tiedEmbeddings: Bool?
    /// Where the hints came from (a config.json path), for the report's `source`.
    public var source: String?

    public init(modelType: String? = nil, source: String? = nil) {
        self.modelType = modelType
        self.source = source
    }

    /// The common config.json names (and `text_config`'s when the top level lacks them). A field
    /// of the wrong type is left out: the family is unknown, so nothing else depends on it.
    init(config: HFConfig) {
        modelType = try? config.string("model_type")
        source = config.file
        let text = (try? config.object("text_config")) ?? nil
        func int(_ keys: String...) -> Int? {
            for scope in [config] + (text.map { [$0] } ?? []) {
                for key in keys { if let value = (try? scope.int(key)) ?? nil { return value } }
            }
            return nil
        }
        layers = int("num_hidden_layers", "n_layer", "num_layers")
        hidden = int("hidden_size", "n_embd", "d_model")
        heads = int("num_attention_heads", "n_head", "num_heads")
        kvHeads = int("num_key_value_heads", "num_kv_heads", "n_head_kv")
        headDim = int("head_dim")
        ffn = int("intermediate_size", "ffn_dim", "n_inner", "d_ff")
        vocab = int("vocab_size")
        maxPositions = int("max_position_embeddings", "n_positions", "max_sequence_length")
        tiedEmbeddings = (try? config.bool("tie_word_embeddings")) ?? nil
    }
}

enum CheckpointSpec {
    /// A spec for the seed formulas and memory figures of a model counted from `summary`: the
    /// hints' sizes, else the tensors' (the token embedding's `[V, h]`, the decoder layers
    /// stored, the query and key projections' widths). Its architecture is the unknown type.
    static func spec(name: String, hints: CheckpointHints, summary: CheckpointSummary) -> ModelSpec {
        let tensors = summary.inventory.tensors
        let embedding = tensors.first { $0.role == .tokenEmbedding && $0.shape.count == 2 }
        let layerIndices = Set(tensors.filter { TensorNaming.part(of: $0) != .vision }.compactMap { TensorNaming.decoderLayer($0.name) })
        let query = tensors.first { $0.role == .attentionQuery && $0.shape.count == 2 }?.shape[0]
        let key = tensors.first { $0.role == .attentionKey && $0.shape.count == 2 }?.shape[0]
        // A size the config gives beyond what any spec may have is not believed: the tensors' is used.
        func believed(_ value: Int?, _ limit: Int = ModelSpec.largestSize) -> Int? { value.flatMap { $0 <= limit ? $0 : nil } }
        let hidden = believed(hints.hidden) ?? embedding?.shape[1] ?? 0
        let vocab = believed(hints.vocab) ?? embedding?.shape[0] ?? 0
        let layers = believed(hints.layers, ModelSpec.mostLayers) ?? layerIndices.count
        // Without a config, any common divisor of the query and key widths gives the right
        // products (heads·head_dim, kv_heads·head_dim) for the KV cache and FLOPs.
        var headDim = hints.headDim ?? 0
        var heads = hints.heads ?? 0
        if heads == 0, let query, query > 0 {
            headDim = headDim > 0 ? headDim : gcd(query, key ?? query)
            heads = query / max(headDim, 1)
        }
        if headDim == 0 { headDim = heads > 0 ? hidden / heads : 0 }
        let kvHeads = hints.kvHeads ?? key.map { headDim > 0 ? $0 / headDim : heads } ?? heads
        let stored = tensors.contains { $0.role == .output }
        let ffn = hints.ffn ?? tensors.first { $0.role == .ffnUp && $0.shape.count == 2 }?.shape[0] ?? 0
        // Sizes only feed the seed formulas and memory figures here, but a lying config or header
        // must not make them walk 10¹² layers: each is bounded as a validated spec's are.
        func bounded(_ value: Int, _ limit: Int = ModelSpec.largestSize) -> Int { value >= 0 && value <= limit ? value : 0 }
        var spec = Preset.spec(Preset.generic, name: name, layers: bounded(layers, ModelSpec.mostLayers), hidden: bounded(hidden),
                               heads: bounded(heads), ffn: bounded(ffn), vocab: bounded(vocab))!
        spec.architecture = hints.modelType ?? "unknown"
        spec.kvHeads = bounded(kvHeads)
        spec.headDim = bounded(headDim)
        if let positions = hints.maxPositions { spec.maxPositions = bounded(positions) }
        spec.tiedEmbeddings = hints.tiedEmbeddings ?? !stored
        return spec
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}

extension CheckpointSpec {
    /// The spec a checkpoint-counted entry holds until its checkpoint is read (names it only).
    static func placeholder(_ name: String) -> ModelSpec {
        var spec = Preset.spec(Preset.generic, name: name, layers: 0, hidden: 0, heads: 0, ffn: 0, vocab: 0)!
        spec.architecture = "unknown"
        return spec
    }
}
