import ParamScopeCore

/// What goes into each file of a report, and nothing else: model sections, list heads, the
/// index pages, `report.json`'s parts and the page template around them. The scheduler
/// (`Pipeline.render`) decides when each is rendered; a `SiteSink` where it goes.
struct SitePages: Sendable {
    let pages: [ListPage]
    let template: PageTemplate?
    let fragment: Bool
    private let navigation: [(title: String, slug: String)]
    let json = JSONWriter()

    init(_ pages: [ListPage], template: PageTemplate?, fragment: Bool) {
        self.pages = pages
        self.template = template
        self.fragment = fragment
        navigation = [("All models", "index")] + pages.map { ($0.title, $0.slug) }
    }

    var modelCount: Int { pages.reduce(0) { $0 + $1.modelNames.count } }

    /// The Markdown and HTML sections of some models of a list, each model's tables built once
    /// for both, and their summaries.
    func sections(_ list: ListReport) throws(RenderError) -> Sections {
        let markdown = MarkdownWriter(), html = HTMLWriter()
        let markdownPage = OutputBuffer(capacity: list.models.count * 8192)
        var htmlPage = HTMLPage(capacity: list.models.count * 24_576)
        var summaries: [ModelSummary] = []
        summaries.reserveCapacity(list.models.count)
        // One loop for the sections and the summaries: a model taken out of the array is a copy
        // (its inventory, storage and worked arrays: ~4,000 instructions to make and ~3,000 to
        // free), and so is each `models[index]` passed to a call; `map` was a second loop's copy.
        for model in list.models {
            markdownPage.append("\n")
            markdown.section(model, level: 2, into: markdownPage)
            try html.appendSection(model, to: &htmlPage)
            summaries.append(ModelSummary(model))
        }
        return Sections(markdown: markdownPage, html: htmlPage.bytes, summaries: summaries)
    }

    /// Rendered sections: a cmark page's every block ends its line, so sections rendered apart
    /// join into the bytes one page would have held.
    struct Sections {
        var markdown: OutputBuffer
        var html: OutputBuffer
        var summaries: [ModelSummary]
    }

    /// A list's two pages once every model is in (their heads — the summary table and chart —
    /// need all of them): each page's layout around the sections already handed to the sink.
    ///
    /// - Parameter sections: the HTML sections of a page, whole, for a template that transforms
    ///   the body (the fast path never asks).
    func listPages(
        _ index: Int, summaries: [ModelSummary], sections: (String) throws(RenderError) -> OutputBuffer
    ) throws(RenderError) -> [(name: String, layout: [PagePiece])] {
        let page = pages[index]
        // The summary table once, for both pages.
        let summary = ReportTables.summary(summaries, linkPages: false)
        let markdown = OutputBuffer(capacity: 4096 + summaries.count * 256)
        MarkdownWriter().listHead(page, summary: summary, into: markdown)
        var html = HTMLPage(capacity: 8192 + summaries.count * 1024)
        try HTMLWriter().listHead(page, models: summaries, summary: summary, to: &html)
        let htmlName = "\(page.slug).html"
        let body: [PagePiece] = [.bytes(html.bytes), .sections]
        return [("\(page.slug).md", [.bytes(markdown), .sections]),
                (htmlName, try wrap(body, title: "\(page.title) — ParamScope", slug: page.slug) { () throws(RenderError) in
                    let whole = OutputBuffer(capacity: html.bytes.count)
                    whole.append(buffer: html.bytes)
                    whole.append(buffer: try sections(htmlName))
                    return whole
                })]
    }

    /// `index.md` (job 0) or `index.html` (job 1), from one summary table: a row for every model.
    func indexPage(_ job: Int, summaries: [ModelSummary], summary: Table) throws(RenderError) -> (name: String, pieces: [OutputBuffer]) {
        if job == 0 { return ("index.md", [OutputBuffer(MarkdownWriter().index(pages, summary: summary))]) }
        let body = HTMLWriter().index(pages, models: summaries, summary: summary)
        let layout = try wrap([.bytes(body)], title: "Model parameters — ParamScope", slug: "index") { body }
        return ("index.html", layout.map { piece in
            guard case .bytes(let bytes) = piece else { return OutputBuffer(capacity: 0) }
            return bytes
        })
    }

    /// An HTML body as a whole page (the template around it, the stylesheet inlined) or a
    /// `--fragment` (a `<div>` around it).
    ///
    /// - Parameter whole: the body as one buffer, for a template that prints it transformed.
    private func wrap(
        _ body: [PagePiece], title: String, slug: String, whole: () throws(RenderError) -> OutputBuffer
    ) throws(RenderError) -> [PagePiece] {
        if fragment {
            return [.bytes(OutputBuffer("<div class=\"paramscope\">\n"))] + body + [.bytes(OutputBuffer("</div>\n"))]
        }
        guard let template else { throw RenderError.noTemplate(page: "\(slug).html") }
        let nav = navigation.map { (title: $0.title, href: "\($0.slug).html", current: $0.slug == slug) }
        guard let frame = template.frame(title: title, navigation: nav) else {
            return [.bytes(OutputBuffer(template.page(title: title, body: try whole().string, navigation: nav)))]
        }
        var layout: [PagePiece] = []
        for (index, part) in frame.enumerated() {
            if index > 0 { layout += body }
            layout.append(.bytes(part))
        }
        return layout
    }
}

/// A piece of a page laid out for a sink: bytes, or the model sections the sink was handed.
enum PagePiece: Sendable {
    case bytes(OutputBuffer)
    case sections
}
