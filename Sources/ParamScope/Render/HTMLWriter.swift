/// HTML bodies: user prose rendered by cmark in its safe mode, generated blocks written directly.
///
/// The page is what cmark would print for a document of custom blocks (our escaped HTML, printed
/// verbatim, each on its own lines) and parsed prose; building it in one byte buffer, with cmark
/// called only on the prose, is what lets 10,000 model sections render in well under a second
/// (see `HTMLPage`). Anchors: one slug per model section (the same in a whole page and a
/// `--fragment`), and the page's own ids (`top`, `lists`, the list and index charts) — prefixed
/// by the page's slug in a fragment (see `PageIDs`).
struct HTMLWriter {
    /// How links to the other pages of the report are written (`--links`).
    let links: LinkStyle
    /// Put before the page's own ids: empty on a whole page, `llama-` in `llama.html`'s fragment.
    let idPrefix: String

    /// The writer for page `slug` (`index` for the index) of a whole site or of fragments.
    init(links: LinkStyle = .html, fragmentOf slug: String? = nil) {
        self.links = links
        idPrefix = slug.map { "\($0)-" } ?? ""
    }

    /// One of the page's own ids (`top`), as this page writes it.
    private func appendID(_ name: StaticString, into out: OutputBuffer) {
        out.append(string: idPrefix)
        out.append(name)
    }

    /// The index body: every model, the distance-from-published chart, and the lists.
    func index(_ lists: [ListPage], models: [ModelSummary], summary: Table) -> OutputBuffer {
        var page = HTMLPage(capacity: 4096 + models.count * 1024)
        page.block { out in
            out.append("<h1 id=\"")
            appendID("top", into: out)
            out.append("\">Model parameters</h1>")
        }
        page.block { out in
            out.append("<p class=\"lede\">Exact, architecture-aware parameter counts beside the seed estimate ")
            out.append("12·L·h² + V·h and the published figures, for ")
            count(models.count, "model", into: out)
            out.append(" in ")
            count(lists.count, "config list", into: out)
            out.append(". Deviation is (exact − published) / published; ")
            out.append("✓ marks a published figure that the exact count rounds or truncates to.</p>")
        }
        let pageLinks = PageLinks(style: links, fromIndex: true)
        page.block { out in table(summary, links: pageLinks, into: out) }
        if let chart = ReportCharts.deviation(models, id: idPrefix + "deviation-chart") {
            page.block { out in chart.render(into: out) }
        }
        page.block { out in
            out.append("<h2 id=\"")
            appendID("lists", into: out)
            out.append("\">Config lists</h2>\n<ul class=\"lists\">\n")
            for list in lists {
                out.append("<li><a href=\"")
                pageLinks.append(page: list.slug, into: out)
                out.append("\">")
                out.append(html: list.title)
                out.append("</a> — ")
                count(list.modelNames.count, "model", into: out)
                out.append(" from <code>")
                out.append(html: list.file)
                out.append("</code></li>\n")
            }
            out.append("</ul>")
        }
        return page.bytes
    }

    /// A list page up to its first model section.
    func listHead(_ list: ListPage, models: [ModelSummary], summary: Table, to page: inout HTMLPage) throws(RenderError) {
        page.block { out in
            out.append("<h1 id=\"")
            appendID("top", into: out)
            out.append("\">")
            out.append(html: list.title)
            out.append("</h1>")
        }
        page.block { out in
            out.append("<p class=\"meta\">")
            count(models.count, "model", into: out)
            out.append(" from <code>")
            out.append(html: list.file)
            out.append("</code></p>")
        }
        if let description = list.description, !description.isEmpty {
            try page.markdown(description, of: "the description of \(list.file)")
        }
        if models.count > 1 {
            page.block { out in
                out.append("<nav class=\"contents\" aria-label=\"Models on this page\"><ul>\n")
                for model in models {
                    out.append("<li><a href=\"#")
                    out.append(html: model.anchor)
                    out.append("\">")
                    out.append(html: model.name)
                    out.append("</a></li>\n")
                }
                out.append("</ul></nav>")
            }
        }
        page.block { out in table(summary, links: PageLinks(style: links, fromIndex: false), into: out) }
        if let chart = ReportCharts.comparison(models, id: idPrefix + "comparison-chart") {
            page.block { out in chart.render(into: out) }
        }
    }

    /// One model's section: a custom block around the user's notes (rendered by cmark).
    func appendSection(_ model: ModelReport, to page: inout HTMLPage) throws(RenderError) {
        page.block { out in
            out.append("<section class=\"model\" id=\"")
            out.append(html: model.anchor)
            out.append("\">\n<h2><a class=\"anchor\" href=\"#")
            out.append(html: model.anchor)
            out.append("\">")
            out.append(html: model.name)
            out.append("</a></h2>\n<p class=\"meta\">")
            out.append(html: model.entry.spec.architecture)
            if let source = model.entry.source {
                out.append(" · Source: ")
                out.append(html: source)
            }
            if let figure = model.entry.published?.source, figure != model.entry.source {
                out.append(" · Published figure: ")
                out.append(html: figure)
            }
            out.append("</p>")
        }
        if let notes = model.entry.notes, !notes.isEmpty {
            try page.markdown(notes, of: "the notes of model \"\(model.name)\"")
        }
        page.block { out in
            var sink = HTMLTableSink(into: out)
            ModelTables.write(.parameters, of: model, into: &sink)
            ModelTables.write(.worked, of: model, into: &sink)
            pair(ReportCharts.breakdown(model), .breakdown, of: model, into: &sink)
            pair(ReportCharts.storage(model), .storage, of: model, into: &sink)
            ModelTables.write(.memory, of: model, into: &sink)
            ModelTables.write(.architecture, of: model, into: &sink)
            ModelTables.write(.checkpoint, of: model, into: &sink)
            out.append("<p class=\"top\"><a href=\"#")
            appendID("top", into: out)
            out.append("\">↑ Top of the page</a></p>\n</section>")
        }
    }

    /// A chart beside the table it pictures (side by side on a wide screen).
    private func pair(
        _ chart: SVGChart, _ kind: ModelTables.Kind, of model: ModelReport, into sink: inout HTMLTableSink
    ) {
        sink.out.append("<div class=\"pair\">\n")
        chart.render(into: sink.out)
        ModelTables.write(kind, of: model, into: &sink)
        sink.out.append("</div>\n")
    }

    private func count(_ value: Int, _ noun: StaticString, into out: OutputBuffer) {
        out.append(grouped: value)
        out.append(byte: UInt8(ascii: " "))
        out.append(noun)
        if value != 1 { out.append(byte: UInt8(ascii: "s")) }
    }

    /// A generated table, every cell escaped.
    func table(_ table: Table) -> String {
        let out = OutputBuffer()
        self.table(table, links: PageLinks(style: links, fromIndex: false), into: out)
        return out.string
    }

    /// - Parameter links: how a cell's link to another page is written.
    func table(_ table: Table, links: PageLinks, into out: OutputBuffer) {
        var sink = HTMLTableSink(into: out, links: links)
        table.send(to: &sink)
    }
}
