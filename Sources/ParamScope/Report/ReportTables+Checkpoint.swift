import ParamScopeCore

extension ReportTables {
    /// The checkpoint beside the estimate, when the model names one (else no table).
    static func checkpointTables(_ model: ModelReport) -> [Table] {
        guard let comparison = model.result.checkpoint else { return [] }
        let summary = comparison.summary
        var rows: [[Table.Cell]] = [
            [Table.Cell("Parameters"), Table.Cell(NumberFormat.grouped(comparison.estimatedParameters)),
             Table.Cell(NumberFormat.grouped(comparison.fileParameters)),
             Table.Cell(comparison.matches ? "same ✓" : NumberFormat.grouped(comparison.fileParameters &- comparison.estimatedParameters),
                        strong: comparison.matches)],
        ]
        if let estimated = comparison.estimatedBytes {
            rows.append([Table.Cell("Bytes (\(comparison.estimatedFormat ?? ""))"), Table.Cell(NumberFormat.grouped(estimated)),
                         Table.Cell(NumberFormat.grouped(summary.bytes)),
                         Table.Cell(estimated == summary.bytes ? "same" : NumberFormat.grouped(summary.bytes &- estimated))])
        } else {
            rows.append([Table.Cell("Bytes"), Table.Cell("—"), Table.Cell(NumberFormat.grouped(summary.bytes)), Table.Cell("")])
        }
        rows.append([Table.Cell("Tensors"), Table.Cell(""), Table.Cell(NumberFormat.grouped(summary.tensors)), Table.Cell("")])
        if comparison.namesCompared {
            rows.append([Table.Cell("Only in the estimate"), Table.Cell(NumberFormat.grouped(comparison.onlyInEstimate.count)),
                         Table.Cell(""), Table.Cell(examples(comparison.onlyInEstimate))])
            rows.append([Table.Cell("Only in the file"), Table.Cell(""),
                         Table.Cell(NumberFormat.grouped(comparison.onlyInFile.count)), Table.Cell(examples(comparison.onlyInFile))])
        }
        if comparison.tiedStoredTwice {
            rows.append([Table.Cell("Tied head stored twice"), Table.Cell(""),
                         Table.Cell(NumberFormat.grouped(comparison.duplicateParameters)), Table.Cell("counted once above")])
        }
        for dtype in summary.dtypes {
            rows.append([Table.Cell("\(dtype.name) tensors"), Table.Cell(""),
                         Table.Cell("\(NumberFormat.grouped(dtype.tensors)) · \(NumberFormat.grouped(dtype.parameters)) elements"),
                         Table.Cell(NumberFormat.gigabytes(dtype.bytes))])
        }
        return [Table(caption: "Checkpoint \(summary.format) (\(summary.files) file\(summary.files == 1 ? "" : "s"))",
                      headers: ["", "Estimate", "File", "File − estimate"],
                      alignments: [.left, .right, .right, .right], rows: rows)]
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
            let dtypes = summary.dtypes.map { dtype in
                (dtype.name, JSONValue.object([("tensors", .int(dtype.tensors)), ("parameters", .int(dtype.parameters)),
                                               ("bytes", .int(dtype.bytes))]))
            }
            return JSONValue.object([
                ("path", .string(summary.path)),
                ("format", .string(summary.format)),
                ("files", .int(summary.files)),
                ("tensors", .int(summary.tensors)),
                ("parameters", .int(summary.parameters)),
                ("bytes", .int(summary.bytes)),
                ("file_type", summary.fileType.map { .int($0) } ?? .null),
                ("dtypes", .object(dtypes)),
            ]).serialized()
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
    /// Memory rows beyond DESIGN's three: Adam in FP32, and compute per token.
    static func memoryExtras(_ model: ModelReport) -> (inference: [[Table.Cell]], other: [[Table.Cell]]) {
        let memory = model.result.memory
        var rows: [[Table.Cell]] = []
        // The question people ask with a download in mind: does the Q4_K_M file fit with the cache?
        if let quantized = model.result.storage.first(where: { $0.format == "q4_k_m" }) {
            // Checked: two figures that each fit can overflow together; then "—", never a wrapped sum.
            let (total, overflow) = quantized.bytes.addingReportingOverflow(memory.kvCacheBytes)
            rows.append([Table.Cell("Inference: GGUF Q4_K_M weights + KV cache")] + (overflow
                ? [Table.Cell("—"), Table.Cell("—"), Table.Cell("—")]
                : [Table.Cell(NumberFormat.grouped(total)), Table.Cell(NumberFormat.gigabytes(total)), Table.Cell(NumberFormat.gibibytes(total))]))
        }
        return (rows, [
            [Table.Cell("Training, Adam all FP32 (4+4+4+4 bytes/parameter, no activations)"),
             Table.Cell(NumberFormat.grouped(memory.trainingFP32Bytes)), Table.Cell(NumberFormat.gigabytes(memory.trainingFP32Bytes)),
             Table.Cell(NumberFormat.gibibytes(memory.trainingFP32Bytes))],
            [Table.Cell("Forward FLOPs per token (2·N + 2·L·context·d_attn)"),
             Table.Cell(NumberFormat.grouped(memory.forwardFlopsPerToken) + " FLOPs"), Table.Cell(""), Table.Cell("")],
            [Table.Cell("Training FLOPs per token (3 × forward)"),
             Table.Cell(NumberFormat.grouped(memory.trainingFlopsPerToken) + " FLOPs"), Table.Cell(""), Table.Cell("")],
        ])
    }
}
