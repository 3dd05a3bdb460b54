import ParamScopeCore

/// The tables of a report: what each shows is decided here, once, for every writer.
enum ReportTables {
    /// One row per model: the index page and each list page's summary.
    ///
    /// A Q4_K_M column appears when that format is among the models' storage figures (it is
    /// shown, never estimated here).
    static func summary(_ models: [ModelSummary], linkPages: Bool) -> Table {
        let showQ4 = models.contains { $0.q4KMBytes != nil }
        let rows = models.map { model -> [Table.Cell] in
            var row = [
                Table.Cell(model.name, link: Table.Link(page: linkPages ? model.page : nil, anchor: model.anchor)),
                Table.Cell(model.architecture),
                Table.Cell(NumberFormat.grouped(model.total)),
                Table.Cell(NumberFormat.parameters(model.active)),
                Table.Cell(model.published?.total.text ?? "—"),
                deviationCell(model.deviation),
                Table.Cell(NumberFormat.parameters(model.seedApprox)),
                Table.Cell(model.bf16Bytes.map(NumberFormat.gigabytes) ?? "—"),
            ]
            if showQ4 { row.append(Table.Cell(model.q4KMBytes.map(NumberFormat.gigabytes) ?? "—")) }
            return row
        }
        var headers = ["Model", "Family", "Exact parameters", "Active", "Published", "Deviation",
                       "Seed 12·L·h² + V·h", "BF16 weights"]
        var alignments: [Table.Alignment] = [.left, .left, .right, .right, .right, .right, .right, .right]
        if showQ4 {
            headers.append("Q4_K_M weights")
            alignments.append(.right)
        }
        return Table(caption: nil, headers: headers, alignments: alignments, rows: rows)
    }

    /// The counts side by side for one model.
    static let parametersHead = TableHead(caption: "Parameters", headers: ["Count", "Parameters", "Short", "Exact vs this"],
                                          alignments: [.left, .right, .right, .right])

    static func parameters<Sink: TableSink>(_ model: ModelReport, into sink: inout Sink) {
        let result = model.result
        sink.begin(parametersHead)
        // The basis, said in every format: the architecture's count, or the checkpoint's.
        countRow(result.basis == .checkpoint ? "Exact (counted from the checkpoint's tensors)" : "Exact (architecture-aware)",
                 result.total, into: &sink) { $0.cell("") }
        if result.active != result.total {
            countRow("Active per token", result.active, into: &sink) { $0.cell("") }
        }
        countRow("Seed estimate 12·L·h² + V·h", result.seed.approx, into: &sink) {
            exactVersus(result.total, result.seed.approx, into: &$0)
        }
        countRow(model.entry.spec.tiedEmbeddings ? "Seed full L·(12h² + 4h) + V·h + 2h" : "Seed full L·(12h² + 4h) + V·h + 2h + V·h",
                 result.seed.full, into: &sink) {
            exactVersus(result.total, result.seed.full, into: &$0)
        }
        // A vision-language model: the language model alone is what a text-only GGUF holds; the
        // tower and projector ship as llama.cpp's separate mmproj file.
        let tower = result.components[.vision] &+ result.components[.projector]
        let language = result.total &- tower
        if tower > 0 {
            countRow("Language model alone (text-only GGUF)", language, into: &sink) {
                exactVersus(result.total, language, into: &$0)
            }
            countRow("Vision tower + projector (mmproj)", tower, into: &sink) { $0.cell("") }
        }
        if let published = model.entry.published {
            sink.beginRow()
            if tower > 0 {
                // Which count the figure describes: the one it is nearer to.
                let figure = published.total.value
                let whole = (figure &- result.total).magnitude <= (figure &- language).magnitude
                sink.cell("Published (\(published.basis.rawValue); nearest the \(whole ? "whole model" : "language model alone"))")
            } else {
                sink.cell("Published (\(published.basis.rawValue))")
            }
            sink.cell(grouped: published.total.value)
            sink.cell(published.total.text)
            deviationCell(result.deviation, into: &sink)
            sink.endRow()
            if let active = published.active {
                sink.beginRow()
                sink.cell("Published active")
                sink.cell(grouped: active.value)
                sink.cell(active.text)
                exactVersus(result.active, active.value, into: &sink)
                sink.endRow()
            }
        }
        sink.end()
    }

