import ParamScopeCore

/// The state-space and hybrid families' config.json fields: which layers attend and which are
/// recurrent (`layer_types`, `attn_layer_period`, `full_attention_interval`), the recurrent
/// mixer's sizes, and transformers' defaults (its 5.x config classes) for what a file omits.
extension HFFamilies {
    /// Families this file reads.
    static let recurrent: Set<String> = ["mamba", "falcon_mamba", "mamba2", "jamba", "falcon_h1", "granitemoehybrid",
                                         "qwen3_next", "lfm2"]

    static func applyRecurrent(_ family: String, config: HFConfig, fields: inout HFFields, to spec: inout ModelSpec) throws(Diagnostic) {
        guard var ssm = spec.stateSpace else { return }
        let h = spec.hidden
        func auto(_ key: String) throws(Diagnostic) -> Int? { try autoOrInt(key, config: config, fields: &fields) }
        func string(_ key: String) -> String? { config.object[key] as? String }
        func absent(_ key: String) -> Bool { !config.has(key) }
        /// The config class's KV-head default: `default` when the key is missing, the head count
        /// when it is `null` (JambaConfig's and FalconH1Config's `None` means multi-head).
        func kvHeadsDefault(_ value: Int) {
            if !config.object.keys.contains("num_key_value_heads") { spec.kvHeads = value }
        }
        switch family {
        case "mamba", "falcon_mamba", "mamba2":
            // Mamba-1's configs derive intermediate_size = expand · h, then a file's own value wins;
            // Mamba2Mixer always takes expand · h.
            let expand = try fields.int("expand", ["expand"]) ?? 2
            ssm.inner = expand &* h
            if family != "mamba2", let width = try fields.int("ssm_inner", ["intermediate_size"]) { ssm.inner = width }
            if let n = try fields.int("state_size", ["state_size"]) { ssm.stateSize = n }
            if let k = try fields.int("conv_kernel", ["conv_kernel"]) { ssm.convKernel = k }
            if let rank = try auto("time_step_rank") { ssm.dtRank = rank }
            if let bias = try config.bool("use_bias") { ssm.inputBias = bias; ssm.outputBias = bias }
            if let bias = try config.bool("use_conv_bias") { ssm.convBias = bias }
            if family == "mamba2" {
                if let heads = try fields.int("ssm_heads", ["num_heads"]) { ssm.heads = heads }
                if let groups = try fields.int("ssm_groups", ["n_groups"]) { ssm.groups = groups }
            }
            // No attention and no MLP: the generic head and width fields mean nothing here.
            spec.heads = 0
            spec.kvHeads = 0
            spec.headDim = 0
            spec.ffn = 0
        case "jamba":
            kvHeadsDefault(8)
            if absent("intermediate_size") { spec.ffn = 14336 }
            let period = try fields.int("attn_layer_period", ["attn_layer_period"]) ?? 8
            let offset = try fields.int("attn_layer_offset", ["attn_layer_offset"]) ?? 4
            spec.mixers = .attentionEvery(period, offset: offset, otherwise: .recurrent(.mamba))
            let experts = try fields.int("experts", ["num_experts"]) ?? 16
            let perToken = try fields.int("experts_per_token", ["num_experts_per_tok"]) ?? 2
            let expertPeriod = try fields.int("sparse_every", ["expert_layer_period"]) ?? 2
            let expertOffset = try fields.int("sparse_offset", ["expert_layer_offset"]) ?? 1
            // JambaConfig: a layer with one expert is a dense MLP.
            spec.experts = experts > 1
                ? ExpertSpec(experts: experts, expertsPerToken: perToken, expertFFN: spec.ffn, sparseEvery: expertPeriod,
                             sparseOffset: expertOffset)
                : nil
            ssm.inner = (try fields.int("mamba_expand", ["mamba_expand"]) ?? 2) &* h
            if let n = try fields.int("state_size", ["mamba_d_state"]) { ssm.stateSize = n }
            if let k = try fields.int("conv_kernel", ["mamba_d_conv"]) { ssm.convKernel = k }
            ssm.dtRank = try auto("mamba_dt_rank") ?? Preset.ceilDiv16(h)
            if let bias = try config.bool("mamba_conv_bias") { ssm.convBias = bias }
            if let bias = try config.bool("mamba_proj_bias") { ssm.inputBias = bias; ssm.outputBias = bias }
        case "falcon_h1":
            kvHeadsDefault(8)
            if absent("intermediate_size") { spec.ffn = 14336 }
            if let bias = try config.bool("attention_bias") { spec.attention.qkvBias = bias; spec.attention.outputBias = bias }
            if let bias = try config.bool("mlp_bias") { spec.mlp.bias = bias }
            try mamba2(config: config, fields: &fields, ssm: &ssm, hidden: h, dSSM: "mamba_d_ssm", defaults: (1024, 128, 256))
            if let bias = try config.bool("mamba_proj_bias") { ssm.inputBias = bias }
            if let bias = try config.bool("projectors_bias") { ssm.outputBias = bias }
            ssm.gatedNorm = try config.bool("mamba_rms_norm") ?? false
        case "granitemoehybrid":
            if let bias = try config.bool("attention_bias") { spec.attention.qkvBias = bias; spec.attention.outputBias = bias }
            let rope = string("position_embedding_type") == "rope"
            try mixerList(config, "layer_types", into: &spec) { name in
                switch name {
                case "mamba", "linear_attention": .recurrent(.mamba2)
                case "attention", "full_attention": .attention(AttentionLayer(rope: rope))
                default: nil
                }
            }
            if absent("layer_types") { spec.mixers = .uniform(.recurrent(.mamba2)) }
            let experts = try fields.int("experts", ["num_local_experts"]) ?? 8
            let perToken = try fields.int("experts_per_token", ["num_experts_per_tok"]) ?? 2
            let shared = try fields.int("shared_expert_ffn", ["shared_intermediate_size"]) ?? 1024
            let expertFFN = absent("intermediate_size") ? 11008 : spec.ffn
            if experts > 0 {
                spec.experts = ExpertSpec(experts: experts, expertsPerToken: perToken, expertFFN: expertFFN, sharedExperts: 1,
                                          sharedExpertFFN: shared)
            } else {
                // Without experts the shared MLP is the layer's dense MLP.
                spec.experts = nil
                spec.ffn = shared
            }
            try mamba2(config: config, fields: &fields, ssm: &ssm, hidden: h, dSSM: nil, defaults: (2 &* h, 128, 256))
            if let bias = try config.bool("mamba_proj_bias") { ssm.inputBias = bias; ssm.outputBias = bias }
        case "qwen3_next":
            if absent("num_key_value_heads") { spec.kvHeads = 2 }
            if absent("head_dim") { spec.headDim = 256 }
            if absent("intermediate_size") { spec.ffn = 5632 }
            if let bias = try config.bool("attention_bias") { spec.attention.qkvBias = bias; spec.attention.outputBias = bias }
            let interval = try fields.int("full_attention_interval", ["full_attention_interval"]) ?? 4
            spec.mixers = .attentionEvery(interval, offset: interval &- 1, otherwise: .recurrent(.gatedDeltaNet))
            try mixerList(config, "layer_types", into: &spec) { name in
                switch name {
                case "linear_attention": .recurrent(.gatedDeltaNet)
                case "full_attention": .attention
                default: nil
                }
            }
            try experts("qwen3_next", config: config, fields: &fields, spec: &spec)
            if let k = try fields.int("conv_kernel", ["linear_conv_kernel_dim"]) { ssm.convKernel = k }
            let keyDim = try fields.int("state_size", ["linear_key_head_dim"]) ?? 128
            let valueDim = try fields.int("value_head_dim", ["linear_value_head_dim"]) ?? 128
            let keyHeads = try fields.int("ssm_groups", ["linear_num_key_heads"]) ?? 16
            let valueHeads = try fields.int("ssm_heads", ["linear_num_value_heads"]) ?? 32
            ssm.stateSize = keyDim
            ssm.groups = keyHeads
            ssm.heads = valueHeads
            ssm.inner = valueHeads &* valueDim
        case "lfm2":
            if absent("num_key_value_heads") { spec.kvHeads = 8 }
            // Lfm2Config: a file's `tie_embedding` wins over `tie_word_embeddings`.
            if let tied = try config.bool("tie_embedding") { spec.tiedEmbeddings = tied }
            var ffn = try fields.int("ffn", ["block_ff_dim", "intermediate_size"]) ?? 12288
            // Lfm2MLP: two thirds of the width, times the multiplier, rounded up to a multiple.
            if try config.bool("block_auto_adjust_ff_dim") ?? true {
                ffn = 2 &* ffn / 3
                if !config.object.keys.contains("block_ffn_dim_multiplier") || config.has("block_ffn_dim_multiplier") {
                    let multiplier = try config.number("block_ffn_dim_multiplier") ?? 1.0
                    let multiple = try fields.int("block_multiple_of", ["block_multiple_of"]) ?? 256
                    ffn = Int((multiplier * Double(ffn)).rounded(.towardZero))
                    if multiple > 0 { ffn = (ffn + multiple - 1) / multiple * multiple }
                }
            }
            spec.ffn = ffn
            spec.mixers = .uniform(.attention)
            let attentionLayers = try intList(config, "full_attn_idxs")
            if config.has("full_attn_idxs") {
                let layers = spec.layers
                spec.mixers = .list((0..<min(layers, ModelSpec.mostLayers)).map {
                    attentionLayers.contains($0) ? .attention : .recurrent(.shortConvolution)
                })
            }
            try mixerList(config, "layer_types", into: &spec) { name in
                name == "conv" ? .recurrent(.shortConvolution) : name.hasSuffix("attention") ? .attention : nil
            }
            if let k = try fields.int("conv_kernel", ["conv_L_cache"]) { ssm.convKernel = k }
            if let bias = try config.bool("conv_bias") { ssm.convBias = bias; ssm.inputBias = bias; ssm.outputBias = bias }
            ssm.inner = h
        default:
            break
        }
        spec.stateSpace = ssm
    }

