/// The sizes of a vision tower a config states, each defaulting to its preset's transformers
/// config class (`VisionPreset.sizes`).
public struct VisionSizes: Sendable, Equatable {
    public var layers: Int
    public var hidden: Int
    public var heads: Int
    /// `hidden / heads` unless stated (Pixtral's `head_dim`).
    public var headDim: Int?
    public var ffn: Int
    public var channels = 3
    public var imageSize: Int
    public var patchSize: Int
    /// Frames per patch (Qwen-VL's `temporal_patch_size`).
    public var frames = 1
    /// Patches merged per side before the projector (Qwen-VL's and Mistral 3's `spatial_merge_size`).
    public var merge = 1
    /// The tower's output width where it has its own (Qwen-VL's `out_hidden_size`, Llama 4's
    /// and Mllama's `vision_output_dim`); `nil`: the text width.
    public var output: Int?
    /// Mllama's gated global layers.
    public var globalLayers = 0
    /// Qwen3-VL's deepstack mergers (one per `deepstack_visual_indexes` entry).
    public var deepstackLayers = 0
    /// Qwen3-VL's learned position table (`num_position_embeddings`).
    public var positionRows = 0
    /// Mllama's tiles and supported aspect ratios.
    public var maxTiles = 0
    public var aspectRatios = 0
    /// Qwen2.5-VL: blocks with full attention (`fullatt_block_indexes`); the others attend
    /// within windows of `windowSize` pixels.
    public var fullAttentionLayers: [Int] = []
    public var windowSize: Int?
    /// Llama 4's pixel-shuffle adapter widths (`projector_input_dim`, `projector_output_dim`).
    public var adapterInput = 0
    public var adapterOutput = 0
    /// SigLIP's attention-pooling head (`vision_use_head`; its config class builds it by default).
    public var poolingHead = false

    public init(layers: Int, hidden: Int, heads: Int, headDim: Int? = nil, ffn: Int, imageSize: Int, patchSize: Int) {
        self.layers = layers
        self.hidden = hidden
        self.heads = heads
        self.headDim = headDim
        self.ffn = ffn
        self.imageSize = imageSize
        self.patchSize = patchSize
    }
}

/// How a family's connector is built from the tower's features into the text width.
public enum ProjectorKind: String, Sendable, Equatable, CaseIterable {
    /// Gemma 3: an RMSNorm over the tower's width, then one bias-free matrix (`mm_input_projection`).
    case softTokens = "soft_tokens"
    /// LLaVA: `linear_1` (tower width × feature layers → text), activation, `linear_2` (text → text).
    case mlp
    /// Mistral 3: an RMSNorm, a patch merger (merge² patches → one), then LLaVA's two layers.
    case patchMerger = "patch_merger"
    /// Llama 4, Mllama: one linear layer from the tower's output width.
    case linear
    /// Qwen-VL: the tower's merger — a norm over the tower's width, merge² patches concatenated,
    /// two layers to the output width.
    case merger
}

/// Vision tower presets: the tower a vision config's `model_type` (or the family) builds.
public enum VisionPreset {
    /// The presets, sorted.
    public static let names = ["clip", "llama4", "mllama", "pixtral", "qwen2_5_vl", "qwen2_vl", "qwen3_vl", "siglip"]

    /// A vision config's `model_type` → its preset.
    public static let modelTypes: [String: String] = [
        "siglip_vision_model": "siglip", "clip_vision_model": "clip", "pixtral": "pixtral",
        "llama4_vision_model": "llama4", "mllama_vision_model": "mllama", "qwen2_vl": "qwen2_vl",
        "qwen2_vl_vision": "qwen2_vl", "qwen2_5_vl": "qwen2_5_vl", "qwen2_5_vl_vision": "qwen2_5_vl",
        "qwen3_vl": "qwen3_vl", "qwen3_vl_vision": "qwen3_vl", "qwen3_vl_moe": "qwen3_vl",
    ]

