/// User prose (a list's description, a model's notes) made safe to paste into GFM.
///
/// The HTML pages get the same prose through cmark's safe mode, which drops raw HTML; a `.md`
/// file is rendered by whoever displays it (GitHub, GitLab, a docs generator), some of which
/// pass raw HTML through. So every `<` that would open a tag, a comment or a processing
/// instruction is written `&lt;` — shown as `<`, never read as markup — while the rest of the
/// Markdown (emphasis, links, lists, code) is left as written. Code spans and fenced code blocks
/// are copied verbatim: their `<` is already text. `<https://…>` and `<mailto:…>` autolinks stay.
enum MarkdownProse {
    static func safe(_ text: String) -> String {
        // Only a `<` is ever rewritten: prose without one (most notes) is returned as written.
        guard text.utf8.contains(UInt8(ascii: "<")) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var fence: (marker: Character, length: Int)?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { out.append("\n") }
            if let open = fence {
                out += line
                if let close = fenceMarker(line), close.marker == open.marker, close.length >= open.length,
                   line.drop(while: { $0 == " " }).dropFirst(close.length).allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                    fence = nil
                }
            } else if let open = fenceMarker(line) {
                fence = open
                out += line
            } else {
                out += inline(line)
            }
        }
        return out
    }

    /// A line that opens or closes a fenced code block: up to three spaces, then three or more
    /// backticks or tildes.
    private static func fenceMarker(_ line: Substring) -> (marker: Character, length: Int)? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let marker = rest.first, marker == "`" || marker == "~" else { return nil }
        let length = rest.prefix { $0 == marker }.count
        return length >= 3 ? (marker, length) : nil
    }

    /// One line outside code blocks: code spans verbatim, backslash escapes kept, tag openers escaped.
    private static func inline(_ line: Substring) -> String {
        var out = ""
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            switch character {
            case "\\":
                // An escaped character stays escaped (`\<` is already text).
                let next = line.index(after: index)
                let end = next < line.endIndex ? line.index(after: next) : next
                out += line[index..<end]
                index = end
            case "`":
                let run = line[index...].prefix { $0 == "`" }.count
                let afterOpen = line.index(index, offsetBy: run)
                if let close = closingRun(of: run, in: line[afterOpen...]) {
                    out += line[index..<close]
                    index = close
                } else {
                    out += line[index..<afterOpen]
                    index = afterOpen
                }
            case "<":
                let rest = line[line.index(after: index)...]
                if let autolink = autolinkEnd(rest) {
                    out += line[index..<autolink]
                    index = autolink
                } else {
                    if let next = rest.first, next.isLetter || next == "/" || next == "!" || next == "?" {
                        out += "&lt;"
                    } else {
                        out.append("<")
                    }
                    index = line.index(after: index)
                }
            default:
                out.append(character)
                index = line.index(after: index)
            }
        }
        return out
    }

    /// The end of a backtick run of exactly `length` in `text`, if there is one.
    private static func closingRun(of length: Int, in text: Substring) -> Substring.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "`" {
                let run = text[index...].prefix { $0 == "`" }.count
                let end = text.index(index, offsetBy: run)
                if run == length { return end }
                index = end
            } else {
                index = text.index(after: index)
            }
        }
        return nil
    }

    /// `https://…>`, `http://…>` or `mailto:…>` right after a `<`: the index after the `>`.
    private static func autolinkEnd(_ rest: Substring) -> Substring.Index? {
        let lower = rest.prefix(8).lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") else { return nil }
        guard let close = rest.firstIndex(of: ">") else { return nil }
        guard !rest[..<close].contains(where: { $0 == " " || $0 == "<" || $0 == "\"" || $0 == "\t" }) else { return nil }
        return rest.index(after: close)
    }
}