    /// A label, the count grouped and short, and a last cell.
    @inline(__always)
    private static func countRow<Sink: TableSink>(
        _ label: String, _ count: Int, into sink: inout Sink, last: (inout Sink) -> Void
    ) {
        sink.beginRow()
        sink.cell(label)
        sink.cell(grouped: count)
        sink.cell { NumberFormat.parameters(count, into: $0) }
        last(&sink)
        sink.endRow()
    }

    /// Parameters per component (DESIGN's breakdown keys), with each one's share.
    static let breakdownHead = TableHead(caption: "Breakdown by component", headers: ["Component", "Parameters", "Share"],
                                         alignments: [.left, .right, .right])

    static func breakdown<Sink: TableSink>(_ model: ModelReport, into sink: inout Sink) {
        let total = model.result.total
        if let parts = checkpointParts(model.result) {
            sink.begin(checkpointBreakdownHead)
            for part in CheckpointPart.allCases {
                let count = parts[part] ?? 0
                sink.beginRow()
                sink.cell(part.rawValue)
                sink.cell(grouped: count)
                sink.cell { share(count, of: total, into: $0) }
                sink.endRow()
            }
            sink.end()
            return
        }
        sink.begin(breakdownHead)
        for (component, count) in model.result.components {
            sink.beginRow()
            sink.cell(component.rawValue)
            sink.cell(grouped: count)
            sink.cell { share(count, of: total, into: $0) }
            sink.endRow()
        }
        sink.end()
    }

    static let checkpointBreakdownHead = TableHead(caption: "Breakdown by tensor name (from the checkpoint)",
                                                   headers: ["Part", "Parameters", "Share"], alignments: [.left, .right, .right])

    /// A model counted from its checkpoint (`basis: checkpoint`) is broken down by the tensor-name
    /// patterns of its parts (vision and other included), not by the estimator's components.
    static func checkpointParts(_ result: ModelResult) -> [CheckpointPart: Int]? {
        result.basis == .checkpoint ? result.checkpoint?.summary.parts : nil
    }

    /// Bytes of the weights per precision, in GB and GiB.
    static let storageHead = TableHead(caption: "Weights per precision", headers: ["Precision", "Bytes", "GB (10⁹)", "GiB (2³⁰)"],
                                       alignments: [.left, .right, .right, .right])

    static func storage<Sink: TableSink>(_ model: ModelReport, into sink: inout Sink) {
        sink.begin(storageHead)
        // A vision-language model's GGUF rows cover the tower too, which llama.cpp ships apart.
        let tower = model.result.components[.vision] > 0
        for entry in model.result.storage {
            if tower && entry.label.hasPrefix("GGUF") {
                bytesRow(entry.label + " (whole model: text GGUF + mmproj tower, same rules)", entry.bytes, into: &sink)
            } else {
                bytesRow(entry.label, entry.bytes, into: &sink)
            }
        }
        sink.end()
    }

    /// A label, then bytes grouped, in GB and in GiB.
    @inline(__always)
    static func bytesRow<Sink: TableSink>(_ label: String, _ bytes: Int, into sink: inout Sink) {
        sink.beginRow()
        sink.cell(label)
        sink.cell(grouped: bytes)
        sink.cell { NumberFormat.gigabytes(bytes, into: $0) }
        sink.cell { NumberFormat.gibibytes(bytes, into: $0) }
        sink.endRow()
    }

    /// Memory to run (weights + KV cache) and to train.
    ///
    /// The inference row uses BF16 weights whether or not BF16 is among the report's precisions;
    /// it is left out only if the sum does not fit in 64 bits.
    static let memoryHead = TableHead(caption: "Memory", headers: ["What", "Bytes", "GB (10⁹)", "GiB (2³⁰)"],
                                      alignments: [.left, .right, .right, .right])

