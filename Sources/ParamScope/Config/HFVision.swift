import Foundation
import ParamScopeCore

/// Vision-language config.json files (`gemma3`, `llava`, `qwen2_5_vl`, …): the language model
/// read from `text_config` (or, as Qwen2-VL and Qwen2.5-VL files write it, from the top-level
/// text fields) by its own family's reader, the tower from `vision_config` by its preset's
/// fields, the connector from the family and the top-level projector fields.
enum HFVision {
    static func spec(from config: HFConfig, family: VisionFamily, modelType: String, name: String) throws(Diagnostic) -> ModelSpec {
        var textObject: [String: Any]
        var textPath = "$"
        if let nested = try config.object("text_config") {
            textObject = nested.object
            textPath = nested.path
        } else {
            textObject = config.object
            textObject["vision_config"] = nil
            textObject["model_type"] = nil
        }
        let textConfig = HFConfig(file: config.file, object: textObject, path: textPath)
        let declared = try textConfig.string("model_type")
        let textFamily = declared.map { VisionFamily.textTypes[$0] ?? $0 } ?? family.text
        textObject["model_type"] = textFamily
        var spec = try HFConfigImporter.spec(from: HFConfig(file: config.file, object: textObject, path: textPath), name: name)
        spec.architecture = modelType
        // The top-level flag decides (transformers 5 ties by the outer config's tie_word_embeddings).
        spec.tiedEmbeddings = try config.bool("tie_word_embeddings") ?? family.tied
        rename(&spec.names, family: family)

        let vision = try config.object("vision_config") ?? HFConfig(file: config.file, object: [:], path: "$.vision_config")
        let preset: String
        if let type = try vision.string("model_type") {
            guard let known = VisionPreset.modelTypes[type] else {
                let supported = VisionPreset.modelTypes.keys.sorted()
                throw Diagnostic(file: config.file, "\(vision.path).model_type: unsupported vision tower \"\(type)\"\(Suggestion.didYouMean(type, in: supported)) (supported: \(supported.joined(separator: ", ")))")
            }
            preset = known
        } else {
            preset = family.tower
        }
        guard var sizes = VisionPreset.sizes(preset) else {
            throw Diagnostic(file: config.file, "\(vision.path): no vision preset \"\(preset)\"")
        }
        if !config.has("vision_config") {
            // transformers' family config builds its own tower when the file has none
            // (LlavaConfig's and Mistral3Config's sub-config defaults: the released towers).
            switch family.projector {
            case .mlp:
                sizes = VisionSizes(layers: 24, hidden: 1024, heads: 16, ffn: 4096, imageSize: 336, patchSize: 14)
            case .patchMerger:
                sizes = VisionSizes(layers: 24, hidden: 1024, heads: 16, headDim: 64, ffn: 4096, imageSize: 1540, patchSize: 14)
                sizes.merge = 2
            default:
                break
            }
        }
        try read(vision, preset: preset, into: &sizes)
        if family.projector == .patchMerger, let merge = try config.int("spatial_merge_size") { sizes.merge = merge }
        let featureLayers = try self.featureLayers(config)
        var bias = family.projectorBias
        if let stated = try config.bool("multimodal_projector_bias") {
            bias = stated
        } else if let stated = try vision.bool("multi_modal_projector_bias") {
            bias = stated
        }
        spec.vision = VisionPreset.spec(preset, sizes, projector: family.projector, projectorBias: bias,
                                        featureLayers: featureLayers, textHidden: spec.hidden, prefix: family.towerPrefix,
                                        projectorPrefix: family.projectorPrefix)
        if let problem = spec.vision?.validate().first {
            throw Diagnostic(file: config.file, "\(vision.path): \(problem.message)")
        }
        return spec
    }

    /// The language model's module paths under the family's prefix.
    static func rename(_ names: inout TensorNames, family: VisionFamily) {
        func moved(_ path: String) -> String {
            path.hasPrefix("model.") ? family.textPrefix + path.dropFirst("model".count) : path
        }
        names.tokenEmbedding = moved(names.tokenEmbedding)
        names.finalNorm = moved(names.finalNorm)
        names.decoder.layer = moved(names.decoder.layer)
        names.head = family.headName
    }

