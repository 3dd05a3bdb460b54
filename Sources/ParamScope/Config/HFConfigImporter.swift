import ParamScopeCore

/// Turns a Hugging Face config.json into a `ModelSpec`: the family preset named by
/// `model_type`, then the file's fields under each family's own names, with transformers'
/// defaults (its config classes, 5.x) for what the file omits.
enum HFConfigImporter {
    static func spec(fromFile file: String, name: String, cache: HFConfigCache? = nil) throws(Diagnostic) -> ModelSpec {
        let config = try (cache ?? HFConfigCache()).config(file)
        return try spec(from: config, name: name)
    }

    /// Supported `model_type` values: every preset but `generic`, and the legacy aliases.
    static var supported: [String] {
        (Preset.names.filter { $0 != Preset.generic } + Preset.aliases.keys + VisionFamily.families.keys).sorted()
    }

    static func spec(from config: HFConfig, name: String) throws(Diagnostic) -> ModelSpec {
        guard let modelType = try config.string("model_type") else {
            throw Diagnostic(file: config.file, "$: missing `model_type`; ParamScope reads it to choose the family (supported: \(supported.joined(separator: ", ")))")
        }
        if let family = VisionFamily.families[modelType] {
            return try HFVision.spec(from: config, family: family, modelType: modelType, name: name)
        }
        guard Preset.isKnown(modelType), modelType != Preset.generic else {
            throw Diagnostic(file: config.file, "$.model_type: unsupported model type \"\(modelType)\"\(Suggestion.didYouMean(modelType, in: supported)) (supported: \(supported.joined(separator: ", ")))")
        }
        let family = Preset.aliases[modelType] ?? modelType
        var fields = HFFields(config: config)
        let layers = try fields.required("layers", family == "t5" ? ["num_decoder_layers", "num_layers"] : ["num_hidden_layers", "n_layer", "num_layers"])
        let hidden = try fields.required("hidden", ["hidden_size", "n_embd", "n_embed", "d_model"])
        let heads = Preset.attentionFree.contains(family)
            ? 0 : try fields.required("heads", ["num_attention_heads", "n_head", "num_heads"])
        let vocab = try fields.required("vocab", ["vocab_size"])
        let ffn = try fields.int("ffn", ["intermediate_size", "ffn_dim", "d_ff", "n_inner", "ffn_hidden_size"])
        guard var spec = Preset.spec(family, name: name, layers: layers, hidden: hidden, heads: heads, ffn: ffn, vocab: vocab) else {
            throw Diagnostic(file: config.file, "$.model_type: unsupported model type \"\(modelType)\"")
        }
        if ffn == nil, let fallback = HFDefaults.ffn[family] { spec.ffn = fallback }
        spec.kvHeads = HFDefaults.kvHeads[family] ?? heads
        spec.headDim = HFDefaults.headDim[family] ?? (heads > 0 ? hidden / heads : 0)
        if let kvHeads = try fields.int("kv_heads", ["num_key_value_heads", "num_kv_heads", "n_head_kv"]) { spec.kvHeads = kvHeads }
        if let headDim = try fields.int("head_dim", ["head_dim", "d_kv"]) { spec.headDim = headDim }
        if let positions = try fields.int("max_positions", ["max_position_embeddings", "n_positions", "max_sequence_length"]) {
            spec.maxPositions = positions
        } else if let fallback = HFDefaults.maxPositions[family] {
            spec.maxPositions = fallback
        }
        if let tied = try config.bool("tie_word_embeddings") { spec.tiedEmbeddings = tied }
        // One `layer_types` entry per layer, whichever family wrote it (Qwen2 and Qwen3 files carry
        // it too, though no count depends on it there): transformers' config classes refuse a
        // file that disagrees, and so does this, before any family reads it.
        if let types = try HFFamilies.stringList(config, "layer_types"), types.count != layers {
            throw Diagnostic(file: config.file, "\(config.path).layer_types: \(types.count) entries for \(layers) layers (`\(fields.sources["layers"] ?? "num_hidden_layers")`); give one per layer")
        }
        try HFFamilies.apply(family, modelType: modelType, config: config, fields: &fields, to: &spec)
        if HFFamilies.recurrent.contains(family) {
            try HFFamilies.applyRecurrent(family, config: config, fields: &fields, to: &spec)
        }

        // The newer families' code floor-divides (`hidden_size // num_attention_heads`), as
        // GLM-4.5-Air's 4096 / 96 = 42 shows; the older ones would fail to build.
        if heads > 0, !fields.sources.keys.contains("head_dim"), HFDefaults.headDim[family] == nil,
           spec.attention.latent == nil, hidden % heads != 0, !HFFamilies.current.contains(family) {
            throw Diagnostic(file: config.file, "\(fields.path("heads")): \(heads) heads do not divide the hidden width \(hidden)")
        }
        if let first = spec.validate().first {
            var message = first.message
            if fields.sources[first.field] == nil, let key = HFDefaults.keys[first.field] {
                message += " (the file has no `\(key)`, so transformers' \(family) default applies)"
            }
            throw Diagnostic(file: config.file, "\(fields.path(first.field)): \(message)")
        }
        return spec
    }
}

