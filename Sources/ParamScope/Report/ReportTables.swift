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
    static func parameters(_ model: ModelReport) -> Table {
        let result = model.result
        var rows: [[Table.Cell]] = [
            [Table.Cell("Exact (architecture-aware)"), Table.Cell(NumberFormat.grouped(result.total)),
             Table.Cell(NumberFormat.parameters(result.total)), Table.Cell("")],
        ]
        if result.active != result.total {
            rows.append([Table.Cell("Active per token"), Table.Cell(NumberFormat.grouped(result.active)),
                         Table.Cell(NumberFormat.parameters(result.active)), Table.Cell("")])
        }
        rows.append([Table.Cell("Seed estimate 12·L·h² + V·h"), Table.Cell(NumberFormat.grouped(result.seed.approx)),
                     Table.Cell(NumberFormat.parameters(result.seed.approx)), exactVersus(result.total, result.seed.approx)])
        rows.append([Table.Cell("Seed full L·(12h² + 4h) + V·h + 2h" + (model.entry.spec.tiedEmbeddings ? "" : " + V·h")),
                     Table.Cell(NumberFormat.grouped(result.seed.full)),
                     Table.Cell(NumberFormat.parameters(result.seed.full)), exactVersus(result.total, result.seed.full)])
        if let published = model.entry.published {
            rows.append([Table.Cell("Published (\(published.basis.rawValue))"), Table.Cell(NumberFormat.grouped(published.total.value)),
                         Table.Cell(published.total.text), deviationCell(result.deviation)])
            if let active = published.active {
                rows.append([Table.Cell("Published active"), Table.Cell(NumberFormat.grouped(active.value)),
                             Table.Cell(active.text), exactVersus(result.active, active.value)])
            }
        }
        return Table(caption: "Parameters", headers: ["Count", "Parameters", "Short", "Exact vs this"],
                     alignments: [.left, .right, .right, .right], rows: rows)
    }

    /// Parameters per component (DESIGN's breakdown keys), with each one's share.
    static func breakdown(_ model: ModelReport) -> Table {
        let result = model.result
        let rows = Component.allCases.map { component -> [Table.Cell] in
            let count = result.components[component] ?? 0
            return [Table.Cell(component.rawValue), Table.Cell(NumberFormat.grouped(count)), Table.Cell(share(count, of: result.total))]
        }
        return Table(caption: "Breakdown by component", headers: ["Component", "Parameters", "Share"],
                     alignments: [.left, .right, .right], rows: rows)
    }

    /// Bytes of the weights per precision, in GB and GiB.
    static func storage(_ model: ModelReport) -> Table {
        let rows = model.result.storage.map { entry -> [Table.Cell] in
            [Table.Cell(entry.label), Table.Cell(NumberFormat.grouped(entry.bytes)),
             Table.Cell(NumberFormat.gigabytes(entry.bytes)), Table.Cell(NumberFormat.gibibytes(entry.bytes))]
        }
        return Table(caption: "Weights per precision", headers: ["Precision", "Bytes", "GB (10⁹)", "GiB (2³⁰)"],
                     alignments: [.left, .right, .right, .right], rows: rows)
    }

    /// Memory to run (weights + KV cache) and to train.
    ///
    /// The inference row uses BF16 weights whether or not BF16 is among the report's precisions;
    /// it is left out only if the sum does not fit in 64 bits.
    static func memory(_ model: ModelReport) -> Table {
        let memory = model.result.memory
        func row(_ what: String, _ bytes: Int) -> [Table.Cell] {
            [Table.Cell(what), Table.Cell(NumberFormat.grouped(bytes)), Table.Cell(NumberFormat.gigabytes(bytes)),
             Table.Cell(NumberFormat.gibibytes(bytes))]
        }
        var rows = [row("KV cache (\(NumberFormat.grouped(memory.context)) tokens × batch \(memory.batch), \(memory.kvCacheType.rawValue))", memory.kvCacheBytes)]
        if let inference = inferenceBytes(model.result) {
            rows.append(row("Inference: BF16 weights + KV cache", inference))
        }
        let extras = memoryExtras(model)
        rows += extras.inference
        rows.append(row("Training, mixed-precision Adam (16 bytes/parameter, no activations)", memory.trainingBytes))
        rows += extras.other
        return Table(caption: "Memory", headers: ["What", "Bytes", "GB (10⁹)", "GiB (2³⁰)"],
                     alignments: [.left, .right, .right, .right], rows: rows)
    }

    /// BF16 weights + KV cache, or nil when it overflows.
    static func inferenceBytes(_ result: ModelResult) -> Int? {
        let weights = result.storage.first { $0.format == "bf16" }?.bytes ?? (try? StorageFormat.bf16.bytes(of: result.inventory))
        guard let weights else { return nil }
        let (sum, overflow) = weights.addingReportingOverflow(result.memory.kvCacheBytes)
        return overflow ? nil : sum
    }

    /// The architecture as counted.
    static func architecture(_ model: ModelReport) -> Table {
        let spec = model.entry.spec
        var rows: [(String, String)] = [
            ("Family", spec.architecture),
            ("Layers L", NumberFormat.grouped(spec.totalLayers)),
            ("Hidden h", NumberFormat.grouped(spec.hidden)),
            ("Heads / KV heads / head dim", "\(spec.heads) / \(spec.kvHeads) / \(spec.headDim)"),
            ("MLP", "\(spec.mlp.gated ? "gated" : "plain"), width \(NumberFormat.grouped(spec.ffn))\(spec.mlp.bias ? ", biases" : "")"),
            ("Vocabulary V", NumberFormat.grouped(spec.vocab)),
            ("Norm", "\(spec.norms.kind.rawValue), \(spec.norms.perLayer) per layer\(spec.norms.final ? " + final" : "")"),
            ("Positions", spec.embedding.positions.rawValue),
            ("Embeddings", spec.tiedEmbeddings ? "tied to the output head" : "untied output head"),
        ]
        if let experts = spec.experts {
            rows.append(("Experts", "\(experts.experts) routed (\(experts.expertsPerToken) per token), width \(NumberFormat.grouped(experts.expertFFN))"))
        }
        return Table(caption: "Architecture", headers: ["Field", "Value"], alignments: [.left, .left],
                     rows: rows.map { [Table.Cell($0.0), Table.Cell($0.1)] })
    }

    static func deviationCell(_ deviation: Deviation?) -> Table.Cell {
        guard let deviation else { return Table.Cell("—") }
        let mark = deviation.consistent ? " ✓" : ""
        return Table.Cell(NumberFormat.percent(deviation.relative) + mark, strong: deviation.consistent)
    }

    /// (exact − figure) / figure: the same direction as DESIGN's `deviation.relative`.
    static func exactVersus(_ exact: Int, _ figure: Int) -> Table.Cell {
        guard figure != 0 else { return Table.Cell("—") }
        return Table.Cell(NumberFormat.percent((Double(exact) - Double(figure)) / Double(figure)))
    }

    static func share(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "—" }
        let tenths = (Double(part) / Double(whole) * 1000).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10)%"
    }
}