    /// The preset's transformers defaults (its vision config class, 5.x).
    public static func sizes(_ preset: String) -> VisionSizes? {
        switch preset {
        case "siglip":
            var sizes = VisionSizes(layers: 12, hidden: 768, heads: 12, ffn: 3072, imageSize: 224, patchSize: 16)
            sizes.poolingHead = true
            return sizes
        case "clip":
            return VisionSizes(layers: 12, hidden: 768, heads: 12, ffn: 3072, imageSize: 224, patchSize: 32)
        case "pixtral":
            var sizes = VisionSizes(layers: 24, hidden: 1024, heads: 16, ffn: 4096, imageSize: 1024, patchSize: 16)
            sizes.merge = 2  // Mistral3Config's spatial_merge_size, its patch merger's
            return sizes
        case "llama4":
            var sizes = VisionSizes(layers: 34, hidden: 768, heads: 16, ffn: 5632, imageSize: 448, patchSize: 14)
            sizes.output = 7680
            sizes.adapterInput = 4096
            sizes.adapterOutput = 4096
            return sizes
        case "mllama":
            var sizes = VisionSizes(layers: 32, hidden: 1280, heads: 16, ffn: 5120, imageSize: 448, patchSize: 14)
            sizes.output = 7680
            sizes.globalLayers = 8
            sizes.maxTiles = 4
            sizes.aspectRatios = 8
            return sizes
        case "qwen2_vl":
            // Qwen2VLVisionConfig: embed_dim 1280, mlp_ratio 4, hidden_size (the merger's output) 3584.
            var sizes = VisionSizes(layers: 32, hidden: 1280, heads: 16, ffn: 5120, imageSize: 0, patchSize: 14)
            sizes.frames = 2
            sizes.merge = 2
            sizes.output = 3584
            return sizes
        case "qwen2_5_vl":
            // transformers' default width is 3584; the released towers are 1280 wide (their files say so).
            var sizes = VisionSizes(layers: 32, hidden: 3584, heads: 16, ffn: 3420, imageSize: 0, patchSize: 14)
            sizes.frames = 2
            sizes.merge = 2
            sizes.output = 3584
            sizes.fullAttentionLayers = [7, 15, 23, 31]
            sizes.windowSize = 112
            return sizes
        case "qwen3_vl":
            var sizes = VisionSizes(layers: 27, hidden: 1152, heads: 16, ffn: 4304, imageSize: 0, patchSize: 16)
            sizes.frames = 2
            sizes.merge = 2
            sizes.output = 3584
            sizes.positionRows = 2304
            sizes.deepstackLayers = 3
            return sizes
        default:
            return nil
        }
    }

