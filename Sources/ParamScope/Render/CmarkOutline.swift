internal import Ccmark

/// What cmark's own parse says about a Markdown text, for `MarkdownProse`: where its raw HTML
/// and its links are. Positions are cmark's source positions (1-based line, 1-based byte column).
struct CmarkOutline {
    struct Position: Equatable { var line: Int, column: Int }

    struct Node {
        enum Kind { case htmlBlock, htmlInline, link, image }
        var kind: Kind
        var start: Position
        var end: Position
        /// A link's or image's destination, as cmark decoded it (entities and escapes resolved).
        var url: String
        /// A link's or image's contents: its first child's start and last child's end.
        var contents: (start: Position, end: Position)?
    }

    var nodes: [Node] = []

    /// Parses `markdown` as the HTML pages do (`CMARK_OPT_DEFAULT`, with source positions).
    init?(_ markdown: String) {
        let parsed: OpaquePointer? = markdown.utf8CString.withUnsafeBufferPointer { buffer in
            cmark_parse_document(buffer.baseAddress, buffer.count - 1, CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS)
        }
        guard let document = parsed else { return nil }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return nil }
        defer { cmark_iter_free(iterator) }
        func position(_ node: OpaquePointer?, start: Bool) -> Position {
            start ? Position(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
                : Position(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node)))
        }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let kind: Node.Kind
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock
            case CMARK_NODE_HTML_INLINE: kind = .htmlInline
            case CMARK_NODE_LINK: kind = .link
            case CMARK_NODE_IMAGE: kind = .image
            default: continue
            }
            var url = ""
            if let text = cmark_node_get_url(node) { url = String(cString: text) }
            var contents: (Position, Position)?
            if let first = cmark_node_first_child(node), let last = cmark_node_last_child(node) {
                contents = (position(first, start: true), position(last, start: false))
            }
            nodes.append(Node(kind: kind, start: position(node, start: true), end: position(node, start: false), url: url, contents: contents))
        }
    }
}
