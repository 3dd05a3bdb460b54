import ParamScopeCore

/// Each family's own config.json fields beyond the common sizes, with transformers' defaults
/// (its 5.x config classes and model code) when a file omits them.
enum HFFamilies {
    static func apply(
        _ family: String, modelType: String, config: HFConfig, fields: inout HFFields, to spec: inout ModelSpec
    ) throws(Diagnostic) {
        switch family {
        case "llama", "olmo2", "qwen3", "gemma", "gemma2", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3_moe", "phi3",
             "mllama_text_model":
            if let bias = try config.bool("attention_bias") {
                spec.attention.qkvBias = bias
                spec.attention.outputBias = bias
            }
            if family == "qwen2_moe", let bias = try config.bool("qkv_bias") { spec.attention.qkvBias = bias }
            if let bias = try config.bool("mlp_bias") { spec.mlp.bias = bias }
            try experts(family, config: config, fields: &fields, spec: &spec)
            if family == "mllama_text_model", config.has("cross_attention_layers") {
                let layers = try intList(config, "cross_attention_layers")
                if let outside = layers.first(where: { $0 >= spec.layers }) {
                    throw Diagnostic(file: config.file, "\(config.path).cross_attention_layers: layer \(outside) is past the \(spec.layers) layers")
                }
                spec.mixers = Preset.mllamaMixers(layers: spec.layers, crossAttention: layers)
            }
        case "deepseek_v2", "deepseek_v3":
            try deepseek(config: config, fields: &fields, spec: &spec)
        case "phi":
            if try config.bool("qk_layernorm") == true { spec.attention.qkNorm = .perHead }
        case "gpt_neox":
            if let bias = try config.bool("attention_bias") {
                spec.attention.qkvBias = bias
                spec.attention.outputBias = bias
            }
        case "gpt_bigcode":
            spec.kvHeads = try config.bool("multi_query") ?? true ? 1 : spec.heads
        case "starcoder2":
            if let bias = try config.bool("use_bias") {
                spec.attention.qkvBias = bias
                spec.attention.outputBias = bias
                spec.mlp.bias = bias
            }
        case "opt":
            if let width = try fields.int("embedding_width", ["word_embed_proj_dim"]), width != spec.hidden {
                spec.embedding.projectionWidth = width
            }
            if let bias = try config.bool("enable_bias") {
                spec.attention.qkvBias = bias
                spec.attention.outputBias = bias
                spec.mlp.bias = bias
            }
            if try config.bool("do_layer_norm_before") == false {
                // Post-norm OPT (350m) has no final norm: transformers builds it only for pre-norm.
                spec.norms.placement = .post
                spec.norms.final = false
            }
            if try config.bool("_remove_final_layer_norm") == true { spec.norms.final = false }
        case "falcon":
            try falcon(modelType: modelType, config: config, fields: &fields, spec: &spec)
        case "bert":
            if let types = try fields.int("token_types", ["type_vocab_size"]) { spec.embedding.tokenTypes = types }
        case "t5":
            let encoderLayers = try fields.int("encoder_layers", ["num_layers"]) ?? spec.layers
            spec.encoder = EncoderSpec(layers: encoderLayers)
            if let buckets = try fields.int("relative_buckets", ["relative_attention_num_buckets"]) {
                spec.embedding.relativeBuckets = buckets
            }
            // transformers 5 always ties T5's head to `shared` (T5Config forces tie_word_embeddings
            // to true and only reads the file's value to decide output scaling), so a v1.1 file's
            // `"tie_word_embeddings": false` does not add an lm_head to its count.
            spec.tiedEmbeddings = true
            if let projection = try config.string("feed_forward_proj"), projection.hasPrefix("gated-") {
                spec.mlp.gated = true
                spec.names.encoder.up = spec.names.encoder.up + "_1"
                spec.names.decoder.up = spec.names.decoder.up + "_1"
            }
        default:
            if current.contains(family) { try applyCurrent(family, config: config, fields: &fields, to: &spec) }
        }
    }

    /// Mixtral's, Qwen2-MoE's and Qwen3-MoE's experts.
    static func experts(_ family: String, config: HFConfig, fields: inout HFFields, spec: inout ModelSpec) throws(Diagnostic) {
        guard var experts = spec.experts else { return }
        if let count = try fields.int("experts", ["num_local_experts", "num_experts"]) { experts.experts = count }
        if let perToken = try fields.int("experts_per_token", ["num_experts_per_tok"]) { experts.expertsPerToken = perToken }
        if family == "mixtral" {
            experts.expertFFN = spec.ffn
        } else if let width = try fields.int("expert_ffn", ["moe_intermediate_size"]) {
            experts.expertFFN = width
        }
        if family == "qwen2_moe" || family == "qwen3_next",
           let width = try fields.int("shared_expert_ffn", ["shared_expert_intermediate_size"]) {
            experts.sharedExpertFFN = width
        }
        if family != "mixtral" {
            if let step = try fields.int("sparse_every", ["decoder_sparse_step"]) { experts.sparseEvery = step }
            experts.denseLayers = try intList(config, "mlp_only_layers")
        }
        spec.experts = experts.experts == 0 ? nil : experts
    }

