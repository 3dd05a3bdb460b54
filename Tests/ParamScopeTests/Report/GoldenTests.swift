import Foundation
import Testing
@testable import ParamScope

/// The rendered pages of a small fixture list, byte for byte.
@Suite struct GoldenTests {
    static func site(fragment: Bool = false) throws -> Site {
        let report = try TestSupport.report(["\(TestSupport.fixtures)/seed.yaml"])
        let template = try PageTemplate(directory: "\(TestSupport.root)/templates")
        return try Site.render(report, template: template, fragment: fragment)
    }

    static func file(_ site: Site, _ name: String) throws -> String {
        try #require(site.files.first { $0.name == name }).contents
    }

    @Test func markdownPage() throws {
        try TestSupport.assertGolden(Self.file(Self.site(), "seed.md"), "seed.md")
    }

    @Test func htmlPage() throws {
        try TestSupport.assertGolden(Self.file(Self.site(), "seed.html"), "seed.html")
    }

    @Test func indexPage() throws {
        try TestSupport.assertGolden(Self.file(Self.site(), "index.html"), "index.html")
    }

    /// `--fragment`: the list page's body only, with the same model anchors as the full page and
    /// the page's own ids prefixed by its slug; a style of its own, every rule under `.paramscope`.
    @Test func fragment() throws {
        let fragment = try Self.file(Self.site(fragment: true), "seed.html")
        try TestSupport.assertGolden(fragment, "seed-fragment.html")
        #expect(!fragment.contains("<html") && !fragment.contains("<link"))
        let page = try Self.file(Self.site(), "seed.html")
        let pageIDs = ["top", "comparison-chart", "comparison-chart-title", "comparison-chart-desc"]
        #expect(Self.ids(page).isSuperset(of: pageIDs + ["generic-1b", "llama-7b"]))
        #expect(Self.ids(fragment) == Set(Self.ids(page).map { pageIDs.contains($0) ? "seed-\($0)" : $0 }))
        #expect(fragment.contains("href=\"#seed-top\"") && !fragment.contains("href=\"#top\""))
        let style = try #require(fragment.firstRange(of: "<style>\n").flatMap { open in
            fragment[open.upperBound...].firstRange(of: "</style>").map { fragment[open.upperBound..<$0.lowerBound] }
        })
        let rules = style.split(separator: "\n")
        #expect(!rules.isEmpty && rules.allSatisfy { $0.hasPrefix(".paramscope ") })
        #expect(style.contains(".paramscope .num { text-align: right"))
    }

    /// `--links`: every link from one page to another, in HTML and Markdown, index and list
    /// pages, in the chosen form; links within a page stay `#anchor`.
    @Test(arguments: [
        (LinkStyle.html, "seed.html#llama-7b", "seed.html", "seed.html#llama-7b", "index.html"),
        (.dirs, "seed/#llama-7b", "seed/", "seed/#llama-7b", "../"),
        (.md, "seed.md#llama-7b", "seed.md", "seed.md#llama-7b", "index.md"),
    ]) func links(style: LinkStyle, indexRow: String, indexList: String, markdownRow: String, markdownUp: String) throws {
        let report = try TestSupport.report(["\(TestSupport.fixtures)/seed.yaml"])
        let site = try Site.render(report, template: nil, fragment: true, links: style)
        let index = try Self.file(site, "index.html"), markdownIndex = try Self.file(site, "index.md")
        #expect(index.contains("<a href=\"\(indexRow)\">LLaMA-7B</a>"))
        #expect(index.contains("<li><a href=\"\(indexList)\">"))
        #expect(markdownIndex.contains("[LLaMA-7B](\(markdownRow))"))
        #expect(markdownIndex.contains("](\(indexList)) — 2 models"))
        #expect(try Self.file(site, "seed.md").contains("[All models](\(markdownUp))"))
        #expect(try Self.file(site, "seed.html").contains("<a href=\"#llama-7b\">LLaMA-7B</a>"))
    }

    /// Without `--links`, each format links to its own files (the bytes of the golden pages).
    @Test func defaultLinksAreEachFormatsOwn() throws {
        let site = try Self.site()
        #expect(try Self.file(site, "index.html").contains("href=\"seed.html#llama-7b\""))
        #expect(try Self.file(site, "index.md").contains("(seed.md#llama-7b)"))
        #expect(try Self.file(site, "seed.md").contains("[All models](index.md)"))
        #expect(try Self.file(site, "seed.html").contains("<a href=\"index.html\">"))
    }

    /// `estimate --format markdown`: the release-notes section.
    @Test func releaseNotesMarkdown() throws {
        let report = try TestSupport.report(["\(TestSupport.fixtures)/seed.yaml"])
        try TestSupport.assertGolden(EstimateFormat.markdown.render(report), "seed-release.md")
    }

    static func ids(_ html: String) -> Set<String> {
        var ids: Set<String> = []
        var rest = Substring(html)
        while let range = rest.firstRange(of: " id=\"") {
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            ids.insert(String(rest[..<end]))
        }
        return ids
    }

    @Test func json() throws {
        try TestSupport.assertGolden(Self.file(Self.site(), "report.json"), "seed.json")
    }

    @Test func sameInputSameBytes() throws {
        let first = try Self.site(), second = try Self.site()
        #expect(first.files.map(\.contents) == second.files.map(\.contents))
    }

    /// Self-contained pages: nothing for a browser to fetch (no stylesheet or script links, no
    /// images, fonts or CSS urls); the SVG namespace is a name, not a load.
    @Test func pagesLoadNothing() throws {
        for page in try Self.site().files where page.name.hasSuffix(".html") {
            for loader in ["<link", "<script", "src=", "@import", "url(", "<img", "<iframe", "<object", "<embed"] {
                #expect(!page.contents.contains(loader), "\(page.name) contains \(loader)")
            }
        }
    }

    /// cmark's safe mode drops the raw `<script>` in the description.
    @Test func rawHTMLInProseIsDropped() throws {
        let html = try Self.file(Self.site(), "seed.html")
        #expect(!html.contains("<script>"))
        #expect(html.contains("<strong>4h²</strong>"))
    }
}