    static func memory<Sink: TableSink>(_ model: ModelReport, into sink: inout Sink) {
        let memory = model.result.memory
        sink.begin(memoryHead)
        bytesRow("KV cache (\(NumberFormat.grouped(memory.context)) tokens × batch \(memory.batch), \(memory.kvCacheType.rawValue))",
                 memory.kvCacheBytes, into: &sink)
        if memory.recurrentStateBytes > 0 {
            bytesRow("Recurrent state (SSM + conv state × batch \(memory.batch), \(memory.kvCacheType.rawValue), any context)",
                     memory.recurrentStateBytes, into: &sink)
        }
        if let inference = inferenceBytes(model.result) {
            bytesRow("Inference: BF16 weights + \(cacheLabel(memory))", inference, into: &sink)
        }
        memoryInferenceExtras(model, into: &sink)
        bytesRow("Training, mixed-precision Adam (16 bytes/parameter, no activations)", memory.trainingBytes, into: &sink)
        memoryOtherExtras(model, into: &sink)
        sink.end()
    }

    /// BF16 weights + KV cache (+ recurrent state), or nil when it overflows.
    static func inferenceBytes(_ result: ModelResult) -> Int? {
        let weights = result.storage.first { $0.format == "bf16" }?.bytes ?? (try? StorageFormat.bf16.bytes(of: result.inventory))
        guard let weights, let cache = result.memory.cacheBytes else { return nil }
        let (sum, overflow) = weights.addingReportingOverflow(cache)
        return overflow ? nil : sum
    }

    /// What inference keeps beside the weights, as the rows name it.
    static func cacheLabel(_ memory: MemoryEstimate) -> String {
        memory.recurrentStateBytes > 0 ? "KV cache + recurrent state" : "KV cache"
    }

    /// The architecture as counted.
    static let architectureHead = TableHead(caption: "Architecture", headers: ["Field", "Value"], alignments: [.left, .left])

    static func architecture<Sink: TableSink>(_ model: ModelReport, into sink: inout Sink) {
        let spec = model.entry.spec
        sink.begin(architectureHead)
        sink.row("Family", spec.architecture)
        groupedRow("Layers L", spec.totalLayers, into: &sink)
        groupedRow("Hidden h", spec.hidden, into: &sink)
        sink.beginRow()
        sink.cell("Heads / KV heads / head dim")
        sink.cell { out in
            out.append(int: spec.heads)
            out.append(" / ")
            out.append(int: spec.kvHeads)
            out.append(" / ")
            out.append(int: spec.headDim)
        }
        sink.endRow()
        sink.beginRow()
        sink.cell("MLP")
        sink.cell { out in
            if spec.experts == nil, !spec.feedForwards.contains(where: { $0 == .dense }) {
                out.append("none")
                return
            }
            out.append(spec.mlp.gated ? "gated, width " : "plain, width ")
            out.append(grouped: spec.ffn)
            if spec.mlp.bias { out.append(", biases") }
        }
        sink.endRow()
        groupedRow("Vocabulary V", spec.vocab, into: &sink)
        sink.row("Norm", "\(spec.norms.kind.rawValue), \(spec.norms.perLayer) per layer\(spec.norms.final ? " + final" : "")")
        sink.row("Positions", spec.embedding.positions.rawValue)
        sink.row("Embeddings", spec.tiedEmbeddings ? "tied to the output head" : "untied output head")
        if let experts = spec.experts {
            sink.beginRow()
            sink.cell("Experts")
            sink.cell { out in
                out.append(int: experts.experts)
                out.append(" routed (")
                out.append(int: experts.expertsPerToken)
                out.append(" per token), width ")
                out.append(grouped: experts.expertFFN)
            }
            sink.endRow()
        }
        if let ssm = spec.stateSpace { sink.row("Layer mixers", mixerSummary(spec, ssm)) }
        sink.end()
    }

