/// User prose (a list's description, a model's notes) made safe to paste into GFM.
///
/// The HTML pages get the same prose through cmark's safe mode, which drops raw HTML and
/// `javascript:`, `vbscript:`, `file:` and `data:` links; a `.md` file is rendered by whoever
/// displays it (GitHub, GitLab, a docs generator), some of which pass raw HTML through. So the
/// `.md` gets the same treatment, decided by cmark's own parse of the text (never a second
/// reading that could disagree with it about where a code span or a fenced block is): the `<`
/// of every raw HTML block or inline tag cmark finds is written `&lt;` (shown as `<`, never read
/// as markup), and a link or image to a dangerous URL is replaced by its text. The rest of the
/// Markdown — emphasis, safe links, lists, code — is left exactly as written.
///
/// Escaping can make new structure appear (the rest of an HTML block becomes a paragraph whose
/// tags are inline HTML), so the text is parsed again until cmark finds nothing to change; if
/// it still does after `maxPasses`, or cmark's positions do not point where they should, every
/// `<` and `[` is escaped instead.
enum MarkdownProse {
    static let maxPasses = 16

    static func safe(_ text: String) -> String {
        // Raw HTML starts with `<`; a link with `[` or `<`: most notes have neither.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "[") }) else { return text }
        var bytes = Array(text.utf8)
        guard !bytes.contains(0) else { return plain(bytes) }
        for _ in 0..<maxPasses {
            guard let outline = CmarkOutline(String(decoding: bytes, as: UTF8.self)) else { return plain(bytes) }
            guard let edits = edits(outline, bytes) else { return plain(bytes) }
            if edits.isEmpty { return String(decoding: bytes, as: UTF8.self) }
            // Non-overlapping edits, applied from the end; the rest wait for the next pass.
            var chosen: [(range: Range<Int>, replacement: [UInt8])] = []
            for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where !chosen.contains(where: { $0.range.overlaps(edit.range) }) {
                chosen.append(edit)
            }
            for edit in chosen.reversed() { bytes.replaceSubrange(edit.range, with: edit.replacement) }
        }
        return plain(bytes)
    }

    /// What to change in `bytes`, nil when cmark's positions do not match the text.
    private static func edits(_ outline: CmarkOutline, _ bytes: [UInt8]) -> [(range: Range<Int>, replacement: [UInt8])]? {
        var lineStarts = [0]
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") { lineStarts.append(index + 1) }
        func offset(_ position: CmarkOutline.Position) -> Int? {
            guard position.line >= 1, position.line <= lineStarts.count, position.column >= 1 else { return nil }
            let offset = lineStarts[position.line - 1] + position.column - 1
            return offset < bytes.count ? offset : nil
        }
        let escapedOpener = Array("&lt;".utf8)
        var edits: [(range: Range<Int>, replacement: [UInt8])] = []
        for node in outline.nodes {
            guard let start = offset(node.start) else { return nil }
            switch node.kind {
            case .htmlBlock, .htmlInline:
                guard bytes[start] == UInt8(ascii: "<") else { return nil }
                edits.append((start..<start + 1, escapedOpener))
            case .link, .image:
                guard isDangerous(node.url) else { continue }
                if bytes[start] == UInt8(ascii: "<") {
                    // An autolink (`<javascript:...>`): its `<` escaped, it is plain text.
                    edits.append((start..<start + 1, escapedOpener))
                    continue
                }
                guard bytes[start] == UInt8(ascii: node.kind == .image ? "!" : "["), let end = offset(node.end) else { return nil }
                var text: [UInt8] = []
                if let contents = node.contents {
                    guard let from = offset(contents.start), let to = offset(contents.end), from <= to, from > start, to < end else { return nil }
                    text = Array(bytes[from...to])
                }
                edits.append((start..<end + 1, text))
            }
        }
        return edits
    }

    /// The link destinations cmark's safe HTML drops (its `scan_dangerous_url`): `javascript:`,
    /// `vbscript:`, `file:`, and `data:` but for PNG, GIF, JPEG and WebP images.
    static func isDangerous(_ url: String) -> Bool {
        let lower = url.drop { $0.isWhitespace }.lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("file:") { return true }
        guard lower.hasPrefix("data:") else { return false }
        return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lower.hasPrefix($0) }
    }

    /// The last resort: no `<` or `[` left to open a tag or a link. Backslashes are escaped too,
    /// or the author's `\` before a `[` would escape the escape (fuzz/prose found it).
    private static func plain(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: "["): out += Array("\\[".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case 0: out += Array("\u{FFFD}".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
