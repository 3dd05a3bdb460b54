import Foundation

/// Every file of a report, rendered in memory: nothing touches the disk until all are done.
public struct Site: Sendable {
    /// File name → contents, in the order they are written.
    public var files: [(name: String, contents: String)]

    /// Renders `index.md`, `index.html`, a `.md` and `.html` per list, and `report.json`.
    ///
    /// The pages are independent, so they are rendered on every core (the index and JSON as two
    /// more jobs beside the lists); each lands in its own slot, so the files and their order are
    /// the same as rendering them one after another.
    ///
    /// - Parameter fragment: body-only HTML (same anchors) for a site generator to embed.
    public static func render(_ report: Report, template: PageTemplate?, fragment: Bool) throws(RenderError) -> Site {
        let navigation: [(title: String, slug: String)] = [("All models", "index")] + report.lists.map { ($0.title, $0.slug) }
        @Sendable func wrap(_ body: String, title: String, slug: String) throws(RenderError) -> String {
            if fragment { return "<div class=\"paramscope\">\n\(body)</div>\n" }
            guard let template else { throw RenderError("no page template loaded") }
            let nav = navigation.map { (title: $0.title, href: "\($0.slug).html", current: $0.slug == slug) }
            return template.page(title: title, body: body, navigation: nav)
        }
        // Job 0: the index pages; job 1: report.json; job 2 + i: list i's two pages.
        let jobs = report.lists.count + 2
        let results = Slots<Result<[(String, String)], RenderError>>(count: jobs)
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
            let result = Result { () throws(RenderError) -> [(String, String)] in
                switch job {
                case 0:
                    return [("index.md", MarkdownWriter().index(report)),
                            ("index.html", try wrap(try HTMLWriter().index(report), title: "Model parameters — ParamScope", slug: "index"))]
                case 1:
                    return [("report.json", JSONWriter().document(report))]
                default:
                    let list = report.lists[job - 2]
                    let (markdown, html) = try listPages(list)
                    return [("\(list.slug).md", markdown),
                            ("\(list.slug).html", try wrap(html, title: "\(list.title) — ParamScope", slug: list.slug))]
                }
            }
            results.set(job, result)
        }
        var files: [(String, String)] = []
        for job in [0] + Array(2..<jobs) + [1] {
            switch results.get(job) {
            case .success(let pages): files += pages
            case .failure(let error): throw error
            case nil: throw RenderError("a page was not rendered")
            }
        }
        return Site(files: files)
    }

    /// A list's Markdown and HTML pages, each model's tables built once for both.
    static func listPages(_ list: ListReport) throws(RenderError) -> (markdown: String, html: String) {
        let markdown = MarkdownWriter(), html = HTMLWriter()
        var markdownPage = OutputBuffer(capacity: 4096 + list.models.count * 8192)
        var htmlPage = HTMLPage(capacity: 8192 + list.models.count * 24_576)
        markdown.listHead(list, into: &markdownPage)
        try html.listHead(list, to: &htmlPage)
        for model in list.models {
            let tables = ModelTables(model)
            markdownPage.append("\n")
            markdown.section(model, tables: tables, level: 2, into: &markdownPage)
            try html.appendSection(model, tables: tables, to: &htmlPage)
        }
        return (markdownPage.string, htmlPage.string)
    }
}

/// One result per concurrent job, written once each under a lock.
private final class Slots<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { values[index] = value } }
    func get(_ index: Int) -> Value? { lock.withLock { values[index] } }
}