    /// How many layers attend and how many have each recurrent mixer, with its sizes
    /// ("4 attention, 28 Mamba-1 (inner 8192, N 16, kernel 4, dt_rank 256)").
    static func mixerSummary(_ spec: ModelSpec, _ ssm: StateSpaceSpec) -> String {
        let pattern = spec.pattern
        var parts: [String] = []
        let attending = pattern.count { if case .attention = $0.mixer { true } else { false } }
        if attending > 0 { parts.append("\(attending) attention") }
        for mixer in RecurrentMixer.allCases {
            let alone = pattern.count { $0.mixer == .recurrent(mixer) }
            let parallel = pattern.count { if case .parallel(_, mixer) = $0.mixer { true } else { false } }
            let sizes: String = switch mixer {
            case .mamba: "inner \(ssm.inner), N \(ssm.stateSize), kernel \(ssm.convKernel), dt_rank \(ssm.dtRank)"
            case .mamba2: "inner \(ssm.inner), N \(ssm.stateSize), \(ssm.heads) heads, \(ssm.groups) groups, kernel \(ssm.convKernel)"
            case .gatedDeltaNet: "\(ssm.groups) key heads of \(ssm.stateSize), \(ssm.heads) value heads of \(ssm.heads > 0 ? ssm.inner / ssm.heads : 0), kernel \(ssm.convKernel)"
            case .shortConvolution: "kernel \(ssm.convKernel)"
            }
            let name: String = switch mixer {
            case .mamba: "Mamba-1"
            case .mamba2: "Mamba-2"
            case .gatedDeltaNet: "Gated DeltaNet"
            case .shortConvolution: "short convolution"
            }
            if alone > 0 { parts.append("\(alone) \(name) (\(sizes))") }
            if parallel > 0 { parts.append("\(parallel) attention + \(name) side by side (\(sizes))") }
        }
        return parts.joined(separator: ", ")
    }

    @inline(__always)
    private static func groupedRow<Sink: TableSink>(_ label: String, _ value: Int, into sink: inout Sink) {
        sink.beginRow()
        sink.cell(label)
        sink.cell(grouped: value)
        sink.endRow()
    }

    static func deviationCell(_ deviation: Deviation?) -> Table.Cell {
        guard let deviation else { return Table.Cell("—") }
        let mark = deviation.consistent ? " ✓" : ""
        return Table.Cell(NumberFormat.percent(deviation.relative) + mark, strong: deviation.confirmed)
    }

    /// `deviationCell(deviation)` sent to a sink.
    static func deviationCell<Sink: TableSink>(_ deviation: Deviation?, into sink: inout Sink) {
        guard let deviation else { sink.cell { $0.append("—") }; return }
        sink.cell(strong: deviation.confirmed) { out in
            NumberFormat.percent(deviation.relative, into: out)
            if deviation.consistent { out.append(" ✓") }
        }
    }

    /// (exact − figure) / figure: the same direction as DESIGN's `deviation.relative`.
    static func exactVersus<Sink: TableSink>(_ exact: Int, _ figure: Int, into sink: inout Sink) {
        sink.cell { out in
            if figure == 0 {
                out.append("—")
            } else {
                NumberFormat.percent((Double(exact) - Double(figure)) / Double(figure), into: out)
            }
        }
    }

    static func share(_ part: Int, of whole: Int) -> String {
        NumberFormat.text { share(part, of: whole, into: $0) }
    }

    /// `part` as a percentage of `whole` with one decimal: "33.3%" ("—" without a whole).
    static func share(_ part: Int, of whole: Int, into out: OutputBuffer) {
        guard whole > 0 else { out.append("—"); return }
        let tenths = Int((Double(part) / Double(whole) * 1000).rounded())
        out.append(int: tenths / 10)
        out.append(byte: UInt8(ascii: "."))
        out.append(int: tenths % 10)
        out.append(byte: UInt8(ascii: "%"))
    }
}
