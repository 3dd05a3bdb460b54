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

    @Test func json() throws {
        try TestSupport.assertGolden(Self.file(Self.site(), "report.json"), "seed.json")
    }

    @Test func sameInputSameBytes() throws {
        let first = try Self.site(), second = try Self.site()
        #expect(first.files.map(\.contents) == second.files.map(\.contents))
    }

    /// cmark's safe mode drops the raw `<script>` in the description.
    @Test func rawHTMLInProseIsDropped() throws {
        let html = try Self.file(Self.site(), "seed.html")
        #expect(!html.contains("<script>"))
        #expect(html.contains("<strong>4h²</strong>"))
    }
}