    /// Mamba-2's fields under Falcon-H1's and Granite 4's `mamba_*` names; `defaults` are the
    /// config class's inner width, heads and N.
    static func mamba2(config: HFConfig, fields: inout HFFields, ssm: inout StateSpaceSpec, hidden: Int, dSSM: String?,
                       defaults: (inner: Int, heads: Int, state: Int)) throws(Diagnostic) {
        let expand = try fields.int("mamba_expand", ["mamba_expand"]) ?? 2
        if let dSSM, config.object.keys.contains(dSSM) {
            ssm.inner = try fields.int("ssm_inner", [dSSM]) ?? expand &* hidden
        } else {
            ssm.inner = dSSM == nil ? expand &* hidden : defaults.inner
        }
        ssm.heads = try fields.int("ssm_heads", ["mamba_n_heads"]) ?? defaults.heads
        ssm.groups = try fields.int("ssm_groups", ["mamba_n_groups"]) ?? 1
        ssm.stateSize = try fields.int("state_size", ["mamba_d_state"]) ?? defaults.state
        ssm.convKernel = try fields.int("conv_kernel", ["mamba_d_conv"]) ?? 4
        if let bias = try config.bool("mamba_conv_bias") { ssm.convBias = bias }
        // The heads split the inner width evenly, `mamba_d_head` ("auto", or an integer) wide:
        // FalconH1Config's and GraniteMoeHybridConfig's `validate_architecture` refuse a file
        // where they do not, so a count of one would be a count of no model.
        if ssm.heads > 0, ssm.inner % ssm.heads != 0 {
            throw Diagnostic(file: config.file, "\(fields.path("ssm_heads")): `mamba_n_heads` (\(ssm.heads)) must divide the Mamba inner width \(ssm.inner)")
        }
        if let headDim = try autoOrInt("mamba_d_head", config: config, fields: &fields), headDim &* ssm.heads != ssm.inner {
            throw Diagnostic(file: config.file, "\(fields.path("mamba_d_head")): `mamba_d_head` (\(headDim)) × `mamba_n_heads` (\(ssm.heads)) must be the Mamba inner width \(ssm.inner)")
        }
    }

