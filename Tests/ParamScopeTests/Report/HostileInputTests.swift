import Foundation
import Testing
@testable import ParamScope

/// Text a user wrote — names, titles, sources, notes, descriptions, the file's own name — lands
/// in every output as text, never as markup.
@Suite struct HostileInputTests {
    /// The fixture, copied under a file name that is itself markup.
    static func site(fragment: Bool = false) throws -> Site {
        let text = try String(contentsOfFile: "\(TestSupport.fixtures)/hostile.yaml", encoding: .utf8)
        let path = try TestSupport.write(text, as: "<img src=x onerror=alert(7)>.yaml")
        let report = try TestSupport.report([path])
        let template = try PageTemplate(directory: "\(TestSupport.root)/templates")
        return try Site.render(report, template: template, fragment: fragment)
    }

    /// Every tag our writers and the default template produce; anything else came from a user.
    static let ourTags: Set<String> = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "header", "nav", "ul", "li", "a", "main", "footer",
        "div", "h1", "h2", "p", "code", "table", "caption", "thead", "tbody", "tr", "th", "td", "strong", "em",
        "section", "figure", "svg", "desc", "text", "g", "line", "rect",
    ]

    @Test(arguments: [false, true])
    func htmlHasNoMarkupFromUsers(fragment: Bool) throws {
        let site = try Self.site(fragment: fragment)
        let pages = site.files.filter { $0.name.hasSuffix(".html") }
        #expect(pages.count == 2)
        for page in pages {
            for tag in Self.tags(page.contents) {
                if tag.name == "!--" {
                    // cmark's safe mode puts this comment where it dropped raw HTML.
                    #expect(tag.text == "<!-- raw HTML omitted -->", "\(page.name): \(tag.text)")
                    continue
                }
                #expect(Self.ourTags.contains(tag.name), "\(page.name): \(tag.text)")
                #expect(!tag.attributes.contains { $0.hasPrefix("on") }, "\(page.name): \(tag.text)")
                #expect(!tag.text.lowercased().contains("javascript:"), "\(page.name): \(tag.text)")
            }
        }
        let list = try #require(pages.first { $0.name != "index.html" }).contents
        // The name shows as text, in the heading and the summary table.
        #expect(list.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(list.contains("Published figure: &lt;/td&gt;&lt;td onmouseover=alert(6)&gt;"))
        // Ordinary Markdown in the prose still works.
        #expect(list.contains("<strong>bold</strong>"))
        #expect(list.contains("<em>emphasis</em>"))
        #expect(list.contains("<code>&lt;kbd&gt;</code>"))
    }

    /// The list's page name comes from the file name through `Slug`: no markup, no path.
    @Test func pageNameIsASlug() throws {
        let names = try Self.site().files.map(\.name)
        #expect(names.contains("img-src-x-onerror-alert-7.html"))
        #expect(names.allSatisfy { !$0.contains("<") && !$0.contains("/") })
    }

    /// Outside code spans, every `<` that could open a tag is escaped (`\<` or `&lt;`).
    @Test func markdownHasNoRawTags() throws {
        for page in try Self.site().files where page.name.hasSuffix(".md") {
            #expect(Self.rawTags(page.contents).isEmpty, "\(page.name): \(Self.rawTags(page.contents))")
        }
    }

    /// A `|` in a name or title does not add a column: every row of a table has as many
    /// unescaped pipes as its header.
    @Test func pipesDoNotBreakTables() throws {
        for page in try Self.site().files where page.name.hasSuffix(".md") {
            var columns: Int?
            for line in page.contents.split(separator: "\n") {
                guard line.hasPrefix("|") else { columns = nil; continue }
                let pipes = Self.unescapedPipes(line)
                if let columns { #expect(pipes == columns, "\(page.name): \(line)") } else { columns = pipes }
            }
        }
    }

    @Test func jsonKeepsTheTextAndEscapesAngleBrackets() throws {
        let json = try #require(try Self.site().files.first { $0.name == "report.json" }).contents
        #expect(!json.contains("<"))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let models = try #require(object?["models"] as? [[String: Any]])
        #expect(models.first?["name"] as? String == "<script>alert(1)</script>")
    }

    /// The tags of an HTML page: name (lower-cased, `!--` for a comment), attribute names, text.
    /// Our attribute values are quoted and escaped, so a tag ends at the first `>`.
    static func tags(_ html: String) -> [(name: String, attributes: [String], text: String)] {
        var result: [(String, [String], String)] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[open...]
            if rest.hasPrefix("<!--") {
                let close = rest.firstRange(of: "-->")?.upperBound ?? rest.endIndex
                result.append(("!--", [], String(rest[..<close])))
                rest = rest[close...]
                continue
            }
            let close = rest.firstIndex(of: ">").map { rest.index(after: $0) } ?? rest.endIndex
            let text = rest[..<close]
            let body = text.dropFirst().drop { $0 == "/" }
            let name = body.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }.lowercased()
            var attributes: [String] = []
            var inQuote = false
            var word = ""
            for character in body.dropFirst(name.count) {
                if character == "\"" { inQuote.toggle(); word = ""; continue }
                if inQuote { continue }
                if character == "=" { attributes.append(word.lowercased()); word = "" }
                else if character.isWhitespace { word = "" } else { word.append(character) }
            }
            result.append((name, attributes, String(text)))
            rest = rest[close...]
        }
        return result
    }

    /// `<` + letter, `/`, `!` or `?` not preceded by a backslash, outside backtick code spans —
    /// except the section anchors the writer puts on a line of their own (`<a id="slug"></a>`,
    /// a slug being lower-case letters, digits, `-` and `.`).
    static func rawTags(_ text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("<a id=\""), line.hasSuffix("\"></a>"),
               line.dropFirst(7).dropLast(6).allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }) {
                continue
            }
            var inCode = false
            var previous: Character = " "
            var index = line.startIndex
            while index < line.endIndex {
                let character = line[index]
                if character == "`" { inCode.toggle() }
                let next = line.index(after: index)
                if !inCode, character == "<", previous != "\\", next < line.endIndex,
                   line[next].isLetter || "/!?".contains(line[next]) {
                    found.append(String(line[index...].prefix(20)))
                }
                previous = previous == "\\" ? " " : character
                index = next
            }
        }
        return found
    }

    static func unescapedPipes(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true } else if character == "|" { count += 1 }
        }
        return count
    }
}
