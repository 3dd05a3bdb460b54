import ParamScopeCore

extension ReportTables {
    /// The checkpoint table sent to a sink; nothing when the model names no checkpoint.
    static func checkpoint<Sink: TableSink>(_ model: ModelReport, into sink: inout Sink) {
        guard let comparison = model.result.checkpoint else { return }
        let summary = comparison.summary
        sink.begin(TableHead(caption: "Checkpoint \(summary.format) (\(summary.files) file\(summary.files == 1 ? "" : "s"))",
                             headers: ["", "Estimate", "File", "File − estimate"], alignments: [.left, .right, .right, .right]))
        sink.beginRow()
        sink.cell("Parameters")
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
        sink.end()
    }

    private static func examples(_ names: [String]) -> String {
        guard !names.isEmpty else { return "" }
        let shown = names.prefix(3).joined(separator: ", ")
        return names.count > 3 ? "\(shown), …" : shown
    }
}

/// What `paramscope inspect` prints: a checkpoint's tensors, parameters and bytes by dtype.
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
            object.int("tensors", summary.tensors)
            object.int("parameters", summary.parameters)
            object.int("bytes", summary.bytes)
            object.int("file_type", summary.fileType)
            object.object("dtypes") { dtypes in
                for dtype in summary.dtypes {
                    dtypes.object(named: dtype.name) { entry in
                        entry.int("tensors", dtype.tensors)
                        entry.int("parameters", dtype.parameters)
                        entry.int("bytes", dtype.bytes)
                    }
                }
            }
            object.end()
            out.append("\n")
            return out.string
        case .table:
            var rows = summary.dtypes.map { dtype in
                [Table.Cell(dtype.name), Table.Cell(NumberFormat.grouped(dtype.tensors)), Table.Cell(NumberFormat.grouped(dtype.parameters)),
                 Table.Cell(NumberFormat.grouped(dtype.bytes)), Table.Cell(NumberFormat.gigabytes(dtype.bytes)),
                 Table.Cell(NumberFormat.gibibytes(dtype.bytes))]
            }
            rows.append([Table.Cell("total"), Table.Cell(NumberFormat.grouped(summary.tensors)),
                         Table.Cell(NumberFormat.grouped(summary.parameters)), Table.Cell(NumberFormat.grouped(summary.bytes)),
                         Table.Cell(NumberFormat.gigabytes(summary.bytes)), Table.Cell(NumberFormat.gibibytes(summary.bytes))])
            let table = Table(caption: "\(summary.path) — \(summary.format), \(summary.files) file\(summary.files == 1 ? "" : "s")",
                              headers: ["DType", "Tensors", "Parameters", "Bytes", "GB (10⁹)", "GiB (2³⁰)"],
                              alignments: [.left, .right, .right, .right, .right, .right], rows: rows)
            return TextWriter().table(table)
        }
    }
}

extension ReportTables {
    /// The memory row that follows the BF16 inference row: the question people ask with a
    /// download in mind, does the Q4_K_M file fit with the cache?
    static func memoryInferenceExtras<Sink: TableSink>(_ model: ModelReport, into sink: inout Sink) {
        guard let quantized = model.result.storage.first(where: { $0.format == "q4_k_m" }) else { return }
        // Checked: two figures that each fit can overflow together; then "—", never a wrapped sum.
        let (total, overflow) = quantized.bytes.addingReportingOverflow(model.result.memory.kvCacheBytes)
        if overflow {
            sink.row("Inference: GGUF Q4_K_M weights + KV cache", "—", "—", "—")
        } else {
            bytesRow("Inference: GGUF Q4_K_M weights + KV cache", total, into: &sink)
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
