import ParamScopeCore

/// Plain text for a terminal: `paramscope estimate` without `--format`, and `inspect`'s tables.
///
/// Text from input (a file name, a tensor name) reaches a terminal here, so every control
/// character but the line feed is written `\u{1B}`, as diagnostics write it.
struct TextWriter {
    func render(_ report: Report) -> String {
        let out = OutputBuffer()
        for model in report.models {
            out.append(string: "\(model.name)  (\(model.entry.spec.architecture), \(model.file))\n")
            var sink = TextTableSink(into: out)
            for kind in [ModelTables.Kind.parameters, .worked, .breakdown, .storage, .memory, .checkpoint] {
                // A blank line before each table; none for a model without a checkpoint.
                if kind == .checkpoint && model.result.checkpoint == nil { continue }
                out.append("\n")
                ModelTables.write(kind, of: model, into: &sink)
            }
            out.append("\n")
        }
        return DiagnosticPrinter.escapingControls(out.string, keepingLines: true)
    }

    /// Columns padded to their widest cell, numbers right-aligned.
    func table(_ table: Table) -> String {
        let out = OutputBuffer()
        var sink = TextTableSink(into: out)
        table.send(to: &sink)
        return DiagnosticPrinter.escapingControls(out.string, keepingLines: true)
    }
}

/// What `paramscope estimate` prints.
public enum EstimateFormat: String, CaseIterable, Sendable {
    case table, markdown, json

    /// The precisions shown when `--precisions` is not given: every one in JSON (a contract for
    /// machines); the short list people ship in a terminal table and in Markdown.
    public var defaultFormats: [StorageFormat] {
        self == .json ? StorageFormat.all : StorageFormat.shipped
    }

    public func render(_ report: Report) -> String {
        switch self {
        case .table: return TextWriter().render(report)
        case .json: return JSONWriter().document(report)
        case .markdown:
            let writer = MarkdownWriter()
            return report.models.map { writer.releaseSection($0, level: 2) }.joined(separator: "\n")
        }
    }
}
