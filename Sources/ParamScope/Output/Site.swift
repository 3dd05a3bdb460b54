import Foundation

/// Every file of a report, in memory (for tests; `paramscope report` streams them to the files).
public struct Site: Sendable {
    /// File name → contents, in the order they are written.
    public var files: [(name: String, contents: String)]

    /// Renders `index.md`, `index.html`, a `.md` and `.html` per list, and `report.json`, in memory.
    ///
    /// - Parameters:
    ///   - fragment: body-only HTML (the page's own ids prefixed by its slug) for a site generator to embed.
    ///   - links: how pages link to each other; `nil`, each format to its own files (`.html`, `.md`).
    public static func render(_ report: Report, template: PageTemplate?, fragment: Bool, links: LinkStyle? = nil) throws(RenderError) -> Site {
        try render(report, template: template, fragment: fragment, links: links, partSize: partSize)
    }

    /// - Parameter partSize: models per job (tests check that any size gives the same bytes).
    static func render(_ report: Report, template: PageTemplate?, fragment: Bool, links: LinkStyle? = nil, partSize: Int) throws(RenderError) -> Site {
        let memory = MemorySink()
        let pages = report.lists.map(\.page)
        let streamed = try stream(pages, lists: { list, models in
            var part = report.lists[list]
            part.models = Array(part.models[models])
            return (part, [])
        }, template: template, fragment: fragment, links: links, partSize: partSize, to: memory)
        return Site(files: streamed.files.map { ($0, memory.text($0)) })
    }

    /// What streaming a report left behind: the files to move into place, in order, and what the
    /// index, the warnings and the gate read of each model; or the models that could not be counted.
    struct Streamed {
        var files: [String]
        var summaries: [ModelSummary]
        var problems: [Diagnostic]
    }

