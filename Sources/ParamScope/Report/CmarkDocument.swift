internal import Ccmark
import Foundation

/// A cmark document tree: user prose parsed by cmark, generated HTML as custom blocks.
///
/// Rendered with `CMARK_OPT_DEFAULT`, cmark's safe mode: raw HTML and `javascript:` links in user
/// prose are dropped, while custom blocks (our escaped tables and charts) print verbatim. This
/// type owns the root node and frees it with everything appended to it.
final class CmarkDocument {
    private let root: OpaquePointer

    init() throws(RenderError) {
        guard let node = cmark_node_new(CMARK_NODE_DOCUMENT) else { throw RenderError("cmark could not allocate a document") }
        root = node
    }

    deinit { cmark_node_free(root) }

    /// Parses user Markdown and appends its blocks.
    func appendMarkdown(_ markdown: String) throws(RenderError) {
        let parsed: OpaquePointer? = markdown.utf8CString.withUnsafeBufferPointer { buffer in
            cmark_parse_document(buffer.baseAddress, buffer.count - 1, CMARK_OPT_DEFAULT)
        }
        guard let parsed else { throw RenderError("cmark could not parse a Markdown text") }
        defer { cmark_node_free(parsed) }
        while let child = cmark_node_first_child(parsed) {
            cmark_node_unlink(child)
            guard cmark_node_append_child(root, child) == 1 else {
                cmark_node_free(child)
                throw RenderError("cmark refused a parsed block")
            }
        }
    }

    /// Appends HTML our code built (every user string in it already escaped).
    func appendHTML(_ html: String) throws(RenderError) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { throw RenderError("cmark could not allocate a block") }
        guard cmark_node_set_on_enter(block, html) == 1, cmark_node_append_child(root, block) == 1 else {
            cmark_node_free(block)
            throw RenderError("cmark refused a generated block")
        }
    }

    /// The document as HTML, in cmark's safe default mode (never `CMARK_OPT_UNSAFE`).
    func render() throws(RenderError) -> String {
        guard let html = cmark_render_html(root, CMARK_OPT_DEFAULT) else { throw RenderError("cmark could not render the page") }
        defer { free(html) }
        return String(cString: html)
    }
}

/// A page that could not be rendered: never written half-done.
public struct RenderError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
