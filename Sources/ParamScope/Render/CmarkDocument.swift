internal import Ccmark
import Foundation

/// User prose through cmark, in its safe default mode (`CMARK_OPT_DEFAULT`, never
/// `CMARK_OPT_UNSAFE`): raw HTML and `javascript:` links are dropped.
///
/// Only prose passes through cmark: generated tables and charts are written by `HTMLPage`
/// exactly as cmark prints custom blocks, so they are never parsed or copied through it.
enum CmarkDocument {
    /// The HTML of a Markdown text, as cmark renders its blocks inside a larger document.
    ///
    /// - Parameter what: whose prose it is, for the error (built only on failure).
    static func html(markdown: String, of what: @autoclosure () -> String) throws(RenderError) -> [UInt8] {
        let rendered: UnsafeMutablePointer<CChar>? = markdown.utf8CString.withUnsafeBufferPointer { buffer in
            cmark_markdown_to_html(buffer.baseAddress, buffer.count - 1, CMARK_OPT_DEFAULT)
        }
        guard let rendered else { throw RenderError.markdown(of: what()) }
        defer { free(rendered) }
        let length = strlen(rendered)
        return rendered.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }
}

/// A page body as cmark prints a document of custom blocks and parsed prose.
///
/// cmark's HTML renderer starts a custom block on a fresh line, prints its text verbatim up to
/// the first NUL byte (it is stored as a C string) and ends the line; every parsed block starts
/// on a fresh line. These few rules are all `HTMLWriter` needs to keep the bytes cmark printed.
struct HTMLPage {
    private var out: OutputBuffer

    init(capacity: Int) {
        out = OutputBuffer(capacity: capacity)
    }

    var string: String { out.string }
    var bytes: OutputBuffer { out }

    /// Generated HTML (every user string in it already escaped), printed verbatim.
    mutating func block(_ write: (OutputBuffer) -> Void) {
        newline()
        let start = out.count
        write(out)
        if let nul = out.firstNUL(from: start) { out.truncate(to: nul) }
        newline()
    }

    /// User Markdown, rendered by cmark; `what` names it in the error.
    mutating func markdown(_ text: String, of what: @autoclosure () -> String) throws(RenderError) {
        newline()
        out.append(bytes: try CmarkDocument.html(markdown: text, of: what()))
    }

    private mutating func newline() {
        if let last = out.last, last != UInt8(ascii: "\n") { out.append(byte: UInt8(ascii: "\n")) }
    }
}
