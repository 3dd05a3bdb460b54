import ParamScopeCore

/// Turns a Hugging Face config.json into a `ModelSpec`: the family preset named by
/// `model_type`, then the file's fields under each family's own names, with transformers'
/// defaults for what the file omits.
enum HFConfigImporter {
    static func spec(fromFile file: String, name: String) throws(Diagnostic) -> ModelSpec {
        let config = try HFConfig.read(file)
        return try spec(from: config, name: name)
    }

    static func spec(from config: HFConfig, name: String) throws(Diagnostic) -> ModelSpec {
        guard let modelType = try config.string("model_type") else {
            throw Diagnostic(file: config.file, "$: missing `model_type`; ParamScope reads it to choose the family (supported: \(Preset.names.joined(separator: ", ")))")
        }
        guard Preset.isKnown(modelType), modelType != Preset.generic else {
            throw Diagnostic(file: config.file, "$.model_type: unsupported model type \"\(modelType)\"\(Suggestion.didYouMean(modelType, in: Preset.names)) (supported: \(Preset.names.filter { $0 != Preset.generic }.joined(separator: ", ")))")
        }
        let layers = try config.requiredInt("num_hidden_layers")
        let hidden = try config.requiredInt("hidden_size")
        let heads = try config.requiredInt("num_attention_heads")
        let vocab = try config.requiredInt("vocab_size")
        let ffn = try config.int("intermediate_size")
        guard var spec = Preset.spec(modelType, name: name, layers: layers, hidden: hidden, heads: heads, ffn: ffn, vocab: vocab) else {
            throw Diagnostic(file: config.file, "$.model_type: unsupported model type \"\(modelType)\"")
        }
        if let kvHeads = try config.int("num_key_value_heads") { spec.kvHeads = kvHeads }
        if let headDim = try config.int("head_dim") { spec.headDim = headDim }
        if let positions = try config.int("max_position_embeddings") { spec.maxPositions = positions }
        // transformers' PretrainedConfig default is tied; Llama's config class defaults to untied.
        if let tied = try config.bool("tie_word_embeddings") { spec.tiedEmbeddings = tied }
        if let bias = try config.bool("attention_bias") {
            spec.attention.qkvBias = bias
            spec.attention.outputBias = bias
        }
        if let bias = try config.bool("mlp_bias") { spec.mlp.bias = bias }
        if heads > 0, !config.has("head_dim") {
            guard hidden % heads == 0 else {
                throw Diagnostic(file: config.file, "$.num_attention_heads: \(heads) heads do not divide hidden_size \(hidden)")
            }
        }
        let problems = spec.validate()
        if let first = problems.first {
            throw Diagnostic(file: config.file, "$: \(first.message)")
        }
        return spec
    }
}
