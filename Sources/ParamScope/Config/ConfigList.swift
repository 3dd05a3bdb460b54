import ParamScopeCore

/// One config list (a YAML file, or a config.json read on its own): a titled group of models.
public struct ConfigList: Sendable {
    public var title: String
    /// Markdown prose, rendered by cmark in the HTML reports.
    public var description: String?
    /// The path as the user gave it (reports show it, JSON's `file`).
    public var file: String
    public var models: [ModelEntry]

    public init(title: String, description: String?, file: String, models: [ModelEntry]) {
        self.title = title
        self.description = description
        self.file = file
        self.models = models
    }
}

/// A model as configured: its architecture, and what the report says about it.
public struct ModelEntry: Sendable {
    public var spec: ModelSpec
    public var published: PublishedFigure?
    /// Where the architecture came from (a paper, a config.json).
    public var source: String?
    /// Markdown prose.
    public var notes: String?
    /// Per-model context length and batch size for the memory figures.
    public var context: Int?
    public var batch: Int?
    /// A checkpoint to compare with (safetensors file or index, GGUF file).
    public var checkpoint: String?
    /// A checkpoint already read, compared like `checkpoint`'s file: a Hub model's headers.
    public var checkpointSummary: CheckpointSummary?
    /// Set when no family describes the model (an unknown `model_type`, or a checkpoint alone):
    /// the count comes from `checkpoint`'s tensors (`basis: checkpoint`), and `spec` is filled
    /// from these hints and the tensors when the checkpoint is read.
    public var countFromCheckpoint: CheckpointHints?
    /// Where the entry starts, for diagnostics that come later (arithmetic, gates).
    public var location: SourceLocation

    public init(spec: ModelSpec, published: PublishedFigure? = nil, source: String? = nil, notes: String? = nil,
                context: Int? = nil, batch: Int? = nil, checkpoint: String? = nil, location: SourceLocation) {
        self.spec = spec
        self.published = published
        self.source = source
        self.notes = notes
        self.context = context
        self.batch = batch
        self.checkpoint = checkpoint
        self.location = location
    }
}
