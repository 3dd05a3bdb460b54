/// One model, counted and compared: everything a report shows about it.
public struct ModelResult: Sendable {
    public var spec: ModelSpec
    public var inventory: Inventory
    public var total: Int
    public var active: Int
    public var components: ComponentCounts
    public var seed: SeedFormula
    /// From `seed.full` to the estimated total, one correction at a time (it explains the
    /// spec's count, also when `inventory` came from a checkpoint).
    public var worked: WorkedCalculation
    public var published: PublishedFigure?
    public var deviation: Deviation?
    public var storage: [StorageEntry]
    public var memory: MemoryEstimate
    /// The checkpoint's header beside the estimate, when the model names one.
    public var checkpoint: CheckpointComparison?
    /// Where `total` comes from: the family's architecture, or a checkpoint's tensors when no
    /// family describes the model.
    public var basis: CountBasis = .architecture

    /// Counts `spec` and compares it with `published`.
    ///
    /// - Throws: `ArithmeticOverflow` when any figure does not fit in 64 bits.
    public init(
        spec: ModelSpec, published: PublishedFigure?, formats: [StorageFormat] = StorageFormat.all,
        context: Int = 4096, batch: Int = 1, kvCacheType: KVCacheType = .bf16
    ) throws(ArithmeticOverflow) {
        // The tensors are built once: they are the inventory and the worked calculation's steps.
        let layout = Estimator.layout(for: spec)
        try self.init(spec: spec, inventory: Inventory(layout.tensors), layout: layout, published: published, formats: formats,
                      context: context, batch: batch, kvCacheType: kvCacheType)
    }

    public init(
        spec: ModelSpec, inventory: Inventory, published: PublishedFigure?, formats: [StorageFormat],
        context: Int, batch: Int, kvCacheType: KVCacheType = .bf16
    ) throws(ArithmeticOverflow) {
        try self.init(spec: spec, inventory: inventory, layout: nil, published: published, formats: formats,
                      context: context, batch: batch, kvCacheType: kvCacheType)
    }

    /// - Parameter layout: the estimator's tensors and parts of `spec`, if the caller built them
    ///   (the worked calculation always explains the spec, also when `inventory` came from a checkpoint).
    init(
        spec: ModelSpec, inventory: Inventory, layout: InventorySink?, published: PublishedFigure?, formats: [StorageFormat],
        context: Int, batch: Int, kvCacheType: KVCacheType
    ) throws(ArithmeticOverflow) {
        self.spec = spec
        self.inventory = inventory
        // total(), active() and components() in one pass, failing as the first of them would.
        let counts = try inventory.counts()
        let total = counts.total
        self.total = total
        active = counts.active
        components = counts.components
        let seed = try SeedFormula(spec)
        self.seed = seed
        worked = try WorkedCalculation(spec, layout: layout ?? Estimator.layout(for: spec), seed: seed.full)
        self.published = published
        deviation = published.map { Deviation(exact: total, published: $0.total) }
        var storage: [StorageEntry] = []
        storage.reserveCapacity(formats.count)
        // Read once for every llama.cpp file type among the formats.
        let quantization = QuantizationContext(inventory, architecture: spec.architecture)
        for format in formats {
            storage.append(StorageEntry(format: format.name, label: format.label, bytes: try format.bytes(of: inventory, context: quantization)))
        }
        self.storage = storage
        memory = try MemoryEstimate(spec: spec, total: total, active: active, embedding: counts.components[.embedding],
                                    context: context, batch: batch, kvCacheType: kvCacheType)
    }
}

/// What a model's count is read from (`parameters.basis` in JSON).
public enum CountBasis: String, Sendable, Equatable {
    /// The estimator, from the family preset and the config's sizes.
    case architecture
    /// The logical parameters of the checkpoint's tensors (the family is unknown).
    case checkpoint
}

/// Bytes of a model's weights in one format.
public struct StorageEntry: Sendable, Equatable {
    public var format: String
    public var label: String
    public var bytes: Int
}

/// How far the exact count is from the published one.
public struct Deviation: Sendable, Equatable {
    /// (exact − published) / published.
    public var relative: Double
    /// The exact count, rounded or truncated to the figure's number of significant digits, is
    /// the figure (`PublishedCount.isConsistent(with:)`).
    public var consistent: Bool

    public init(exact: Int, published: PublishedCount) {
        relative = (Double(exact) - Double(published.value)) / Double(published.value)
        consistent = published.isConsistent(with: exact)
    }

    /// Reports draw a figure as a success (emphasised: green in HTML, bold in Markdown) only when
    /// it is consistent *and* within this fraction of the exact count: a figure of one significant
    /// digit is consistent with a count a quarter above it (2,506,172,416 truncates to Gemma's
    /// "2B"), which is no success. The ✓ still says "consistent".
    public static let confirmedLimit = 0.10

    /// Consistent and at most `confirmedLimit` away, whatever the figure's basis.
    public var confirmed: Bool { consistent && abs(relative) <= Self.confirmedLimit }
}
