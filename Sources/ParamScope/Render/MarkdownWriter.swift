import ParamScopeCore

/// GitHub-flavoured Markdown: pipe tables for release notes and `reports/*.md`.
///
/// Text a user wrote is escaped so it shows as text: a `|` in a model name cannot break a table.
struct MarkdownWriter {
    /// The index page: every model, one row each, and the lists.
    func index(_ lists: [ListPage], summary: Table) -> String {
        var out = "# Model parameters\n\n"
        out += "Exact, architecture-aware parameter counts beside the seed estimate 12·L·h² + V·h and the published figures. "
        out += "Deviation is (exact − published) / published; ✓ marks a published figure that the exact count rounds or truncates to.\n\n"
        out += table(summary)
        out += "\n## Config lists\n\n"
        for list in lists {
            let count = list.modelNames.count
            out += "- [\(escape(list.title))](\(list.slug).md) — \(count) model\(count == 1 ? "" : "s") from `\(code(list.file))`\n"
        }
        return out
    }

    /// A list page up to its first model section.
    func listHead(_ list: ListPage, summary: Table, into out: OutputBuffer) {
        out.append("# ")
        append(escaping: list.title, to: out)
        out.append("\n\n[All models](index.md) · from `")
        out.append(string: code(list.file))
        out.append("`\n\n")
        if let description = list.description, !description.isEmpty {
            out.append(string: MarkdownProse.safe(description.trimmedTrailingNewlines()))
            out.append("\n\n")
        }
        table(summary, into: out)
    }

    /// One model's section: the counts, breakdown, storage and memory.
    ///
    /// An explicit anchor precedes the heading: renderers make their own heading ids (GitHub
    /// drops the dots of "Llama-3.1-8B"), and the summary links to the report's slug.
    func section(_ model: ModelReport, level: Int) -> String {
        let out = OutputBuffer()
        section(model, level: level, into: out)
        return out.string
    }

    func section(_ model: ModelReport, level: Int, into out: OutputBuffer) {
        out.append("<a id=\"")
        out.append(string: model.anchor)
        out.append("\"></a>\n\n")
        for _ in 0..<level { out.append(byte: UInt8(ascii: "#")) }
        out.append(" ")
        append(escaping: model.name, to: out)
        out.append("\n\n")
        if let source = model.entry.source {
            out.append("Source: ")
            append(escaping: source, to: out)
            out.append("\n\n")
        }
        if let figure = model.entry.published?.source, figure != model.entry.source {
            out.append("Published figure: ")
            append(escaping: figure, to: out)
            out.append("\n\n")
        }
        if let notes = model.entry.notes, !notes.isEmpty {
            out.append(string: MarkdownProse.safe(notes.trimmedTrailingNewlines()))
            out.append("\n\n")
        }
        var sink = MarkdownTableSink(into: out)
        for kind in ModelTables.Kind.allCases {
            ModelTables.write(kind, of: model, into: &sink)
        }
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
        let tables = OutputBuffer()
        var sink = MarkdownTableSink(into: tables)
        for kind in [ModelTables.Kind.parameters, .storage, .memory, .checkpoint] {
            ModelTables.write(kind, of: model, into: &sink)
        }
        return out + tables.string
    }

    /// A GFM pipe table.
    func table(_ table: Table) -> String {
        let out = OutputBuffer()
        self.table(table, into: out)
        return out.string
    }

    func table(_ table: Table, into out: OutputBuffer) {
        var sink = MarkdownTableSink(into: out)
        table.send(to: &sink)
    }

    /// `[text](page.md#anchor)`: the text escaped, the target a page of the report and an anchor.
    func append(link text: String, to link: Table.Link, into out: OutputBuffer) {
        out.append("[")
        append(escaping: text, to: out)
        out.append("](")
        if let page = link.page {
            out.append(string: page)
            out.append(".md")
        }
        if let anchor = link.anchor {
            out.append("#")
            out.append(string: anchor)
        }
        out.append(")")
    }

    /// `escape(_:)`, written straight into a buffer.
    @inline(__always)
    func append(escaping text: String, to out: OutputBuffer) {
        out.append(string: text, escaping: Self.escaped, Self.replacement)
    }

    /// Backslash-escapes the characters GFM could read as markup, and turns line breaks (which
    /// would end a table row) into spaces.
    func escape(_ text: String) -> String {
        ByteEscaper.escape(text, Self.escaped, Self.replacement)
    }

    /// The bytes `replacement` changes.
    static let escaped = ByteSet(ByteSet.controls + Array("\\`*_[]<>|~&#!{}\n\r".utf8))

    static func replacement(_ byte: UInt8) -> StaticString? {
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
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: return "\u{FFFD}"
        default: return nil
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
