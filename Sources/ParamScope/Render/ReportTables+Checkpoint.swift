import ParamScopeCore

extension ReportTables {
    /// The checkpoint table sent to a sink; nothing when the model names no checkpoint.
    static func checkpoint<Sink: TableSink>(_ model: ModelReport, into sink: inout Sink) {
        guard let comparison = model.result.checkpoint else { return }
        let summary = comparison.summary
        if model.result.basis == .checkpoint {
            source(summary, into: &sink)
            return
        }
        sink.begin(TableHead(caption: "Checkpoint \(summary.format) (\(summary.files) file\(summary.files == 1 ? "" : "s"))",
                             headers: ["", "Estimate", "File", "File − estimate"], alignments: [.left, .right, .right, .right]))
        sink.beginRow()
        sink.cell(summary.quantization == nil ? "Parameters" : "Parameters (logical)")
        sink.cell(grouped: comparison.estimatedParameters)
        sink.cell(grouped: comparison.fileParameters)
        sink.cell(strong: comparison.matches) { out in
            if comparison.matches {
                out.append("same ✓")
            } else {
                out.append(grouped: comparison.fileParameters &- comparison.estimatedParameters)
            }
        }
        sink.endRow()
        sink.beginRow()
        if let estimated = comparison.estimatedBytes {
            sink.cell("Bytes (\(comparison.estimatedFormat ?? ""))")
            sink.cell(grouped: estimated)
            sink.cell(grouped: summary.bytes)
            sink.cell { out in
                if estimated == summary.bytes { out.append("same") } else { out.append(grouped: summary.bytes &- estimated) }
            }
        } else {
            sink.cell("Bytes")
            sink.cell("—")
            sink.cell(grouped: summary.bytes)
            sink.cell("")
        }
        sink.endRow()
        sink.beginRow()
        sink.cell("Tensors")
        sink.cell("")
        sink.cell(grouped: summary.tensors)
        sink.cell("")
        sink.endRow()
        if comparison.namesCompared {
            sink.beginRow()
            sink.cell("Only in the estimate")
            sink.cell(grouped: comparison.onlyInEstimate.count)
            sink.cell("")
            sink.cell(examples(comparison.onlyInEstimate))
            sink.endRow()
            sink.beginRow()
            sink.cell("Only in the file")
            sink.cell("")
            sink.cell(grouped: comparison.onlyInFile.count)
            sink.cell(examples(comparison.onlyInFile))
            sink.endRow()
        }
        if comparison.tiedStoredTwice {
            sink.beginRow()
            sink.cell("Tied head stored twice")
            sink.cell("")
            sink.cell(grouped: comparison.duplicateParameters)
            sink.cell("counted once above")
            sink.endRow()
        }
        if !comparison.pretrainingHead.isEmpty {
            sink.beginRow()
            sink.cell("Pretraining head (not counted)")
            sink.cell("")
            sink.cell(grouped: comparison.pretrainingHeadParameters)
            sink.cell(examples(comparison.pretrainingHead))
            sink.endRow()
        }
        for note in InspectFormat.notes(summary) {
            sink.row(note.label, "", note.count, note.detail)
        }
        dtypeRows(summary, into: &sink)
        sink.end()
    }

    /// The checkpoint a model's count comes from (`basis: checkpoint`): its logical parameters by
    /// name pattern, and what is stored.
    static func source<Sink: TableSink>(_ summary: CheckpointSummary, into sink: inout Sink) {
        sink.begin(TableHead(caption: "Checkpoint \(summary.format) (\(summary.files) file\(summary.files == 1 ? "" : "s")): the count's source",
                             headers: ["", "", "File", ""], alignments: [.left, .right, .right, .right]))
        sink.beginRow()
        sink.cell(summary.quantization == nil ? "Parameters" : "Parameters (logical)")
        sink.cell("")
        sink.cell(grouped: summary.parameters)
        sink.cell { NumberFormat.parameters(summary.parameters, into: $0) }
        sink.endRow()
        sink.beginRow()
        sink.cell("Bytes")
        sink.cell("")
        sink.cell(grouped: summary.bytes)
        sink.cell { NumberFormat.gigabytes(summary.bytes, into: $0) }
        sink.endRow()
        sink.row("Tensors", "", NumberFormat.grouped(summary.tensors), "")
        for note in InspectFormat.notes(summary) {
            sink.row(note.label, "", note.count, note.detail)
        }
        dtypeRows(summary, into: &sink)
        sink.end()
    }

    private static func dtypeRows<Sink: TableSink>(_ summary: CheckpointSummary, into sink: inout Sink) {
        for dtype in summary.dtypes {
            sink.beginRow()
            sink.cell("\(dtype.name) tensors")
            sink.cell("")
            sink.cell { out in
                out.append(grouped: dtype.tensors)
                out.append(" · ")
                out.append(grouped: dtype.parameters)
                out.append(" elements")
            }
            sink.cell { NumberFormat.gigabytes(dtype.bytes, into: $0) }
            sink.endRow()
        }
    }

