import ParamScopeCore

/// What outlives a model's section once its list's pages are written: the index row, the
/// deviation chart, the warnings and `--max-deviation` read only this.
///
/// A report of 10,000 models would otherwise hold every model's inventory, worked calculation and
/// 29 storage figures until the index is written last (issue #7: the memory target).
public struct ModelSummary: Sendable {
    public var name: String
    public var architecture: String
    /// The section's anchor and the list page it is on.
    public var anchor: String
    public var page: String
    /// The input path of its list.
    public var file: String
    public var location: SourceLocation
    public var published: PublishedFigure?
    public var total: Int
    public var active: Int
    public var seedApprox: Int
    public var deviation: Deviation?
    /// The weights in BF16 and Q4_K_M, when those formats are among the report's.
    public var bf16Bytes: Int?
    public var q4KMBytes: Int?
    /// The checkpoint the model names, when its parameters differ from the estimate.
    public var checkpointMismatch: (path: String, fileParameters: Int, estimatedParameters: Int)?

    public init(_ model: ModelReport) {
        // `model.result` read in place: a `let` copy of it was most of this initializer's cost.
        name = model.name
        architecture = model.entry.spec.architecture
        anchor = model.anchor
        page = model.page
        file = model.file
        location = model.entry.location
        published = model.entry.published
        total = model.result.total
        active = model.result.active
        seedApprox = model.result.seed.approx
        deviation = model.result.deviation
        bf16Bytes = nil
        q4KMBytes = nil
        model.result.storage.withUnsafeBufferPointer { storage in
            bf16Bytes = storage.first { $0.format == "bf16" }?.bytes
            q4KMBytes = storage.first { $0.format == "q4_k_m" }?.bytes
        }
        if let checkpoint = model.result.checkpoint, !checkpoint.matches {
            checkpointMismatch = (checkpoint.summary.path, checkpoint.fileParameters, checkpoint.estimatedParameters)
        }
    }
}
