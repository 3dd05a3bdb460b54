import ParamScopeCore

/// GitHub-flavoured Markdown: pipe tables for release notes and `reports/*.md`.
///
/// Text a user wrote is escaped so it shows as text: a `|` in a model name cannot break a table.
struct MarkdownWriter {
    /// The index page: every model, one row each, and the lists.
    func index(_ report: Report) -> String {
        var out = "# Model parameters\n\n"
        out += "Exact, architecture-aware parameter counts beside the seed estimate 12·L·h² + V·h and the published figures. "
        out += "Deviation is (exact − published) / published; ✓ marks a published figure that the exact count rounds or truncates to.\n\n"
        out += table(ReportTables.summary(report.models, linkPages: true))
        out += "\n## Config lists\n\n"
        for list in report.lists {
            out += "- [\(escape(list.title))](\(list.slug).md) — \(list.models.count) model\(list.models.count == 1 ? "" : "s") from `\(code(list.file))`\n"
        }
        return out
    }

    /// A config list's page: summary, then a section per model.
    func listPage(_ list: ListReport) -> String {
        var out = "# \(escape(list.title))\n\n"
        out += "[All models](index.md) · from `\(code(list.file))`\n\n"
        if let description = list.description, !description.isEmpty {
            out += MarkdownProse.safe(description.trimmedTrailingNewlines()) + "\n\n"
        }
        out += table(ReportTables.summary(list.models, linkPages: false))
        for model in list.models {
            out += "\n" + section(model, level: 2)
        }
        return out
    }

    /// One model's section: the counts, breakdown, storage and memory.
    ///
    /// An explicit anchor precedes the heading: renderers make their own heading ids (GitHub
    /// drops the dots of "Llama-3.1-8B"), and the summary links to the report's slug.
    func section(_ model: ModelReport, level: Int) -> String {
        let hashes = String(repeating: "#", count: level)
        var out = "<a id=\"\(model.anchor)\"></a>\n\n\(hashes) \(escape(model.name))\n\n"
        if let source = model.entry.source { out += "Source: \(escape(source))\n\n" }
        if let figure = model.entry.published?.source, figure != model.entry.source {
            out += "Published figure: \(escape(figure))\n\n"
        }
        if let notes = model.entry.notes, !notes.isEmpty { out += MarkdownProse.safe(notes.trimmedTrailingNewlines()) + "\n\n" }
        for table in [ReportTables.parameters(model), ReportTables.worked(model), ReportTables.breakdown(model),
                      ReportTables.storage(model), ReportTables.memory(model), ReportTables.architecture(model)]
            + ReportTables.checkpointTables(model) {
            out += "**\(escape(table.caption ?? ""))**\n\n" + self.table(table) + "\n"
        }
        return out
    }

    /// The release-notes section of `estimate --format markdown`: one sentence with the count and
    /// how it compares, then parameters, weights in the precisions the report was asked for, and memory.
    func releaseSection(_ model: ModelReport, level: Int) -> String {
        let hashes = String(repeating: "#", count: level)
        let result = model.result
        var out = "\(hashes) \(escape(model.name))\n\n"
        out += "**\(NumberFormat.grouped(result.total)) parameters** (\(NumberFormat.parameters(result.total)))"
        if result.active != result.total {
            out += ", \(NumberFormat.grouped(result.active)) (\(NumberFormat.parameters(result.active))) active per token"
        }
        if let published = model.entry.published, let deviation = result.deviation {
            out += "; published as \(escape(published.total.text)), "
            out += deviation.consistent ? "consistent with the exact count" : "not consistent with the exact count"
            out += " (deviation \(NumberFormat.percent(deviation.relative)))"
        }
        out += ".\n\n"
        if let source = model.entry.source { out += "Source: \(escape(source))\n\n" }
        if let notes = model.entry.notes, !notes.isEmpty { out += MarkdownProse.safe(notes.trimmedTrailingNewlines()) + "\n\n" }
        for table in [ReportTables.parameters(model), ReportTables.storage(model), ReportTables.memory(model)]
            + ReportTables.checkpointTables(model) {
            out += "**\(escape(table.caption ?? ""))**\n\n" + self.table(table) + "\n"
        }
        return out
    }

    /// A GFM pipe table.
    func table(_ table: Table) -> String {
        var out = "| " + table.headers.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + table.alignments.map { $0 == .right ? " ---: |" : " --- |" }.joined() + "\n"
        for row in table.rows {
            out += "| " + row.map(cell).joined(separator: " | ") + " |\n"
        }
        return out
    }

    private func cell(_ cell: Table.Cell) -> String {
        var text = escape(cell.text)
        if let link = cell.link {
            let target = (link.page.map { "\($0).md" } ?? "") + (link.anchor.map { "#\($0)" } ?? "")
            text = "[\(text)](\(target))"
        }
        return cell.strong ? "**\(text)**" : text
    }

    /// Backslash-escapes the characters GFM could read as markup, and turns line breaks (which
    /// would end a table row) into spaces.
    func escape(_ text: String) -> String {
        ByteEscaper.escape(text) { byte in
            switch byte {
            case UInt8(ascii: "\\"): return "\\\\"
            case UInt8(ascii: "`"): return "\\`"
            case UInt8(ascii: "*"): return "\\*"
            case UInt8(ascii: "_"): return "\\_"
            case UInt8(ascii: "["): return "\\["
            case UInt8(ascii: "]"): return "\\]"
            case UInt8(ascii: "<"): return "\\<"
            case UInt8(ascii: ">"): return "\\>"
            case UInt8(ascii: "|"): return "\\|"
            case UInt8(ascii: "~"): return "\\~"
            case UInt8(ascii: "&"): return "\\&"
            case UInt8(ascii: "#"): return "\\#"
            case UInt8(ascii: "!"): return "\\!"
            case UInt8(ascii: "{"): return "\\{"
            case UInt8(ascii: "}"): return "\\}"
            case UInt8(ascii: "\n"): return " "
            case UInt8(ascii: "\r"): return " "
            default: return nil
            }
        }
    }

    /// Text inside a code span: backticks would end it.
    private func code(_ text: String) -> String {
        text.replacing("`", with: "'").replacing("\n", with: " ")
    }
}

extension String {
    func trimmedTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last.isNewline || last == " " { s = s.dropLast() }
        return String(s)
    }
}
