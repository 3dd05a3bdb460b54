/// Memory to run and to train a model, beyond its weights.
public struct MemoryEstimate: Sendable, Equatable {
    public var context: Int
    public var batch: Int
    /// Keys and values of every layer for `context` tokens of `batch` sequences, at 2 bytes.
    public var kvCacheBytes: Int
    /// Mixed-precision Adam: 16 bytes per parameter (2 weights + 2 gradients + 4 master weights
    /// + 4 + 4 for the two moments); activations not included.
    public var trainingBytes: Int

    public init(spec: ModelSpec, parameters: Int, context: Int, batch: Int) throws(ArithmeticOverflow) {
        self.context = context
        self.batch = batch
        let what = "the KV cache of \(spec.name)"
        let perToken = try Checked.multiply(2, spec.kvHeads, spec.headDim, what: what)
        kvCacheBytes = try Checked.multiply(perToken, spec.totalLayers, context, batch, 2, what: what)
        trainingBytes = try Checked.multiply(parameters, 16, what: "the training memory of \(spec.name)")
    }
}
