import Testing
@testable import ParamScope
import ParamScopeCore

/// What a docs site needs of the pages: URLs GFM links as written, and fragments that can share
/// one page.
@Suite struct DocsSiteLinkTests {
    /// A URL in a source is an autolink `<…>`, written verbatim (GFM keeps a backslash escape in
    /// a bare URL it links); the text around it is escaped as before, and trailing punctuation
    /// stays outside the link, as GFM's own autolinks leave it.
    @Test(arguments: [
        ("https://huggingface.co/a/b_c/config.json", "<https://huggingface.co/a/b_c/config.json>"),
        ("config.json of huggingface.co/x_y", "config.json of huggingface.co/x\\_y"),
        ("see https://x.org/a_b.", "see <https://x.org/a_b>."),
        ("(https://x.org/wiki/A_(b)) and http://y.io/*z*", "(<https://x.org/wiki/A_(b)>) and <http://y.io/*z>\\*"),
        ("paper, https://arxiv.org/abs/1 <i>", "paper, <https://arxiv.org/abs/1> \\<i\\>"),
        ("https://a.b/c\"d", "<https://a.b/c>\"d"),
        ("xhttps://a.b and https:// and http:/x", "xhttps://a.b and https:// and http:/x"),
    ]) func urlsAreAutolinks(text: String, expected: String) {
        let out = OutputBuffer()
        MarkdownWriter().append(linkingURLs: text, to: out)
        #expect(out.string == expected)
    }

    /// Every fragment of the bundled catalog embedded on one page: no id appears twice.
    @Test func fragmentsOnOnePageRepeatNoID() throws {
        let report = try TestSupport.report(["\(TestSupport.root)/configs"])
        let site = try Site.render(report, template: nil, fragment: true, links: .dirs)
        var seen: Set<String> = [], repeated: [String] = []
        for file in site.files where file.name.hasSuffix(".html") {
            for id in GoldenTests.ids(file.contents) where !seen.insert(id).inserted { repeated.append(id) }
        }
        #expect(seen.count > 300)
        #expect(repeated.isEmpty, "\(repeated.prefix(10))")
    }

    /// A model name repeated in two lists gets its own anchor in each (`-2`), and no model takes
    /// an id a fragment gives its page (`llama-top` is `llama`'s title in its fragment).
    @Test func anchorsAreUniqueAcrossTheReport() {
        let entry = { (name: String) in
            ModelEntry(spec: ModelSpec(name: name, architecture: "generic", layers: 2, hidden: 8, heads: 2, ffn: 32,
                                       vocab: 10, tiedEmbeddings: true),
                       location: SourceLocation(file: "l.yaml", line: 1, column: 1))
        }
        let plan = ReportPlan([
            ConfigList(title: "A", description: nil, file: "llama.yaml", models: [entry("M"), entry("Llama Top")]),
            ConfigList(title: "B", description: nil, file: "b.yaml", models: [entry("M"), entry("Index Lists"), entry("top")]),
        ])
        #expect(plan.anchors == [["m", "llama-top-2"], ["m-2", "index-lists-2", "top-2"]])
    }

    /// Every link form, from the index and from a list page: `dirs` goes up a level from a list
    /// page, and the index is its directory.
    @Test func linkForms() {
        let cases: [(LinkStyle, Bool, String, String)] = [
            (.html, true, "llama.html#llama-7b", "index.html"), (.html, false, "llama.html#llama-7b", "index.html"),
            (.dirs, true, "llama/#llama-7b", "./"), (.dirs, false, "../llama/#llama-7b", "../"),
            (.md, true, "llama.md#llama-7b", "index.md"), (.md, false, "llama.md#llama-7b", "index.md"),
        ]
        for (style, fromIndex, model, index) in cases {
            let links = PageLinks(style: style, fromIndex: fromIndex)
            #expect(links.href(page: "llama", anchor: "llama-7b") == model, "\(style) \(fromIndex)")
            #expect(links.href(page: "index") == index, "\(style) \(fromIndex)")
        }
    }
}