    /// DeepSeek-V2/V3: latent attention (a `null` q_lora_rank projects queries directly) and experts.
    static func deepseek(config: HFConfig, fields: inout HFFields, spec: inout ModelSpec) throws(Diagnostic) {
        if let bias = try config.bool("attention_bias") {
            spec.attention.qkvBias = bias
            spec.attention.outputBias = bias
        }
        guard var latent = spec.attention.latent, var experts = spec.experts else { return }
        if config.object.keys.contains("q_lora_rank") && !config.has("q_lora_rank") {
            latent.qLoraRank = nil
        } else if let rank = try fields.int("q_lora_rank", ["q_lora_rank"]) {
            latent.qLoraRank = rank
        }
        if let rank = try fields.int("kv_lora_rank", ["kv_lora_rank"]) { latent.kvLoraRank = rank }
        if let dim = try fields.int("qk_nope_head_dim", ["qk_nope_head_dim"]) { latent.qkNopeHeadDim = dim }
        if let dim = try fields.int("qk_rope_head_dim", ["qk_rope_head_dim"]) { latent.qkRopeHeadDim = dim }
        if let dim = try fields.int("v_head_dim", ["v_head_dim"]) { latent.vHeadDim = dim }
        spec.attention.latent = latent
        // Latent attention has no separate K/V heads: every query head reads the shared latent.
        spec.kvHeads = spec.heads
        spec.headDim = latent.qkNopeHeadDim &+ latent.qkRopeHeadDim
        // transformers 5 builds DeepSeek's 64 routed experts / 6 per token when a V2 file omits them.
        if spec.architecture == "deepseek_v2" {
            experts.experts = 64
            experts.expertFFN = 1407
        }
        if let count = try fields.int("experts", ["n_routed_experts"]) { experts.experts = count }
        if let perToken = try fields.int("experts_per_token", ["num_experts_per_tok"]) { experts.expertsPerToken = perToken }
        if let width = try fields.int("expert_ffn", ["moe_intermediate_size"]) { experts.expertFFN = width }
        if let shared = try fields.int("shared_experts", ["n_shared_experts"]) { experts.sharedExperts = shared }
        experts.sharedExpertFFN = experts.expertFFN
        if let dense = try fields.int("first_dense_layers", ["first_k_dense_replace"]) { experts.firstDenseLayers = dense }
        // transformers' DeepSeek code makes every layer from first_k_dense_replace on sparse; it
        // does not read moe_layer_freq.
        spec.experts = experts
    }

    /// Falcon: the 7B layout (multi-query, one shared norm) or `new_decoder_architecture`
    /// (grouped KV heads, `ln_attn` + `ln_mlp`); legacy `RefinedWeb` means the new layout.
    static func falcon(modelType: String, config: HFConfig, fields: inout HFFields, spec: inout ModelSpec) throws(Diagnostic) {
        // The oracle (like transformers' conversion of Falcon-40B's first upload) reads legacy
        // `RefinedWeb` as the new layout whatever the file says.
        let declared = try config.bool("new_decoder_architecture") ?? false
        let newLayout = modelType == "RefinedWeb" || declared
        let bias = try config.bool("bias") ?? false
        spec.attention.qkvBias = bias
        spec.attention.outputBias = bias
        spec.mlp.bias = bias
        if try config.bool("alibi") == true { spec.embedding.positions = .alibi }
        let parallel = try config.bool("parallel_attn") ?? true
        if newLayout {
            spec.useFalconNewDecoderLayout()
            if try fields.int("norms_per_layer", ["num_ln_in_parallel_attn"]) == 1 {
                spec.norms.placement = .parallel
                spec.norms.perLayer = 1
                spec.names.decoder.norms = ["input_layernorm"]
            }
        } else {
            // A `RefinedWebModel` or `falcon` file without the new layout: the 7B one.
            spec.norms = NormSpec(kind: .layerNorm, placement: .parallel)
            spec.names.decoder.norms = StackNames().norms
            if try config.bool("multi_query") ?? true {
                spec.kvHeads = 1
                fields.sources["kv_heads"] = "multi_query"
            } else {
                // transformers' old layout without multi_query builds a 3h-wide QKV whatever
                // num_kv_heads says.
                spec.kvHeads = spec.heads
                fields.sources["kv_heads"] = "multi_query"
            }
            spec.norms.placement = parallel ? .parallel : .pre
            spec.norms.perLayer = parallel ? 1 : 2
        }
    }

    /// An array of non-negative integers (`mlp_only_layers`), empty when absent.
    static func intList(_ config: HFConfig, _ key: String) throws(Diagnostic) -> [Int] {
        guard config.has(key) else { return [] }
        guard let items = config.object[key] as? [Any] else {
            throw Diagnostic(file: config.file, "\(config.path).\(key): expected an array of layer indices")
        }
        var result: [Int] = []
        for (index, item) in items.enumerated() {
            let element = HFConfig(file: config.file, object: ["\(index)": item], path: "\(config.path).\(key)[")
            guard let value = try? element.int("\(index)") else {
                throw Diagnostic(file: config.file, "\(config.path).\(key)[\(index)]: expected a layer index")
            }
            result.append(value)
        }
        return result
    }
}
