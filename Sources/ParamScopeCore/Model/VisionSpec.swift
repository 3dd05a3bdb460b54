/// A vision tower and the connector that feeds its features to the language model.
///
/// The tower is a stack of its own (`tower`: a `ModelSpec` used for its layer vocabulary only —
/// its width, heads, head width, MLP, norms, layer schedule and layer names), counted by the same
/// layer builders as the text stack; around it sit the image-side pieces a text stack has no
/// use for (patch embedding, class token, position tables, norms before and after the stack,
/// a second gated stack, an adapter and deepstack mergers). `projector` maps the tower's output
/// into the text width. Every tower tensor counts in `Component.vision`, every connector
/// tensor in `Component.projector`.
///
/// Presets (`VisionPreset`) fill it from a family's sizes; the estimator only reads these fields.
public struct VisionSpec: Sendable, Equatable {
    /// The tower preset it was built from (`siglip`, `clip`, `pixtral`, `qwen2_vl`, …).
    public var preset: String
    /// The tower's layers, as a stack: `layers`, `hidden`, `heads`, `kvHeads`, `headDim`, `ffn`,
    /// `attention`, `mlp`, `norms` (`final`: a norm after the stack), `mixers` (window
    /// attention) and `names.decoder` (the layer's module paths). Its vocabulary, embedding and
    /// head are unused.
    public var tower: ModelSpec
    /// The patch embedding: a convolution (or an unfolded linear, the same weights) over
    /// `channels × frames × patch × patch` pixels into `tower.hidden`.
    public var patch: PatchEmbedding
    /// Square input images of `imageSize` pixels (the learned position grid's size).
    public var imageSize: Int
    /// A learned class token prepended to the patches (CLIP, Llama 4, Mllama).
    public var classToken: Bool
    public var positions: VisionPositions
    /// A norm after the embeddings, before the first layer (CLIP's `pre_layrnorm`, Pixtral's `ln_pre`).
    public var preNorm: Bool
    /// Mllama's global layers: a second stack of the same layers after the first, each with a
    /// tanh gate on its attention and on its MLP.
    public var globalLayers: Int
    /// Llama 4's pixel-shuffle MLP after the stack (part of the tower in its checkpoints).
    public var adapter: Connector?
    /// Qwen3-VL's deepstack mergers: one merger per listed layer, each feeding that layer's
    /// features into the language model's early layers (counted with the tower, where the
    /// checkpoint keeps them).
    public var deepstack: Connector?
    public var deepstackCount: Int
    /// SigLIP's attention-pooling head after the post-norm (`vision_use_head`): a probe token,
    /// one multi-head attention (fused in-projection and out-projection, biased), a LayerNorm
    /// and an MLP of the tower's widths.
    public var poolingHead = false
    /// Vision features to text width.
    public var projector: Connector
    public var names: VisionNames

    public init(
        preset: String, tower: ModelSpec, patch: PatchEmbedding, imageSize: Int, classToken: Bool = false,
        positions: VisionPositions = .none, preNorm: Bool = false, globalLayers: Int = 0, adapter: Connector? = nil,
        deepstack: Connector? = nil, deepstackCount: Int = 0, projector: Connector, names: VisionNames
    ) {
        self.preset = preset
        self.tower = tower
        self.patch = patch
        self.imageSize = imageSize
        self.classToken = classToken
        self.positions = positions
        self.preNorm = preNorm
        self.globalLayers = globalLayers
        self.adapter = adapter
        self.deepstack = deepstack
        self.deepstackCount = deepstackCount
        self.projector = projector
        self.names = names
    }

    /// Patches along one side of an image (`imageSize / patch.size`).
    public var patchesPerSide: Int { patch.size > 0 ? imageSize / patch.size : 0 }
}

/// How pixels become patch vectors.
public struct PatchEmbedding: Sendable, Equatable {
    public var channels: Int
    /// Pixels along one side of a patch.
    public var size: Int
    /// Video frames per patch (Qwen-VL's `temporal_patch_size`; 1 for images only).
    public var frames: Int
    public var bias: Bool

