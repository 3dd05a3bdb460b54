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
            out += description.trimmedTrailingNewlines() + "\n\n"
        }
        out += table(ReportTables.summary(list.models, linkPages: false))
        for model in list.models {
            out += "\n" + section(model, level: 2)
        }
        return out
    }

    /// One model's section: the counts, breakdown, storage and memory.
    func section(_ model: ModelReport, level: Int) -> String {
        let hashes = String(repeating: "#", count: level)
        var out = "\(hashes) \(escape(model.name))\n\n"
        if let source = model.entry.source { out += "Source: \(escape(source))\n\n" }
        if let notes = model.entry.notes, !notes.isEmpty { out += notes.trimmedTrailingNewlines() + "\n\n" }
        for table in [ReportTables.parameters(model), ReportTables.breakdown(model), ReportTables.storage(model),
                      ReportTables.memory(model), ReportTables.architecture(model), ReportTables.worked(model)] {
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

    /// Backslash-escapes the characters GFM could read as markup, and newlines that would end a
    /// table row.
    func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "#", "!", "{", "}":
                out.append("\\")
                out.append(character)
            case "\n", "\r", "\r\n":
                out.append(" ")
            default:
                out.append(character)
            }
        }
        return out
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