    /// The tower of `preset` with `sizes`, its module paths under `prefix`, and a connector of
    /// `projector` kind (named under `projectorPrefix`) into `textHidden`.
    public static func spec(
        _ preset: String, _ sizes: VisionSizes, projector kind: ProjectorKind, projectorBias: Bool, featureLayers: Int = 1,
        textHidden: Int, prefix: String, projectorPrefix: String
    ) -> VisionSpec {
        let h = sizes.hidden
        var tower = ModelSpec(name: preset, architecture: preset, layers: sizes.layers, hidden: h, heads: sizes.heads,
                              headDim: sizes.headDim, ffn: sizes.ffn, vocab: 0, tiedEmbeddings: true,
                              attention: AttentionSpec(qkvBias: true, outputBias: true), mlp: MLPSpec(gated: false, bias: true),
                              norms: NormSpec(kind: .layerNorm), embedding: EmbeddingSpec(positions: .none),
                              head: HeadSpec(languageModel: false))
        var layer = StackNames()
        var names = VisionNames(patch: "\(prefix).patch_embedding")
        var patch = PatchEmbedding(channels: sizes.channels, size: sizes.patchSize, frames: sizes.frames, bias: false)
        var classToken = false, preNorm = false, positions = VisionPositions.none
        var adapter: Connector?, deepstack: Connector?
        var globalLayers = 0
        switch preset {
        case "siglip", "clip":
            let siglip = preset == "siglip"
            layer.layer = "\(prefix).encoder.layers.{layer}"
            layer.o = "self_attn.out_proj"
            layer.up = "mlp.fc1"
            layer.down = "mlp.fc2"
            layer.norms = ["layer_norm1", "layer_norm2"]
            names = VisionNames(patch: "\(prefix).embeddings.patch_embedding", classToken: "\(prefix).embeddings.class_embedding",
                                positions: "\(prefix).embeddings.position_embedding",
                                preNorm: "\(prefix).pre_layrnorm", postNorm: "\(prefix).post_layernorm")
            patch.bias = siglip
            names.head = "\(prefix).head"
            classToken = !siglip
            preNorm = !siglip
            positions = .grid
        case "pixtral":
            layer.layer = "\(prefix).transformer.layers.{layer}"
            layer.q = "attention.q_proj"
            layer.k = "attention.k_proj"
            layer.v = "attention.v_proj"
            layer.o = "attention.o_proj"
            layer.gate = "feed_forward.gate_proj"
            layer.up = "feed_forward.up_proj"
            layer.down = "feed_forward.down_proj"
            layer.norms = ["attention_norm", "ffn_norm"]
            names = VisionNames(patch: "\(prefix).patch_conv", preNorm: "\(prefix).ln_pre")
            tower.attention = AttentionSpec()
            tower.mlp = MLPSpec(gated: true, bias: false)
            tower.norms = NormSpec(kind: .rmsNorm, final: false)
            preNorm = true
        case "llama4", "mllama":
            let llama4 = preset == "llama4"
            layer.layer = llama4 ? "\(prefix).model.layers.{layer}" : "\(prefix).transformer.layers.{layer}"
            layer.up = "mlp.fc1"
            layer.down = "mlp.fc2"
            layer.norms = ["input_layernorm", "post_attention_layernorm"]
            names = VisionNames(patch: llama4 ? "\(prefix).patch_embedding.linear" : "\(prefix).patch_embedding",
                                classToken: "\(prefix).class_embedding",
                                positions: llama4 ? "\(prefix).positional_embedding_vlm" : "\(prefix).gated_positional_embedding",
                                preNorm: "\(prefix).layernorm_pre", postNorm: "\(prefix).layernorm_post")
            classToken = true
            preNorm = true
            if llama4 {
                positions = .grid
                adapter = Connector(widths: [sizes.ffn, sizes.adapterInput, sizes.adapterOutput], bias: false,
                                    names: ConnectorNames(prefix: "\(prefix).vision_adapter.mlp", linears: ["fc1", "fc2"]))
            } else {
                tower.attention = AttentionSpec()
                positions = .tiled(maxTiles: sizes.maxTiles, aspectRatios: sizes.aspectRatios)
                globalLayers = sizes.globalLayers
                names.global = layer
                names.global.layer = "\(prefix).global_transformer.layers.{layer}"
                names.positionGate = "gate"
                names.tileEmbedding = "tile_embedding"
                names.preTile = "\(prefix).pre_tile_positional_embedding"
                names.postTile = "\(prefix).post_tile_positional_embedding"
            }
        default:  // qwen2_vl, qwen2_5_vl, qwen3_vl
            layer.layer = "\(prefix).blocks.{layer}"
            layer.qkv = "attn.qkv"
            layer.o = "attn.proj"
            layer.norms = ["norm1", "norm2"]
            tower.attention.fusedQKV = true
            names = VisionNames(patch: "\(prefix).patch_embed.proj", positions: "\(prefix).pos_embed")
            tower.norms.final = false
            switch preset {
            case "qwen2_5_vl":
                layer.gate = "mlp.gate_proj"
                layer.up = "mlp.up_proj"
                layer.down = "mlp.down_proj"
                tower.mlp = MLPSpec(gated: true, bias: true)
                tower.norms.kind = .rmsNorm
                if let window = sizes.windowSize, sizes.layers > 0 {
                    let full = Set(sizes.fullAttentionLayers)
                    tower.mixers = .list((0..<min(sizes.layers, ModelSpec.mostLayers + 1)).map { full.contains($0) ? .attention : .attention(.sliding(window)) })
                }
            case "qwen3_vl":
                layer.up = "mlp.linear_fc1"
                layer.down = "mlp.linear_fc2"
                patch.bias = true
                positions = .table(rows: sizes.positionRows)
            default:
                layer.up = "mlp.fc1"
                layer.down = "mlp.fc2"
            }
        }
        tower.names.decoder = layer
        let text = textHidden, merged = h &* sizes.merge &* sizes.merge
        let projector: Connector
        switch kind {
        case .softTokens:
            projector = Connector(norm: .rmsNorm, normWidth: h, widths: [h, text], bias: false, transposed: true,
                                  names: ConnectorNames(prefix: projectorPrefix, norm: "mm_soft_emb_norm",
                                                        linears: ["mm_input_projection_weight"]))
        case .mlp:
            projector = Connector(widths: [h &* featureLayers, text, text], bias: projectorBias,
                                  names: ConnectorNames(prefix: projectorPrefix, linears: ["linear_1", "linear_2"]))
        case .patchMerger:
            projector = Connector(norm: .rmsNorm, normWidth: h, mergeWidth: merged, widths: [h &* featureLayers, text, text],
                                  bias: projectorBias,
                                  names: ConnectorNames(prefix: projectorPrefix, linears: ["linear_1", "linear_2"]))
        case .linear:
            projector = Connector(widths: [sizes.output ?? h, text], bias: projectorBias,
                                  names: ConnectorNames(prefix: projectorPrefix, linears: [preset == "llama4" ? "linear_1" : ""]))
        case .merger:
            let output = sizes.output ?? text
            let qwen3 = preset == "qwen3_vl"
            projector = Connector(norm: tower.norms.kind, normWidth: h, widths: [merged, merged, output], bias: true,
                                  names: ConnectorNames(prefix: projectorPrefix, norm: qwen3 ? "norm" : "ln_q",
                                                        linears: qwen3 ? ["linear_fc1", "linear_fc2"] : ["mlp.0", "mlp.2"]))
            if qwen3 {
                deepstack = Connector(norm: .layerNorm, normWidth: merged, widths: [merged, merged, output], bias: true,
                                      names: ConnectorNames(prefix: "\(prefix).deepstack_merger_list.{layer}",
                                                            linears: ["linear_fc1", "linear_fc2"]))
            }
        }
        var vision = VisionSpec(preset: preset, tower: tower, patch: patch, imageSize: sizes.imageSize, classToken: classToken,
                                positions: positions, preNorm: preNorm, globalLayers: globalLayers, adapter: adapter,
                                deepstack: deepstack, deepstackCount: deepstack == nil ? 0 : sizes.deepstackLayers,
                                projector: projector, names: names)
        vision.poolingHead = preset == "siglip" && sizes.poolingHead
        return vision
    }
}

