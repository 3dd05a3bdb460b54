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

    /// `--fragment`: the list page's body only, with the same anchors as the full page.
    @Test func fragment() throws {
        let fragment = try Self.file(Self.site(fragment: true), "seed.html")
        try TestSupport.assertGolden(fragment, "seed-fragment.html")
        #expect(!fragment.contains("<html") && !fragment.contains("<style"))
        let page = try Self.file(Self.site(), "seed.html")
        #expect(Self.ids(fragment) == Self.ids(page))
        #expect(Self.ids(fragment).isSuperset(of: ["top", "generic-1b", "llama-7b", "comparison-chart"]))
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
