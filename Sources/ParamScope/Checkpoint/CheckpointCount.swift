import ParamScopeCore

/// A model no family describes, counted from its checkpoint (`basis: checkpoint`): the logical
/// parameters of its tensors are the total, a tied head stored twice counted once; the seed
/// formulas and memory figures use the sizes its config (or the tensors) give.
enum CheckpointCount {
    /// - Parameter read: the checkpoint's summary already read (a Hub model's headers), else
    ///   `checkpoint` is read.
    static func result(_ entry: ModelEntry, hints: CheckpointHints, checkpoint: String?, read: CheckpointSummary? = nil,
                       options: ReportOptions) throws -> (ModelSpec, ModelResult) {
        var summary = try read ?? CheckpointReader.summary(checkpoint ?? "", layers: hints.layers)
        let spec = CheckpointSpec.spec(name: entry.spec.name, hints: hints, summary: summary)
        var inventory = summary.inventory
        if spec.tiedEmbeddings, inventory.tensors.contains(where: { $0.role == .tokenEmbedding }) {
            // transformers ties the head to the embedding: one parameter, however often stored.
            let isHead = { (tensor: TensorEntry) in tensor.role == .output && (tensor.name == "lm_head.weight" || tensor.name == "output.weight") }
            let duplicate = inventory.tensors.filter(isHead).reduce(0) { $0 &+ ((try? $1.parameters()) ?? 0) }
            inventory.tensors.removeAll(where: isHead)
            summary.parts[.head, default: 0] &-= duplicate
        }
        var result = try ModelResult(spec: spec, inventory: inventory, published: entry.published, formats: options.formats,
                                     context: entry.context ?? options.context, batch: entry.batch ?? options.batch,
                                     kvCacheType: options.kvCacheType)
        result.basis = .checkpoint
        result.worked = WorkedCalculation(seed: result.seed.full, steps: [], total: result.total)
        result.checkpoint = try CheckpointComparison(estimate: inventory, total: result.total, spec: spec, checkpoint: summary)
        return (spec, result)
    }
}
