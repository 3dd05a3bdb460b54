import ParamScopeCore

/// A GGUF file as a model: `general.architecture` and its `ARCH.block_count`,
/// `ARCH.embedding_length`, ... keys (llama.cpp's names) give the architecture of the families
/// llama.cpp and ParamScope share; the tensor infos give the count to compare with.
enum GGUFModel {
    /// llama.cpp's architecture name → ParamScope's preset (Mistral's GGUFs say `llama`).
    static let families: [String: String] = [
        "llama": "llama", "qwen2": "qwen2", "qwen3": "qwen3", "qwen2moe": "qwen2_moe", "qwen3moe": "qwen3_moe",
        "gemma": "gemma", "gemma2": "gemma2", "phi3": "phi3", "starcoder2": "starcoder2", "olmo2": "olmo2",
        "gpt-oss": "gpt_oss", "gemma3": "gemma3_text", "olmoe": "olmoe", "deepseek2": "deepseek_v3",
    ]

    /// The spec the header describes, or nil when llama.cpp's architecture is not one ParamScope
    /// has a preset for (the model is then counted from its tensors).
    static func spec(_ path: String, name: String) throws(Diagnostic) -> ModelSpec? {
        let file = try GGUFReader.read(HeaderFile(path))
        return spec(file, name: name)
    }

    static func spec(_ file: GGUFReader.File, name: String) -> ModelSpec? {
        let hints = hints(file)
        guard let architecture = hints.modelType, var family = families[architecture] else { return nil }
        let metadata = file.metadata
        // A negative size (a signed key that lies) is no size.
        func key(_ suffix: String) -> Int? { metadata["\(architecture).\(suffix)"]?.int.flatMap { $0 >= 0 ? $0 : nil } }
        let experts = key("expert_count") ?? 0
        if family == "llama", experts > 0 { family = "mixtral" }
        // DeepSeek-V2 and V3 are both `deepseek2`; V3's router is a sigmoid (expert_gating_func 2).
        if architecture == "deepseek2" { family = key("expert_gating_func") == 2 ? "deepseek_v3" : "deepseek_v2" }
        guard Preset.isKnown(family), let layers = hints.layers, let hidden = hints.hidden, let heads = hints.heads,
              let vocab = hints.vocab,
              var spec = Preset.spec(family, name: name, layers: layers, hidden: hidden, heads: heads, ffn: hints.ffn, vocab: vocab)
        else { return nil }
        if let kvHeads = hints.kvHeads { spec.kvHeads = kvHeads }
        if let headDim = hints.headDim { spec.headDim = headDim } else if heads > 0 { spec.headDim = hidden / heads }
        if let positions = hints.maxPositions { spec.maxPositions = positions }
        if let tied = hints.tiedEmbeddings { spec.tiedEmbeddings = tied }
        let names = Set(file.tensors.map(\.name))
        if names.contains("blk.0.attn_q.bias") { spec.attention.qkvBias = true }
        if names.contains("blk.0.attn_output.bias") { spec.attention.outputBias = true }
        if var latent = spec.attention.latent {
            // Multi-head latent attention: llama.cpp's `key_length_mla` / `value_length_mla` are the
            // per-head widths when present (newer files give key_length as the latent's width).
            guard let rope = key("rope.dimension_count"), let kvRank = key("attention.kv_lora_rank"),
                  let keyLength = key("attention.key_length_mla") ?? key("attention.key_length"),
                  let valueLength = key("attention.value_length_mla") ?? key("attention.value_length"), keyLength > rope
            else { return nil }
            let qRank = key("attention.q_lora_rank") ?? 0
            latent.qLoraRank = qRank > 0 ? qRank : nil
            latent.kvLoraRank = kvRank
            latent.qkRopeHeadDim = rope
            latent.qkNopeHeadDim = keyLength - rope
            latent.vHeadDim = valueLength
            spec.attention.latent = latent
            spec.kvHeads = heads
            spec.headDim = keyLength
            if var moe = spec.experts {
                if let shared = key("expert_shared_count") { moe.sharedExperts = shared }
                if let dense = key("leading_dense_block_count") { moe.firstDenseLayers = dense }
                if let width = key("expert_feed_forward_length") { moe.sharedExpertFFN = width }
                spec.experts = moe
            }
        }
        if var moe = spec.experts {
            guard experts > 0 else { return nil }
            moe.experts = experts
            if let used = key("expert_used_count") { moe.expertsPerToken = used }
            if family == "mixtral" {
                moe.expertFFN = spec.ffn
            } else if let width = key("expert_feed_forward_length") {
                moe.expertFFN = width
            }
            if let shared = key("expert_shared_feed_forward_length") { moe.sharedExpertFFN = shared }
            spec.experts = moe
        }
        return spec.validate().isEmpty ? spec : nil
    }

    /// The sizes the header gives, whatever the architecture (for a model counted from its tensors).
    static func hints(_ file: GGUFReader.File) -> CheckpointHints {
        let metadata = file.metadata
        let architecture = metadata["general.architecture"]?.string
        var hints = CheckpointHints(modelType: architecture, source: file.path)
        guard let architecture else { return hints }
        // A negative size (a signed key that lies) is no size.
        func key(_ suffix: String) -> Int? { metadata["\(architecture).\(suffix)"]?.int.flatMap { $0 >= 0 ? $0 : nil } }
        let nextN = key("nextn_predict_layers") ?? 0
        hints.layers = key("block_count").map { $0 - min(nextN, $0) }
        hints.hidden = key("embedding_length")
        hints.heads = key("attention.head_count")
        hints.kvHeads = key("attention.head_count_kv")
        hints.headDim = key("attention.key_length")
        hints.ffn = key("feed_forward_length")
        hints.maxPositions = key("context_length")
        let embedding = file.tensors.first { $0.name == "token_embd.weight" }
        hints.vocab = key("vocab_size") ?? metadata["tokenizer.ggml.tokens"]?.count ?? embedding?.shape.first
        hints.tiedEmbeddings = !file.tensors.contains { $0.name == "output.weight" }
        return hints
    }
}