    public init(channels: Int = 3, size: Int, frames: Int = 1, bias: Bool) {
        self.channels = channels
        self.size = size
        self.frames = frames
        self.bias = bias
    }
}

/// Where a tower's positions come from.
public enum VisionPositions: Sendable, Equatable {
    /// Rotary (2-D or multimodal RoPE): no parameters (Pixtral, Qwen2-VL, Qwen2.5-VL).
    case none
    /// A learned table with one row per patch of the image grid (and one for the class token).
    case grid
    /// A learned table of `rows` rows, interpolated to the grid (Qwen3-VL's `num_position_embeddings`).
    case table(rows: Int)
    /// Mllama's tiles: a gated grid table, a gated table per (aspect ratio, tile, patch), and
    /// gated per-tile embeddings before and after the stack; `aspectRatios` is the number of
    /// supported aspect ratios (the tables have one row more).
    case tiled(maxTiles: Int, aspectRatios: Int)
}

/// A chain that carries features from one width to another: an optional norm, an optional
/// merge of neighbouring patches by a linear layer (Mistral 3's patch merger), then linear
/// layers through `widths` (`[in, out]` one layer, `[in, mid, out]` two with an activation
/// between), with or without biases.
public struct Connector: Sendable, Equatable {
    /// The norm over the features first (Gemma 3's soft-token norm, Qwen's `ln_q`).
    public var norm: NormKind?
    public var normWidth: Int
    /// Mistral 3's merging layer: `mergeWidth` (patches × width) → `normWidth`, no bias.
    public var mergeWidth: Int?
    public var widths: [Int]
    public var bias: Bool
    /// The weight is stored `[in, out]` as a bare parameter (Gemma 3's `mm_input_projection_weight`).
    public var transposed: Bool
    public var names: ConnectorNames

    public init(
        norm: NormKind? = nil, normWidth: Int = 0, mergeWidth: Int? = nil, widths: [Int], bias: Bool,
        transposed: Bool = false, names: ConnectorNames
    ) {
        self.norm = norm
        self.normWidth = normWidth
        self.mergeWidth = mergeWidth
        self.widths = widths
        self.bias = bias
        self.transposed = transposed
        self.names = names
    }

    /// The width it reads.
    public var inputWidth: Int { mergeWidth ?? widths.first ?? 0 }
    /// The width it writes.
    public var outputWidth: Int { widths.last ?? 0 }
}

/// Module paths of a connector (`{index}` in a deepstack merger's prefix is its number).
public struct ConnectorNames: Sendable, Equatable {
    public var prefix: String
    public var norm: String
    public var merge: String
    /// One per linear layer.
    public var linears: [String]

    public init(prefix: String, norm: String = "norm", merge: String = "patch_merger.merging_layer", linears: [String]) {
        self.prefix = prefix
        self.norm = norm
        self.merge = merge
        self.linears = linears
    }
}

/// Module paths of a tower outside its layers.
public struct VisionNames: Sendable, Equatable {
    public var patch: String
    public var classToken: String
    public var positions: String
    public var preNorm: String
    public var postNorm: String
    /// Mllama's second stack, its gates, and its tile embeddings.
    public var global = StackNames()
    public var gateAttention = "gate_attn"
    public var gateMLP = "gate_ffn"
    public var positionGate = ""
    public var tileEmbedding = ""
    public var preTile = ""
    public var postTile = ""
    /// SigLIP's pooling head.
    public var head = ""

    public init(patch: String, classToken: String = "", positions: String = "", preNorm: String = "", postNorm: String = "") {
        self.patch = patch
        self.classToken = classToken
        self.positions = positions
        self.preNorm = preNorm
        self.postNorm = postNorm
    }
}

/// A value kept behind a reference, so a struct can hold a value of its own type (a model's
/// vision tower is described with a `ModelSpec`).
public indirect enum Boxed<Value: Sendable & Equatable>: Sendable, Equatable {
    case value(Value)

    public var value: Value {
        get { switch self { case .value(let value): value } }
        set { self = .value(newValue) }
    }
}