    private static func examples(_ names: [String]) -> String {
        guard !names.isEmpty else { return "" }
        let shown = names.prefix(3).joined(separator: ", ")
        return names.count > 3 ? "\(shown), …" : shown
    }
}

/// What `paramscope inspect` prints: a checkpoint's logical parameters, and beside them what is
/// stored — tensors, elements and bytes by dtype, the quantization, buffers and metadata.
public enum InspectFormat: String, CaseIterable, Sendable {
    case table, json

    public func render(_ summary: CheckpointSummary) -> String {
        switch self {
        case .json:
            let out = OutputBuffer(capacity: 1024)
            var object = JSONObjectWriter(out, indent: 0)
            object.string("path", summary.path)
            object.string("format", summary.format)
            object.int("files", summary.files)
            object.int("parameters", summary.parameters)
            Self.writeStored(summary, into: &object)
            object.int("tensors", summary.tensors)
            object.int("bytes", summary.bytes)
            object.int("file_type", summary.fileType)
            Self.writeDtypes(summary, elementsAs: "parameters", into: &object)
            object.end()
            out.append("\n")
            return out.string
        case .table:
            return Self.table(summary)
        }
    }

    /// `dtypes`: each dtype's tensors, stored elements (`elementsAs`: `parameters` in the members
    /// kept from schema 1's first form, `elements` under `stored`) and bytes.
    static func writeDtypes(_ summary: CheckpointSummary, elementsAs key: StaticString, into object: inout JSONObjectWriter) {
        object.object("dtypes") { dtypes in
            for dtype in summary.dtypes {
                dtypes.object(named: dtype.name) { entry in
                    entry.int("tensors", dtype.tensors)
                    entry.int(key, dtype.parameters)
                    entry.int("bytes", dtype.bytes)
                }
            }
        }
    }

    /// Beside the logical `parameters`: `components` by name pattern, and what is stored. The one
    /// printer of these members, for `inspect --format json` and a model's `checkpoint` object.
    static func writeStored(_ summary: CheckpointSummary, into object: inout JSONObjectWriter) {
        object.object("components") { components in
            for part in CheckpointPart.allCases { components.int(named: part.rawValue, summary.parts[part] ?? 0) }
        }
        object.string("quantization", summary.quantization)
        object.string("storage_format", summary.storageFormat)
        object.int("declared_parameters", summary.declaredParameters)
        object.object("stored") { stored in
            stored.int("tensors", summary.tensors)
            stored.int("elements", summary.storedElements)
            stored.int("bytes", summary.bytes)
            Self.writeDtypes(summary, elementsAs: "elements", into: &stored)
        }
        object.object("quantization_metadata") { metadata in
            metadata.int("tensors", summary.metadata.count)
            metadata.int("elements", summary.metadata.reduce(0) { $0 &+ $1.elements })
            metadata.int("bytes", summary.metadata.reduce(0) { $0 &+ $1.bytes })
        }
        let buffers = summary.buffers.sorted { $0.name < $1.name }
        object.array("buffers", count: buffers.count) { index, buffer in
            buffer.string("name", buffers[index].name)
            buffer.string("dtype", buffers[index].dtype)
            buffer.ints("shape", buffers[index].shape)
            buffer.int("elements", buffers[index].elements)
            buffer.int("bytes", buffers[index].bytes)
        }
        if let extra = summary.extraLayers {
            object.object("extra_layers") { layers in
                layers.ints("layers", extra.layers)
                layers.int("tensors", extra.tensors)
                layers.int("parameters", extra.parameters)
                layers.string("reason", extra.reason)
            }
        } else {
            object.null("extra_layers")
        }
    }

