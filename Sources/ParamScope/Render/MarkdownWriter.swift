import ParamScopeCore

/// GitHub-flavoured Markdown: pipe tables for release notes and `reports/*.md`.
///
/// Text a user wrote is escaped so it shows as text: a `|` in a model name cannot break a table.
struct MarkdownWriter {
    /// How links to the other pages of the report are written (`--links`; `.md` files by default).
    var links: LinkStyle = .md

    /// The index page: every model, one row each, and the lists.
    func index(_ lists: [ListPage], summary: Table) -> String {
        var out = "# Model parameters\n\n"
        out += "Exact, architecture-aware parameter counts beside the seed estimate 12·L·h² + V·h and the published figures. "
        out += "Deviation is (exact − published) / published; ✓ marks a published figure that the exact count rounds or truncates to.\n\n"
        let pageLinks = PageLinks(style: links, fromIndex: true)
        let summaryTable = OutputBuffer()
        table(summary, links: pageLinks, into: summaryTable)
        out += summaryTable.string
        out += "\n## Config lists\n\n"
        for list in lists {
            let count = list.modelNames.count
            out += "- [\(escape(list.title))](\(pageLinks.href(page: list.slug))) — \(count) model\(count == 1 ? "" : "s") from `\(code(list.file))`\n"
        }
        return out
    }

    /// A list page up to its first model section.
    func listHead(_ list: ListPage, summary: Table, into out: OutputBuffer) {
        out.append("# ")
        append(escaping: list.title, to: out)
        out.append("\n\n[All models](")
        let pageLinks = PageLinks(style: links, fromIndex: false)
        pageLinks.append(page: "index", into: out)
        out.append(") · from `")
        out.append(string: code(list.file))
        out.append("`\n\n")
        if let description = list.description, !description.isEmpty {
            out.append(string: MarkdownProse.safe(description.trimmedTrailingNewlines()))
            out.append("\n\n")
        }
        table(summary, links: pageLinks, into: out)
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
            append(linkingURLs: source, to: out)
            out.append("\n\n")
        }
        if let figure = model.entry.published?.source, figure != model.entry.source {
            out.append("Published figure: ")
            append(linkingURLs: figure, to: out)
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
        if let source = model.entry.source {
            let line = OutputBuffer()
            append(linkingURLs: source, to: line)
            out += "Source: \(line.string)\n\n"
        }
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
        self.table(table, links: PageLinks(style: links, fromIndex: false), into: out)
        return out.string
    }

    /// - Parameter links: how a cell's link to another page is written.
    func table(_ table: Table, links: PageLinks, into out: OutputBuffer) {
        var sink = MarkdownTableSink(into: out, links: links)
        table.send(to: &sink)
    }

    /// `[text](target)`: the text escaped; the target another page of the report (as `links`
    /// writes it) or an anchor on this one.
    func append(link text: String, to link: Table.Link, links: PageLinks, into out: OutputBuffer) {
        out.append("[")
        append(escaping: text, to: out)
        out.append("](")
        if let page = link.page {
            links.append(page: page, anchor: link.anchor, into: out)
        } else if let anchor = link.anchor {
            out.append("#")
            out.append(string: anchor)
        }
        out.append(")")
    }

    /// `escape(_:)`, except that each `http://` or `https://` URL in `text` is written as an
    /// autolink `<…>`, verbatim: GFM keeps a backslash escape inside a bare URL it links
    /// (`x\_y` would link to `x%5C_y`), and reads nothing inside `<…>` as markup.
    ///
    /// A URL ends at a space, a control character, `<`, `>`, `"` or `` ` ``; trailing `.,:;!?'*_~`
    /// and a `)` without its `(` are left out of it, as GFM's autolinks leave them.
    func append(linkingURLs text: String, to out: OutputBuffer) {
        var rest = Substring(text)
        // Most sources hold no URL: escaped as they are, with no copy.
        guard Self.urlStart(in: rest) != nil else { return append(escaping: text, to: out) }
        while let start = Self.urlStart(in: rest) {
            append(escaping: String(rest[..<start]), to: out)
            let end = Self.urlEnd(rest[start...])
            out.append("<")
            out.append(substring: rest[start..<end])
            out.append(">")
            rest = rest[end...]
        }
        append(escaping: String(rest), to: out)
    }

    /// Where the first URL of `text` starts: `http://` or `https://` at the start of a word,
    /// followed by at least one character of a host.
    private static func urlStart(in text: Substring) -> Substring.Index? {
        var search = text.startIndex
        while let match = text[search...].firstRange(of: "http") {
            let before = match.lowerBound == text.startIndex ? nil : text[text.index(before: match.lowerBound)]
            let atWordStart = before.map { !$0.isLetter && !$0.isNumber } ?? true
            let after = text[match.upperBound...]
            let scheme = after.hasPrefix("s://") ? 4 : after.hasPrefix("://") ? 3 : 0
            if atWordStart, scheme > 0 {
                let host = after.dropFirst(scheme)
                if let first = host.first, first.isLetter || first.isNumber { return match.lowerBound }
            }
            search = match.upperBound
        }
        return nil
    }

    /// The end of the URL starting `text`.
    private static func urlEnd(_ text: Substring) -> Substring.Index {
        var end = text.firstIndex { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true
            || "<>\"`".contains($0) } ?? text.endIndex
        while end > text.startIndex {
            let last = text[text.index(before: end)]
            let url = text[..<end]
            if ".,:;!?'*_~".contains(last)
                || last == ")" && url.filter({ $0 == ")" }).count > url.filter({ $0 == "(" }).count {
                end = text.index(before: end)
            } else {
                break
            }
        }
        return end
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

    /// Text inside a code span: backticks would end it; control characters are shown as U+FFFD.
    private func code(_ text: String) -> String {
        PageTemplate.visible(text.replacing("`", with: "'").replacing("\n", with: " "))
    }
}

extension String {
    func trimmedTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last.isNewline || last == " " { s = s.dropLast() }
        return String(s)
    }
}
