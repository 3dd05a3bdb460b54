import ParamScopeCore

/// What goes into each file of a report, and nothing else: model sections, list heads, the
/// index pages, `report.json`'s parts and the page template around them. The scheduler
/// (`Pipeline.render`) decides when each is rendered; a `SiteSink` where it goes.
struct SitePages: Sendable {
    let pages: [ListPage]
    let template: PageTemplate?
    let fragment: Bool
    private let navigation: Navigation
    private let htmlLinks: LinkStyle, markdownLinks: LinkStyle
    let json = JSONWriter()

    /// - Parameter links: how pages link to each other; `nil`, each format to its own files
    ///   (`.html`, `.md`).
    init(_ pages: [ListPage], template: PageTemplate?, fragment: Bool, links: LinkStyle? = nil) {
        self.pages = pages
        self.template = template
        self.fragment = fragment
        navigation = Navigation(pages)
        htmlLinks = links ?? .html
        markdownLinks = links ?? .md
    }

    /// The HTML writer of page `slug` (a fragment prefixes the page's own ids with it).
    private func htmlWriter(_ slug: String) -> HTMLWriter {
        HTMLWriter(links: htmlLinks, fragmentOf: fragment ? slug : nil)
    }

    private var markdownWriter: MarkdownWriter { MarkdownWriter(links: markdownLinks) }

    var modelCount: Int { pages.reduce(0) { $0 + $1.modelNames.count } }

    /// The Markdown and HTML sections of some models of a list, each model's tables built once
    /// for both, and their summaries.
    func sections(_ list: ListReport) throws(RenderError) -> Sections {
        let markdown = markdownWriter, html = htmlWriter(list.slug)
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
        markdownWriter.listHead(page, summary: summary, into: markdown)
        var html = HTMLPage(capacity: 8192 + summaries.count * 1024)
        try htmlWriter(page.slug).listHead(page, models: summaries, summary: summary, to: &html)
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
        if job == 0 { return ("index.md", [OutputBuffer(markdownWriter.index(pages, summary: summary))]) }
        let body = htmlWriter("index").index(pages, models: summaries, summary: summary)
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
            let head = OutputBuffer(capacity: 32 + Self.fragmentStyle.utf8CodeUnitCount), tail = OutputBuffer(capacity: 16)
            head.append("<div class=\"paramscope\">\n")
            head.append(Self.fragmentStyle)
            tail.append("</div>\n")
            return [.bytes(head)] + body + [.bytes(tail)]
        }
        guard let template else { throw RenderError.noTemplate(page: "\(slug).html") }
        let nav = navigation.links(onPage: slug, style: htmlLinks)
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

extension SitePages {
    /// What a fragment carries instead of our stylesheet, so that it looks right in any docs
    /// theme: numbers right-aligned, numbers and the summary's model names on one line, wide
    /// tables and charts scrolling inside the page, captions and model headings as in our pages;
    /// every rule scoped to `.paramscope`. Chart colours need no rule: they are attributes of the
    /// shapes, text takes the theme's colour (`currentColor`), and each chart scales itself down
    /// (`max-width` on the `<svg>`).
    static let fragmentStyle: StaticString = """
        <style>
        .paramscope .num { text-align: right !important; white-space: nowrap; }
        .paramscope .table td:first-child a { white-space: nowrap; }
        .paramscope .table, .paramscope figure.chart { overflow-x: auto; margin: 1rem 0; }
        .paramscope caption { text-align: left; font-weight: 600; }
        .paramscope h2 a.anchor { color: inherit; text-decoration: none; }
        .paramscope nav.contents ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
        </style>

        """
}


/// A piece of a page laid out for a sink: bytes, or the model sections the sink was handed.
enum PagePiece: Sendable {
    case bytes(OutputBuffer)
    case sections
}

/// The page navigation of the HTML template: every page while there are few, else a window —
/// a page list on every page of a 10,000-list report was O(lists²) bytes (minutes, gigabytes).
struct Navigation: Sendable {
    /// Up to this many lists, every page links every list.
    static let fullLimit = 50

    private let entries: [(title: String, slug: String)]
    private let position: [String: Int]

    init(_ pages: [ListPage]) {
        entries = [("All models", "index")] + pages.map { ($0.title, $0.slug) }
        position = Dictionary(entries.enumerated().map { ($0.element.slug, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// The links on page `slug`: all of them up to `fullLimit` lists; past it, All models and
    /// the previous, current and next list (the index page's body links every list).
    func links(onPage slug: String, style: LinkStyle) -> [(title: String, href: String, current: Bool)] {
        let shown: [(title: String, slug: String)]
        if entries.count - 1 <= Self.fullLimit {
            shown = entries
        } else {
            let here = position[slug] ?? 0
            let window = Set([0, here - 1, here, here + 1].filter { $0 >= 0 && $0 < entries.count })
            shown = window.sorted().map { entries[$0] }
        }
        let from = PageLinks(style: style, fromIndex: slug == "index")
        return shown.map { (title: $0.title, href: from.href(page: $0.slug), current: $0.slug == slug) }
    }
}