    static func table(_ summary: CheckpointSummary) -> String {
        var rows = summary.dtypes.map { dtype in
            [Table.Cell(dtype.name), Table.Cell(NumberFormat.grouped(dtype.tensors)), Table.Cell(NumberFormat.grouped(dtype.parameters)),
             Table.Cell(NumberFormat.grouped(dtype.bytes)), Table.Cell(NumberFormat.gigabytes(dtype.bytes)),
             Table.Cell(NumberFormat.gibibytes(dtype.bytes))]
        }
        rows.append([Table.Cell("total"), Table.Cell(NumberFormat.grouped(summary.tensors)),
                     Table.Cell(NumberFormat.grouped(summary.storedElements)), Table.Cell(NumberFormat.grouped(summary.bytes)),
                     Table.Cell(NumberFormat.gigabytes(summary.bytes)), Table.Cell(NumberFormat.gibibytes(summary.bytes))])
        let stored = Table(caption: "\(summary.path) — \(summary.format), \(summary.files) file\(summary.files == 1 ? "" : "s"), as stored",
                           headers: ["DType", "Tensors", "Elements", "Bytes", "GB (10⁹)", "GiB (2³⁰)"],
                           alignments: [.left, .right, .right, .right, .right, .right], rows: rows)
        var lines = [[Table.Cell("Parameters (logical)"), Table.Cell(NumberFormat.grouped(summary.parameters)),
                      Table.Cell(NumberFormat.parameters(summary.parameters))]]
        for part in CheckpointPart.allCases where (summary.parts[part] ?? 0) != 0 {
            let count = summary.parts[part] ?? 0
            lines.append([Table.Cell("  \(part.rawValue)"), Table.Cell(NumberFormat.grouped(count)), Table.Cell(NumberFormat.parameters(count))])
        }
        for row in notes(summary) { lines.append([Table.Cell(row.label), Table.Cell(row.count), Table.Cell(row.detail)]) }
        let logical = Table(caption: "Parameters", headers: ["", "Count", ""], alignments: [.left, .right, .left], rows: lines)
        return TextWriter().table(logical) + "\n" + TextWriter().table(stored)
    }

    /// What a reader of the count needs to know beside it: the quantization read, what was left
    /// out (metadata, buffers, extra layers) and a declared count that disagrees.
    static func notes(_ summary: CheckpointSummary) -> [(label: String, count: String, detail: String)] {
        var notes: [(String, String, String)] = []
        if let method = summary.quantization {
            notes.append(("Quantization", "", "\(method): packed weights read at their logical shapes"))
        }
        if !summary.metadata.isEmpty {
            let elements = summary.metadata.reduce(0) { $0 &+ $1.elements }
            notes.append(("Quantization metadata (not parameters)", NumberFormat.grouped(elements),
                          "\(NumberFormat.grouped(summary.metadata.count)) tensors (scales, zeros, indices)"))
        }
        if !summary.buffers.isEmpty {
            let elements = summary.buffers.reduce(0) { $0 &+ $1.elements }
            let names = summary.buffers.map(\.name).sorted()
            notes.append(("Buffers (not parameters)", NumberFormat.grouped(elements),
                          "\(names.count) tensors: \(names.prefix(2).joined(separator: ", "))\(names.count > 2 ? ", …" : "")"))
        }
        if let extra = summary.extraLayers {
            notes.append(("Extra layers (not counted)", NumberFormat.grouped(extra.parameters),
                          "layer\(extra.layers.count == 1 ? "" : "s") \(extra.layers.map(String.init).joined(separator: ", ")): \(extra.reason)"))
        }
        if let declared = summary.declaredParameters {
            let difference = declared &- summary.parameters
            notes.append(("Declared by the index (total_parameters)", NumberFormat.grouped(declared),
                          difference == 0 ? "same as the headers" : "\(NumberFormat.grouped(difference)) from the headers' count"))
        }
        return notes
    }
}

extension ReportTables {
    /// The memory row that follows the BF16 inference row: the question people ask with a
    /// download in mind, does the Q4_K_M file fit with the cache?
    static func memoryInferenceExtras<Sink: TableSink>(_ model: ModelReport, into sink: inout Sink) {
        guard let quantized = model.result.storage.first(where: { $0.format == "q4_k_m" }) else { return }
        // Checked: two figures that each fit can overflow together; then "—", never a wrapped sum.
        let memory = model.result.memory
        let (total, overflow) = quantized.bytes.addingReportingOverflow(memory.cacheBytes ?? Int.max)
        let label = "Inference: GGUF Q4_K_M weights + \(cacheLabel(memory))"
        if overflow || memory.cacheBytes == nil {
            sink.row(label, "—", "—", "—")
        } else {
            bytesRow(label, total, into: &sink)
        }
    }

    /// Memory rows beyond DESIGN's three, after training: Adam in FP32, and compute per token.
    static func memoryOtherExtras<Sink: TableSink>(_ model: ModelReport, into sink: inout Sink) {
        let memory = model.result.memory
        bytesRow("Training, Adam all FP32 (4+4+4+4 bytes/parameter, no activations)", memory.trainingFP32Bytes, into: &sink)
        flopsRow("Forward FLOPs per token (2·N + 2·L·context·d_attn)", memory.forwardFlopsPerToken, into: &sink)
        flopsRow("Training FLOPs per token (3 × forward)", memory.trainingFlopsPerToken, into: &sink)
    }

    private static func flopsRow<Sink: TableSink>(_ label: String, _ flops: Int, into sink: inout Sink) {
        sink.beginRow()
        sink.cell(label)
        sink.cell { out in
            out.append(grouped: flops)
            out.append(" FLOPs")
        }
        sink.cell("")
        sink.cell("")
        sink.endRow()
    }
}
