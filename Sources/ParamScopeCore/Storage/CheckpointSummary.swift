/// What a checkpoint's headers say: its tensors as stored, and the parameters they hold.
///
/// Built by the header readers (safetensors, sharded index, GGUF) without touching the weights.
/// Two views of one file: `dtypes` is what is *stored* (every tensor, packed or not, by the file's
/// own dtypes), `inventory` the *logical* parameters — what the unquantized model has (a GPTQ
/// `qweight` unpacked to its `[out, in]` weight), quantization metadata, buffers and the layers the
/// architecture does not build left out. `parameters` is the logical count.
public struct CheckpointSummary: Sendable, Equatable {
    /// Per dtype, as the file names it (`BF16`, `F8_E4M3`, `Q4_K`).
    public struct DType: Sendable, Equatable {
        public var name: String
        public var tensors: Int
        /// Elements as stored (a packed GPTQ `qweight` counts its int32 words).
        public var parameters: Int
        public var bytes: Int

        public init(name: String, tensors: Int, parameters: Int, bytes: Int) {
            self.name = name
            self.tensors = tensors
            self.parameters = parameters
            self.bytes = bytes
        }
    }

    /// A stored tensor that is not a parameter (a buffer, quantization metadata), as stored.
    public struct StoredTensor: Sendable, Equatable {
        public var name: String
        public var dtype: String
        public var shape: [Int]
        public var elements: Int
        public var bytes: Int

        public init(name: String, dtype: String, shape: [Int], elements: Int, bytes: Int) {
            self.name = name
            self.dtype = dtype
            self.shape = shape
            self.elements = elements
            self.bytes = bytes
        }
    }

    /// Layers the checkpoint carries beyond the ones the architecture builds (multi-token
    /// prediction: DeepSeek-V3's layer 61, GLM-4.5's next-n layer): named, not counted.
    public struct ExtraLayers: Sendable, Equatable {
        /// Layer indices, ascending.
        public var layers: [Int]
        public var tensors: Int
        public var parameters: Int
        /// Why they are extra: `multi-token prediction` when the config declares such layers.
        public var reason: String

        public init(layers: [Int], tensors: Int, parameters: Int, reason: String) {
            self.layers = layers
            self.tensors = tensors
            self.parameters = parameters
            self.reason = reason
        }
    }

    /// The path as given.
    public var path: String
    /// `safetensors`, `safetensors index`, `gguf v3`.
    public var format: String
    /// Files read (the shards of an index).
    public var files: Int
    /// The logical parameters, one entry per parameter tensor (packed forms unpacked).
    public var inventory: Inventory
    /// Every stored tensor by dtype: parameters, metadata and buffers alike.
    public var dtypes: [DType]
    /// A GGUF's `general.file_type` (llama.cpp's `LLAMA_FTYPE_*` number), when present.
    public var fileType: Int?
    /// `gptq`, `awq`, `bitsandbytes 4-bit` (`nf4`/`fp4`), `bitsandbytes 8-bit`, `fp8`, `mxfp4`,
    /// `compressed-tensors`: what the file's packed tensors were read as; nil for a plain file.
    public var quantization: String?
    /// Buffers (`inv_freq`, causal masks, `position_ids`): stored, not parameters.
    public var buffers: [StoredTensor]
    /// Quantization bookkeeping (`qzeros`, `scales`, `g_idx`, `absmax`, `weight_scale_inv`, ...).
    public var metadata: [StoredTensor]
    public var extraLayers: ExtraLayers?
    /// The count the file declares (a sharded index's `metadata.total_parameters`), when it does.
    public var declaredParameters: Int?
    /// Logical parameters by tensor-name pattern (every part present, zeros included).
    public var parts: [CheckpointPart: Int]
    /// The logical parameter count (the inventory's total).
    public var parameters: Int
    /// The storage row (`StorageFormat` name) the file's quantization matches, when one does
    /// (GPTQ int4 g128 → `gptq_int4_g128`, NF4 → `nf4`, FP8 → `fp8_e4m3`, ...).
    public var storageFormat: String?

    public init(path: String, format: String, files: Int, inventory: Inventory, dtypes: [DType], fileType: Int? = nil,
                quantization: String? = nil, buffers: [StoredTensor] = [], metadata: [StoredTensor] = [],
                extraLayers: ExtraLayers? = nil, declaredParameters: Int? = nil,
                parts: [CheckpointPart: Int] = [:], parameters: Int? = nil) {
        self.path = path
        self.format = format
        self.files = files
        self.inventory = inventory
        self.dtypes = dtypes.sorted { $0.name < $1.name }
        self.fileType = fileType
        self.quantization = quantization
        self.buffers = buffers
        self.metadata = metadata
        self.extraLayers = extraLayers
        self.declaredParameters = declaredParameters
        var all = Dictionary(uniqueKeysWithValues: CheckpointPart.allCases.map { ($0, 0) })
        all.merge(parts) { $1 }
        self.parts = all
        self.parameters = parameters ?? inventory.tensors.reduce(0) { $0 &+ ((try? $1.parameters()) ?? 0) }
    }

    public var tensors: Int { dtypes.reduce(0) { $0 &+ $1.tensors } }
    /// Elements as stored, every tensor (packed words, metadata and buffers included).
    public var storedElements: Int { dtypes.reduce(0) { $0 &+ $1.parameters } }
    public var bytes: Int { dtypes.reduce(0) { $0 &+ $1.bytes } }

    /// The dtype holding the most bytes: what the estimate's bytes are compared in.
    public var mainDType: String? { dtypes.max { ($0.bytes, $1.name) < ($1.bytes, $0.name) }?.name }
}

/// The parts a checkpoint's parameters are split into by tensor-name pattern, when no family
/// describes them (`basis: checkpoint`): the breakdown keys, plus `vision` (towers and their
/// projectors) and `other` (names no pattern recognises).
public enum CheckpointPart: String, CaseIterable, Sendable, Comparable {
    case embedding, attention, mlp, experts
    case sharedExperts = "shared_experts"
    case router, norm, head, ssm, vision, projector
    /// Names no pattern recognises.
    case other

    public static func < (lhs: CheckpointPart, rhs: CheckpointPart) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The part of a breakdown component: the same keys in the same order (`other` has no component).
    public init?(_ component: Component) {
        self.init(rawValue: component.rawValue)
    }
}