    /// A `"auto"`-or-integer field (`time_step_rank`, `mamba_dt_rank`, `mamba_d_head`): `nil` for
    /// `"auto"` or absent.
    static func autoOrInt(_ key: String, config: HFConfig, fields: inout HFFields) throws(Diagnostic) -> Int? {
        if let text = config.object[key] as? String {
            guard text == "auto" else {
                throw Diagnostic(file: config.file, "\(config.path).\(key): expected an integer or \"auto\", found \"\(text.prefix(40))\"")
            }
            return nil
        }
        return try fields.int(key, [key])
    }

    /// `key` as one mixer per layer (`layer_types`, read by `stringList`), each name read by
    /// `kind`; absent leaves `spec.mixers` as it was.
    static func mixerList(_ config: HFConfig, _ key: String, into spec: inout ModelSpec,
                          kind: (String) -> Mixer?) throws(Diagnostic) {
        guard let names = try stringList(config, key) else { return }
        var mixers: [Mixer] = []
        mixers.reserveCapacity(names.count)
        for (index, name) in names.enumerated() {
            guard let mixer = kind(name) else {
                throw Diagnostic(file: config.file, "\(config.path).\(key)[\(index)]: unsupported layer type \"\(name)\" for \(spec.architecture)")
            }
            mixers.append(mixer)
        }
        spec.mixers = .list(mixers)
    }
}