/// Reads fields under any of their names, remembering which JSON key set which spec field so a
/// problem can point at it.
struct HFFields {
    let config: HFConfig
    /// Spec field (`kv_heads`) → the JSON key it came from (`num_key_value_heads`).
    var sources: [String: String] = [:]

    init(config: HFConfig) { self.config = config }

    mutating func int(_ field: String, _ keys: [String]) throws(Diagnostic) -> Int? {
        for key in keys {
            if let value = try config.int(key) {
                sources[field] = key
                return value
            }
        }
        return nil
    }

    mutating func required(_ field: String, _ keys: [String]) throws(Diagnostic) -> Int {
        if let value = try int(field, keys) { return value }
        throw Diagnostic(file: config.file, "\(config.path): missing `\(keys[0])`\(keys.count > 1 ? " (or " + keys.dropFirst().map { "`\($0)`" }.joined(separator: ", ") + ")" : "")")
    }

    mutating func bool(_ key: String) throws(Diagnostic) -> Bool? { try config.bool(key) }

    /// The JSON path of a spec field, or `$` when no key set it.
    func path(_ field: String) -> String {
        sources[field].map { "\(config.path).\($0)" } ?? config.path
    }
}

/// transformers' config-class defaults (5.x) where they differ from "hidden / heads" and "= heads".
enum HFDefaults {
    /// The config.json key a defaulted spec field would come from, for messages.
    static let keys = ["kv_heads": "num_key_value_heads", "head_dim": "head_dim", "experts": "num_experts",
                       "experts_per_token": "num_experts_per_tok", "expert_ffn": "moe_intermediate_size"]
    static let kvHeads: [String: Int] = [
        "mistral": 8, "mixtral": 8, "qwen2": 32, "qwen2_moe": 16, "qwen3": 32, "qwen3_moe": 4, "gemma": 16,
        "gemma2": 4, "starcoder2": 2, "deepseek_v3": 128,
        "gemma3_text": 4, "gpt_oss": 8, "llama4_text": 8, "glm4": 2, "glm4_moe": 8, "phimoe": 8, "smollm3": 4, "minimax_m2": 8,
        "ernie4_5": 2, "ernie4_5_moe": 4, "deepseek_v32": 128, "kimi_k2": 128, "seed_oss": 8, "exaone4": 32,
    ]
    static let headDim: [String: Int] = [
        "qwen3": 128, "gemma": 256, "gemma2": 256, "gemma3_text": 256, "gpt_oss": 64, "llama4_text": 128, "glm4": 128,
        "minimax_m2": 128, "ernie4_5": 128, "seed_oss": 128,
    ]
    static let ffn: [String: Int] = [
        "llama": 11008, "mistral": 14336, "mixtral": 14336, "qwen2": 22016, "qwen2_moe": 5632, "qwen3": 22016,
        "qwen3_moe": 6144, "gemma": 24576, "gemma2": 9216, "phi": 8192, "phi3": 8192, "gpt_neox": 24576,
        "starcoder2": 12288, "olmo2": 11008, "deepseek_v2": 11008, "deepseek_v3": 18432, "bert": 3072,
        "t5": 2048, "opt": 3072,
        "gemma3_text": 9216, "gpt_oss": 2880, "llama4_text": 8192, "glm4": 13696, "glm4_moe": 10944, "phimoe": 6400,
        "olmoe": 2048, "olmo3": 11008, "granite": 11008, "granitemoe": 11008, "cohere": 22528, "cohere2": 22528,
        "smollm3": 11008, "exaone4": 16384, "minimax_m2": 1536, "ernie4_5": 3072, "ernie4_5_moe": 12288,
        "deepseek_v32": 18432, "kimi_k2": 18432, "seed_oss": 27648, "apertus": 14336,
    ]
    static let maxPositions: [String: Int] = [
        "llama": 2048, "mistral": 131072, "mixtral": 131072, "qwen2": 32768, "qwen2_moe": 32768, "qwen3": 32768,
        "qwen3_moe": 32768, "gemma": 8192, "gemma2": 8192, "phi": 2048, "phi3": 4096, "gpt2": 1024, "gptj": 2048,
        "gpt_neox": 2048, "gpt_bigcode": 1024, "opt": 2048, "falcon": 2048, "starcoder2": 4096, "olmo2": 2048,
        "deepseek_v2": 2048, "deepseek_v3": 4096, "bert": 512, "t5": 512,
    ]
}
