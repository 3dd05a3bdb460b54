/// How the pages of a report link to each other (`--links`): the URLs of the site they land in.
public enum LinkStyle: String, CaseIterable, Sendable {
    /// `llama.html#llama-7b`: the pages as files, opened from disk or a plain web server.
    case html
    /// `llama/#llama-7b` from the index, `../llama/#llama-7b` and `../` from a list page: the
    /// directory URLs MkDocs and Hugo give a page `params/llama.md` beside `params/index.md`.
    case dirs
    /// `llama.md#llama-7b`: Markdown sources that a site generator (or GitHub) resolves.
    case md
}

/// The links written on one page to the other pages of the report.
///
/// Slugs are lower-case ASCII letters, digits, `-` and `.` (see `Slug`), so a link is the same
/// text in HTML and in Markdown and needs no escaping in either.
struct PageLinks: Sendable {
    var style: LinkStyle
    /// Whether the page the links are written on is the index (`dirs` links from a list page
    /// go up one directory first).
    var fromIndex: Bool

    /// The link to page `slug` (`index` for the index), with `#anchor` when one is given.
    func append(page slug: String, anchor: String? = nil, into out: OutputBuffer) {
        switch style {
        case .html, .md:
            out.append(string: slug)
            out.append(style == .html ? ".html" : ".md")
        case .dirs:
            if !fromIndex { out.append("../") }
            if slug == "index" {
                if fromIndex { out.append("./") }
            } else {
                out.append(string: slug)
                out.append("/")
            }
        }
        if let anchor {
            out.append("#")
            out.append(string: anchor)
        }
    }

    func href(page slug: String, anchor: String? = nil) -> String {
        let out = OutputBuffer(capacity: 64)
        append(page: slug, anchor: anchor, into: out)
        return out.string
    }
}

/// The ids a page gives its own parts (its title, the lists, its charts), beside one per model.
///
/// A whole page uses them as they are (`top`); a `--fragment` prefixes them with its page's slug
/// (`llama-top`), so fragments embedded together on one page of a docs site never repeat an id.
/// Model anchors are unique across the report (`ReportPlan`) and are never prefixed.
enum PageIDs {
    static let names = ["top", "lists", "comparison-chart", "deviation-chart"]

    /// Every id a fragment of any of `slugs` (and of the index) could give a part of its page,
    /// with the `-title` and `-desc` ids of its charts: no model anchor may take one.
    static func fragmentIDs(_ slugs: [String]) -> Set<String> {
        var ids: Set<String> = []
        for slug in slugs + ["index"] {
            for name in names {
                ids.insert("\(slug)-\(name)")
                ids.insert("\(slug)-\(name)-title")
                ids.insert("\(slug)-\(name)-desc")
            }
        }
        return ids
    }
}
