import Foundation

/// Every file of a report, in memory (for tests; `paramscope report` streams them to the files).
public struct Site: Sendable {
    /// File name → contents, in the order they are written.
    public var files: [(name: String, contents: String)]

    /// Renders `index.md`, `index.html`, a `.md` and `.html` per list, and `report.json`, in
    /// memory, through the scheduler `paramscope report` runs (`Pipeline.stream`).
    ///
    /// - Parameters:
    ///   - fragment: body-only HTML (the page's own ids prefixed by its slug) for a site generator to embed.
    ///   - links: how pages link to each other; `nil`, each format to its own files (`.html`, `.md`).
    public static func render(_ report: Report, template: PageTemplate?, fragment: Bool, links: LinkStyle? = nil) throws(RenderError) -> Site {
        try render(report, template: template, fragment: fragment, links: links, partSize: Pipeline.partSize)
    }

    /// - Parameter partSize: models per job (tests check that any size gives the same bytes).
    static func render(
        _ report: Report, template: PageTemplate?, fragment: Bool, links: LinkStyle? = nil, partSize: Int
    ) throws(RenderError) -> Site {
        let memory = MemorySink()
        let pages = SitePages(report.lists.map(\.page), template: template, fragment: fragment, links: links)
        let streamed = try Pipeline.stream(pages, lists: { list, models in
            var part = report.lists[list]
            part.models = Array(part.models[models])
            return (part, [])
        }, partSize: partSize, to: memory)
        return Site(files: streamed.files.map { ($0, memory.text($0)) })
    }
}
