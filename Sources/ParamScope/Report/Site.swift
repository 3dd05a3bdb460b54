import Foundation

/// Every file of a report.
///
/// `stream` hands each page to a sink as soon as it is rendered, so `OutputDirectory` writes it
/// to the staging directory and lets it go: memory holds the pages being rendered, not the site
/// (a 10,000-model report is over 300 MB of text). `render` collects them for tests and `--check`.
public struct Site: Sendable {
    /// File name → contents, in the order they are written.
    public var files: [(name: String, contents: String)]

    /// Renders `index.md`, `index.html`, a `.md` and `.html` per list, and `report.json`, in memory.
    ///
    /// - Parameter fragment: body-only HTML (same anchors) for a site generator to embed.
    public static func render(_ report: Report, template: PageTemplate?, fragment: Bool) throws(RenderError) -> Site {
        let pages = Slots<String>(count: 0)
        let names = try stream(report, template: template, fragment: fragment) { name, contents in
            pages.add(name, contents)
        }
        return Site(files: names.map { ($0, pages.take($0) ?? "") })
    }

    /// Renders every page and passes each to `sink` (from several threads at once: the sink
    /// must be safe for that) as soon as it is done.
    ///
    /// The pages are independent, so they are rendered on every core (the index and JSON as two
    /// more jobs beside the lists); the bytes do not depend on the order jobs finish in.
    ///
    /// - Returns: the file names in the order they should be moved into place.
    /// - Throws: the first rendering error, or the first error the sink threw (as a `RenderError`).
    public static func stream(
        _ report: Report, template: PageTemplate?, fragment: Bool,
        to sink: @escaping @Sendable (String, String) throws -> Void
    ) throws(RenderError) -> [String] {
        let navigation: [(title: String, slug: String)] = [("All models", "index")] + report.lists.map { ($0.title, $0.slug) }
        @Sendable func wrap(_ body: String, title: String, slug: String) throws(RenderError) -> String {
            if fragment { return "<div class=\"paramscope\">\n\(body)</div>\n" }
            guard let template else { throw RenderError("no page template loaded") }
            let nav = navigation.map { (title: $0.title, href: "\($0.slug).html", current: $0.slug == slug) }
            return template.page(title: title, body: body, navigation: nav)
        }
        // Job 0: the index pages; job 1: report.json; job 2 + i: list i's two pages.
        let jobs = report.lists.count + 2
        let failures = Slots<String>(count: 0)
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
            do {
                switch job {
                case 0:
                    try sink("index.md", MarkdownWriter().index(report))
                    try sink("index.html", try wrap(try HTMLWriter().index(report), title: "Model parameters — ParamScope", slug: "index"))
                case 1:
                    try sink("report.json", JSONWriter().document(report))
                default:
                    let list = report.lists[job - 2]
                    let (markdown, html) = try listPages(list)
                    try sink("\(list.slug).md", markdown)
                    try sink("\(list.slug).html", try wrap(html, title: "\(list.title) — ParamScope", slug: list.slug))
                }
            } catch {
                failures.add(String(format: "%08d", job), "\(error)")
            }
        }
        if let first = failures.first() { throw RenderError(first) }
        return ["index.md", "index.html"] + report.lists.flatMap { ["\($0.slug).md", "\($0.slug).html"] } + ["report.json"]
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

/// Values handed over by concurrent jobs, by key, under a lock.
private final class Slots<Value>: @unchecked Sendable {
    private var values: [String: Value] = [:]
    private let lock = NSLock()

    init(count: Int) { values.reserveCapacity(count) }

    func add(_ key: String, _ value: Value) { lock.withLock { values[key] = value } }
    func take(_ key: String) -> Value? { lock.withLock { values.removeValue(forKey: key) } }
    /// The value with the smallest key.
    func first() -> Value? { lock.withLock { values.min { $0.key < $1.key }?.value } }
}