/// The vision-language families: the tower each builds by default, its connector, and the
/// text family inside (the `text_config`'s own `model_type` when it names one).
public struct VisionFamily: Sendable, Equatable {
    public var tower: String
    public var projector: ProjectorKind
    /// The connector's bias when the config does not say (`multimodal_projector_bias`).
    public var projectorBias: Bool
    public var text: String
    /// Module paths: the tower, the connector, the language model's prefix (`model.language_model`).
    public var towerPrefix: String
    public var projectorPrefix: String
    public var textPrefix: String
    /// The head is named `lm_head` at the top (most) or inside the language model (Llama 4).
    public var headName: String
    /// Whether the family ties the head to the embedding when the config does not say.
    public var tied: Bool

    public static let families: [String: VisionFamily] = [
        "gemma3": VisionFamily(tower: "siglip", projector: .softTokens, projectorBias: false, text: "gemma3_text",
                               towerPrefix: "model.vision_tower", projectorPrefix: "model.multi_modal_projector",
                               textPrefix: "model.language_model", headName: "lm_head", tied: true),
        "llama4": VisionFamily(tower: "llama4", projector: .linear, projectorBias: false, text: "llama4_text",
                               towerPrefix: "vision_model", projectorPrefix: "multi_modal_projector",
                               textPrefix: "language_model.model", headName: "language_model.lm_head", tied: false),
        "mistral3": VisionFamily(tower: "pixtral", projector: .patchMerger, projectorBias: false, text: "mistral",
                                 towerPrefix: "model.vision_tower", projectorPrefix: "model.multi_modal_projector",
                                 textPrefix: "model.language_model", headName: "lm_head", tied: false),
        "llava": VisionFamily(tower: "clip", projector: .mlp, projectorBias: true, text: "llama",
                              towerPrefix: "model.vision_tower", projectorPrefix: "model.multi_modal_projector",
                              textPrefix: "model.language_model", headName: "lm_head", tied: false),
        "mllama": VisionFamily(tower: "mllama", projector: .linear, projectorBias: true, text: "mllama_text_model",
                               towerPrefix: "model.vision_model", projectorPrefix: "model.multi_modal_projector",
                               textPrefix: "model.language_model", headName: "lm_head", tied: false),
        "qwen2_vl": VisionFamily(tower: "qwen2_vl", projector: .merger, projectorBias: true, text: "qwen2",
                                 towerPrefix: "model.visual", projectorPrefix: "model.visual.merger",
                                 textPrefix: "model.language_model", headName: "lm_head", tied: false),
        "qwen2_5_vl": VisionFamily(tower: "qwen2_5_vl", projector: .merger, projectorBias: true, text: "qwen2",
                                   towerPrefix: "model.visual", projectorPrefix: "model.visual.merger",
                                   textPrefix: "model.language_model", headName: "lm_head", tied: false),
        "qwen3_vl": VisionFamily(tower: "qwen3_vl", projector: .merger, projectorBias: true, text: "qwen3",
                                 towerPrefix: "model.visual", projectorPrefix: "model.visual.merger",
                                 textPrefix: "model.language_model", headName: "lm_head", tied: false),
        "qwen3_vl_moe": VisionFamily(tower: "qwen3_vl", projector: .merger, projectorBias: true, text: "qwen3_moe",
                                     towerPrefix: "model.visual", projectorPrefix: "model.visual.merger",
                                     textPrefix: "model.language_model", headName: "lm_head", tied: false),
    ]

    /// A text config's `model_type` inside a vision-language file → the text family preset.
    public static let textTypes: [String: String] = [
        "qwen2_vl_text": "qwen2", "qwen2_5_vl_text": "qwen2", "qwen3_vl_text": "qwen3", "qwen3_vl_moe_text": "qwen3_moe", "mllama_text_model": "mllama_text_model",
    ]
}
