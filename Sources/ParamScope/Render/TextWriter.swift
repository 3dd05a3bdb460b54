import ParamScopeCore

/// Plain text for a terminal: `paramscope estimate` without `--format`.
struct TextWriter {
    func render(_ report: Report) -> String {
        var out = ""
        for model in report.models {
            out += "\(model.name)  (\(model.entry.spec.architecture), \(model.file))\n"
            for table in [ReportTables.parameters(model), ReportTables.worked(model), ReportTables.breakdown(model),
                          ReportTables.storage(model), ReportTables.memory(model)] + ReportTables.checkpointTables(model) {
                out += "\n" + self.table(table)
            }
            out += "\n"
        }
        return out
    }

    /// Columns padded to their widest cell, numbers right-aligned.
    func table(_ table: Table) -> String {
        let rows = [table.headers] + table.rows.map { $0.map(\.text) }
        var widths = [Int](repeating: 0, count: table.headers.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        var out = table.caption.map { "  \($0)\n" } ?? ""
        for (rowIndex, row) in rows.enumerated() {
            var line = "  "
            for (index, cell) in row.enumerated() where index < widths.count {
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                line += table.alignments[index] == .right ? padding + cell : cell + padding
                line += "  "
            }
            out += line.trimmedTrailingNewlines() + "\n"
            if rowIndex == 0 {
                out += "  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
            }
        }
        return out
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
