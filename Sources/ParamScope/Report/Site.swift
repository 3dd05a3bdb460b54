/// Every file of a report, rendered in memory: nothing touches the disk until all are done.
public struct Site: Sendable {
    /// File name → contents, in the order they are written.
    public var files: [(name: String, contents: String)]

    /// Renders `index.md`, `index.html`, a `.md` and `.html` per list, and `report.json`.
    ///
    /// - Parameter fragment: body-only HTML (same anchors) for a site generator to embed.
    public static func render(_ report: Report, template: PageTemplate?, fragment: Bool) throws(RenderError) -> Site {
        let markdown = MarkdownWriter()
        let html = HTMLWriter()
        var files: [(String, String)] = []
        let navigation: [(title: String, slug: String)] = [("All models", "index")] + report.lists.map { ($0.title, $0.slug) }
        func wrap(_ body: String, title: String, slug: String) throws(RenderError) -> String {
            if fragment { return "<div class=\"paramscope\">\n\(body)</div>\n" }
            guard let template else { throw RenderError("no page template loaded") }
            let nav = navigation.map { (title: $0.title, href: "\($0.slug).html", current: $0.slug == slug) }
            return template.page(title: title, body: body, navigation: nav)
        }
        files.append(("index.md", markdown.index(report)))
        files.append(("index.html", try wrap(try html.index(report), title: "Model parameters — ParamScope", slug: "index")))
        for list in report.lists {
            files.append(("\(list.slug).md", markdown.listPage(list)))
            files.append(("\(list.slug).html", try wrap(try html.listPage(list), title: "\(list.title) — ParamScope", slug: list.slug)))
        }
        files.append(("report.json", JSONWriter().document(report)))
        return Site(files: files)
    }
}