    /// Counts and renders a few models at a time and hands every file to `sink` as soon as it
    /// is done, so memory holds the lists in flight, not the report (a 10,000-model report is
    /// over 300 MB of text and its models' values are more).
    ///
    /// Lists are cut into parts of `partSize` models, counted and rendered on every core; a
    /// list's pages are written when its last part is done (its head — the summary table and
    /// chart — needs every model of the list). `report.json` is appended to in part order
    /// whichever finishes first; the index pages come last, from the models' summaries. The
    /// bytes never depend on the order parts finish in.
    ///
    /// - Parameter lists: models `range` of list `i`, counted, and the problems of models that
    ///   could not be.
    /// - Returns: the files written; when any model failed, its problems (in list order) and
    ///   pages not all written — the caller discards them.
    /// - Throws: the first rendering error or the first error the sink threw, in part order.
    static func stream(
        _ pages: [ListPage], lists: @escaping @Sendable (Int, Range<Int>) -> (ListReport, [Diagnostic]),
        template: PageTemplate?, fragment: Bool, links: LinkStyle? = nil, partSize: Int = partSize, to sink: some SiteSink
    ) throws(RenderError) -> Streamed {
        let navigation = Navigation(pages)
        let htmlLinks = links ?? .html, markdownLinks = links ?? .md
        @Sendable func wrap(_ body: [OutputBuffer], title: String, slug: String) throws(RenderError) -> [OutputBuffer] {
            if fragment {
                let head = OutputBuffer(capacity: 32 + fragmentStyle.utf8CodeUnitCount), tail = OutputBuffer(capacity: 16)
                head.append("<div class=\"paramscope\">\n")
                head.append(fragmentStyle)
                tail.append("</div>\n")
                return [head] + body + [tail]
            }
            guard let template else { throw RenderError.noTemplate(page: "\(slug).html") }
            return template.page(title: title, body: body, navigation: navigation.links(onPage: slug, style: htmlLinks))
        }
        let parts = Part.cut(pages, size: max(1, partSize))
        let lastWithModels = parts.lastIndex { !$0.models.isEmpty }
        let modelCount = pages.reduce(0) { $0 + $1.modelNames.count }
        let json = JSONWriter()
        let results = StreamResults(parts: parts, lists: pages.count)
        let document = OrderedAppend(name: "report.json", sink: sink)
        try document.append(0, json.documentHead(pages, modelCount: modelCount))
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            let part = parts[index]
            let (report, problems) = lists(part.list, part.models)
            do throws(RenderError) {
                guard problems.isEmpty, !results.failed else {
                    results.fail(index, problems)
                    return
                }
                let sections = try Self.sections(report, html: HTMLWriter(links: htmlLinks, fragmentOf: fragment ? pages[part.list].slug : nil),
                                                 markdown: MarkdownWriter(links: markdownLinks))
                let models = OutputBuffer(capacity: report.models.count * 8192)
                json.models(report.models, endingDocument: index == lastWithModels, into: models)
                try document.append(index + 1, models)
                // The last part of a list writes its pages.
                guard let list = results.add(index, sections) else { return }
                let page = pages[part.list]
                // The summary table once, for both pages.
                let summary = ReportTables.summary(list.summaries, linkPages: false)
                let markdown = OutputBuffer(capacity: 4096 + list.summaries.count * 256)
                MarkdownWriter(links: markdownLinks).listHead(page, summary: summary, into: markdown)
                var html = HTMLPage(capacity: 8192 + list.summaries.count * 1024)
                try HTMLWriter(links: htmlLinks, fragmentOf: fragment ? page.slug : nil)
                    .listHead(page, models: list.summaries, summary: summary, to: &html)
                try sink.write("\(page.slug).md", [markdown] + list.markdown)
                try sink.write("\(page.slug).html", try wrap([html.bytes] + list.html, title: "\(page.title) — ParamScope", slug: page.slug))
            } catch {
                results.error(index, error)
            }
        }
        if let error = results.firstError { throw error }
        let problems = results.problems
        let summaries = results.summaries
        guard problems.isEmpty else { return Streamed(files: [], summaries: summaries, problems: problems) }
        let tail = OutputBuffer(capacity: 16)
        json.documentTail(modelCount: modelCount, into: tail)
        try document.append(parts.count + 1, tail)
        // The index pages, one per core, from one summary table: a row for every model.
        let summary = ReportTables.summary(summaries, linkPages: true)
        DispatchQueue.concurrentPerform(iterations: 2) { job in
            do throws(RenderError) {
                if job == 0 {
                    try sink.write("index.md", [OutputBuffer(MarkdownWriter(links: markdownLinks).index(pages, summary: summary))])
                } else {
                    let writer = HTMLWriter(links: htmlLinks, fragmentOf: fragment ? "index" : nil)
                    try sink.write("index.html", try wrap([writer.index(pages, models: summaries, summary: summary)],
                                                          title: "Model parameters — ParamScope", slug: "index"))
                }
            } catch {
                results.error(parts.count + job, error)
            }
        }
        if let error = results.firstError { throw error }
        let files = ["index.md", "index.html"] + pages.flatMap { ["\($0.slug).md", "\($0.slug).html"] } + ["report.json"]
        return Streamed(files: files, summaries: summaries, problems: [])
    }

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

    /// Models per part: enough that a part's overhead is noise, few enough that a single list
    /// of a thousand models keeps both cores busy.
    static let partSize = 100

    /// The Markdown and HTML sections of some models of a list, each model's tables built once
    /// for both, and their summaries.
    static func sections(_ list: ListReport, html: HTMLWriter = HTMLWriter(), markdown: MarkdownWriter = MarkdownWriter()) throws(RenderError) -> Sections {
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

    /// Models `models` of list `list`, the `index`-th of its parts.
    struct Part {
        var list: Int
        var models: Range<Int>
        var index: Int
        var count: Int

        /// Every list as parts of at most `size` models; a list without models is one empty part.
        static func cut(_ pages: [ListPage], size: Int) -> [Part] {
            pages.indices.flatMap { list -> [Part] in
                let models = pages[list].modelNames.count
                let count = max(1, (models + size - 1) / size)
                return (0..<count).map { index in
                    Part(list: list, models: (index * size)..<min(models, (index + 1) * size), index: index, count: count)
                }
            }
        }
    }
}