    /// LLaVA's and Mistral 3's `vision_feature_layer`: one layer (an integer) or several (a list,
    /// concatenated into the projector's input).
    static func featureLayers(_ config: HFConfig) throws(Diagnostic) -> Int {
        guard config.has("vision_feature_layer") else { return 1 }
        if let list = config.object["vision_feature_layer"] as? [Any] {
            guard !list.isEmpty else {
                throw Diagnostic(file: config.file, "$.vision_feature_layer: an empty list selects no features")
            }
            return list.count
        }
        guard let number = config.object["vision_feature_layer"] as? NSNumber, !HFConfig.isBool(number) else {
            throw Diagnostic(file: config.file, "$.vision_feature_layer: expected a layer index or a list of them")
        }
        return 1
    }

    /// The tower's sizes under its preset's field names.
    static func read(_ vision: HFConfig, preset: String, into sizes: inout VisionSizes) throws(Diagnostic) {
        var fields = HFFields(config: vision)
        func int(_ field: String, _ keys: String...) throws(Diagnostic) -> Int? { try fields.int(field, keys) }
        switch preset {
        case "qwen2_vl":
            if let value = try int("layers", "depth") { sizes.layers = value }
            if let value = try int("hidden", "embed_dim") { sizes.hidden = value }
            if let value = try int("heads", "num_heads") { sizes.heads = value }
            let ratio = try int("mlp_ratio", "mlp_ratio") ?? 4
            sizes.ffn = sizes.hidden &* ratio
            if let value = try int("output", "hidden_size") { sizes.output = value }
        case "qwen2_5_vl", "qwen3_vl":
            if let value = try int("layers", "depth") { sizes.layers = value }
            if let value = try int("hidden", "hidden_size") { sizes.hidden = value }
            if let value = try int("heads", "num_heads") { sizes.heads = value }
            if let value = try int("ffn", "intermediate_size") { sizes.ffn = value }
            if let value = try int("output", "out_hidden_size") { sizes.output = value }
            if preset == "qwen2_5_vl" {
                if vision.has("fullatt_block_indexes") {
                    sizes.fullAttentionLayers = try HFFamilies.intList(vision, "fullatt_block_indexes")
                }
                if let value = try int("window", "window_size") { sizes.windowSize = value }
            } else {
                if let value = try int("position_rows", "num_position_embeddings") { sizes.positionRows = value }
                if vision.has("deepstack_visual_indexes") {
                    sizes.deepstackLayers = try HFFamilies.intList(vision, "deepstack_visual_indexes").count
                }
            }
        default:
            if let value = try int("layers", "num_hidden_layers") { sizes.layers = value }
            if let value = try int("hidden", "hidden_size") { sizes.hidden = value }
            if let value = try int("heads", "num_attention_heads", "attention_heads") { sizes.heads = value }
            if let value = try int("ffn", "intermediate_size") { sizes.ffn = value }
            if let value = try int("head_dim", "head_dim") { sizes.headDim = value }
            if let value = try int("image_size", "image_size") { sizes.imageSize = value }
            if let value = try int("output", "vision_output_dim") { sizes.output = value }
            if let value = try int("adapter_input", "projector_input_dim") { sizes.adapterInput = value }
            if let value = try int("adapter_output", "projector_output_dim") { sizes.adapterOutput = value }
            if let value = try int("global_layers", "num_global_layers") { sizes.globalLayers = value }
            if let value = try int("max_tiles", "max_num_tiles") { sizes.maxTiles = value }
            if let ratios = vision.object["supported_aspect_ratios"] as? [Any] { sizes.aspectRatios = ratios.count }
            if preset == "siglip", let head = try vision.bool("vision_use_head") { sizes.poolingHead = head }
        }
        if let value = try int("channels", "num_channels", "in_channels", "in_chans") { sizes.channels = value }
        if let value = try int("patch_size", "patch_size") { sizes.patchSize = value }
        if let value = try int("frames", "temporal_patch_size") { sizes.frames = value }
        if let value = try int("merge", "spatial_merge_size") { sizes.merge = value }
    }
}
