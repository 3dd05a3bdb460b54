/// What a checkpoint's headers say: its tensors, parameters and bytes, by the file's own dtypes.
///
/// Built by the header readers (safetensors, sharded index, GGUF) without touching the weights;
/// its `inventory` is the same type the estimator produces, one entry per stored tensor.
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

    /// The path as given.
    public var path: String
    /// `safetensors`, `safetensors index`, `gguf v3`.
    public var format: String
    /// Files read (the shards of an index).
    public var files: Int
    public var inventory: Inventory
    public var dtypes: [DType]
    /// A GGUF's `general.file_type` (llama.cpp's `LLAMA_FTYPE_*` number), when present.
    public var fileType: Int?

    public init(path: String, format: String, files: Int, inventory: Inventory, dtypes: [DType], fileType: Int? = nil) {
        self.path = path
        self.format = format
        self.files = files
        self.inventory = inventory
        self.dtypes = dtypes.sorted { $0.name < $1.name }
        self.fileType = fileType
    }

    public var tensors: Int { dtypes.reduce(0) { $0 &+ $1.tensors } }
    public var parameters: Int { dtypes.reduce(0) { $0 &+ $1.parameters } }
    public var bytes: Int { dtypes.reduce(0) { $0 &+ $1.bytes } }

    /// The dtype holding the most bytes: what the estimate's bytes are compared in.
    public var mainDType: String? { dtypes.max { ($0.bytes, $1.name) < ($1.bytes, $0.name) }?.name }
}
