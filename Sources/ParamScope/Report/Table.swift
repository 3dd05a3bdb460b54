/// A generated table, written once and printed by both writers: as a GFM pipe table in
/// Markdown, as an escaped `<table>` custom block in HTML.
struct Table: Sendable {
    enum Alignment: Sendable { case left, right }

    struct Cell: Sendable {
        var text: String
        /// A link target (`llama.html#llama-7b`); writers adjust the extension.
        var link: Link?
        /// Shown emphasised (a consistent published figure).
        var strong: Bool = false

        init(_ text: String, link: Link? = nil, strong: Bool = false) {
            self.text = text
            self.link = link
            self.strong = strong
        }
    }

    /// A link to a page of the report (by slug) and an anchor on it.
    struct Link: Sendable {
        var page: String?
        var anchor: String?
    }

    var caption: String?
    var headers: [String]
    var alignments: [Alignment]
    var rows: [[Cell]]
}