/// Where rendered files go: the staging directory, or memory (tests, `--check`).
protocol SiteSink: Sendable {
    /// A whole file, in pieces to be joined. Called from several threads at once.
    func write(_ name: String, _ pieces: [OutputBuffer]) throws(RenderError)
    /// More of a file written in order (`report.json`): calls for one file come one at a time,
    /// the first creating it.
    func append(_ name: String, _ piece: OutputBuffer) throws(RenderError)
}

/// An `OutputBuffer` is built by one job and then handed over whole, never shared while written.
extension OutputBuffer: @unchecked Sendable {}

/// Pieces of one file that jobs finish in any order, appended to the sink in their order.
private final class OrderedAppend<Sink: SiteSink>: @unchecked Sendable {
    private let name: String
    private let sink: Sink
    private var next = 0
    private var waiting: [Int: OutputBuffer] = [:]
    private let lock = NSLock()

    init(name: String, sink: Sink) {
        self.name = name
        self.sink = sink
    }

    /// Piece `index`; written at once when every earlier piece is, else kept until they are.
    func append(_ index: Int, _ piece: OutputBuffer) throws(RenderError) {
        lock.lock()
        defer { lock.unlock() }
        waiting[index] = piece
        while let ready = waiting.removeValue(forKey: next) {
            try sink.append(name, ready)
            next += 1
        }
    }
}

/// What the parts left behind, under a lock: each list's sections until its last part is
/// done, then its summaries; the problems of models that could not be counted; rendering errors.
private final class StreamResults: @unchecked Sendable {
    private let parts: [Site.Part]
    private var sections: [Int: Site.Sections] = [:]
    private var done: [Int]
    private var summaryLists: [[ModelSummary]]
    private var problemLists: [[Diagnostic]]
    private var errors: [Int: RenderError] = [:]
    private var anyFailed = false
    private let lock = NSLock()

    init(parts: [Site.Part], lists: Int) {
        self.parts = parts
        done = Array(repeating: 0, count: lists)
        summaryLists = Array(repeating: [], count: lists)
        problemLists = Array(repeating: [], count: parts.count)
    }

    /// A model failed somewhere: later parts are still counted (every problem is listed) but
    /// no longer rendered.
    var failed: Bool { lock.withLock { anyFailed } }

    func fail(_ index: Int, _ problems: [Diagnostic]) {
        lock.withLock {
            problemLists[index] = problems
            if !problems.isEmpty { anyFailed = true }
        }
    }

    func error(_ index: Int, _ error: RenderError) { lock.withLock { errors[index] = error } }

    /// Part `index`'s sections; when they complete their list, the list's sections in order.
    func add(_ index: Int, _ part: Site.Sections) -> (markdown: [OutputBuffer], html: [OutputBuffer], summaries: [ModelSummary])? {
        lock.withLock {
            let list = parts[index].list
            sections[index] = part
            done[list] += 1
            guard done[list] == parts[index].count else { return nil }
            let first = index - parts[index].index
            let all = (first..<first + parts[index].count).map { sections.removeValue(forKey: $0)! }
            summaryLists[list] = all.flatMap(\.summaries)
            return (all.map(\.markdown), all.map(\.html), summaryLists[list])
        }
    }

    var summaries: [ModelSummary] { lock.withLock { summaryLists.flatMap { $0 } } }
    var problems: [Diagnostic] { lock.withLock { problemLists.flatMap { $0 } } }
    /// The first part's rendering error.
    var firstError: RenderError? { lock.withLock { errors.min { $0.key < $1.key }?.value } }
}

/// Files collected in memory (`Site.render`, `--check`).
final class MemorySink: SiteSink, @unchecked Sendable {
    private var files: [String: [UInt8]] = [:]
    private let lock = NSLock()

    func write(_ name: String, _ pieces: [OutputBuffer]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { piece.withUnsafeBytes { bytes.append(contentsOf: $0) } }
        lock.withLock { files[name] = bytes }
    }

    func append(_ name: String, _ piece: OutputBuffer) {
        lock.withLock { piece.withUnsafeBytes { files[name, default: []].append(contentsOf: $0) } }
    }

    func bytes(_ name: String) -> [UInt8] { lock.withLock { files[name] ?? [] } }
    func text(_ name: String) -> String { String(decoding: bytes(name), as: UTF8.self) }
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
