import Foundation
import Mustache

/// The page template and stylesheet a site is wrapped in (`page.html.mustache`, `style.css`).
public struct PageTemplate: Sendable {
    public static let templateFile = "page.html.mustache"
    public static let styleFile = "style.css"

    let template: MustacheTemplate
    let style: String

    /// Loads both files from `directory`.
    ///
    /// - Throws: a `Diagnostic` naming the file, and the line and column of a template error.
    public init(directory: String) throws(Diagnostic) {
        let templatePath = (directory as NSString).appendingPathComponent(Self.templateFile)
        let stylePath = (directory as NSString).appendingPathComponent(Self.styleFile)
        try self.init(text: try Self.readText(templatePath), style: try Self.readText(stylePath), file: templatePath)
    }

    /// A template from its text; `file` names it in diagnostics.
    init(text: String, style: String, file templatePath: String) throws(Diagnostic) {
        self.style = style
        try TemplateBounds.check(text, file: templatePath, styleBytes: style.utf8.count)
        do {
            template = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw Diagnostic(at: SourceLocation(file: templatePath, line: error.context.lineNumber, column: error.context.columnNumber),
                             "template error: \(error.error)")
        } catch {
            throw Diagnostic(file: templatePath, "template error: \(error)")
        }
    }

    /// Finds the templates: `--templates DIR`, else beside the installed binary
    /// (`PREFIX/share/paramscope/templates`), else `./templates`.
    ///
    /// - Parameter executable: the running binary's path; a symbolic link (`/usr/local/bin/paramscope`
    ///   → `/opt/paramscope/bin/paramscope`) is followed to the installed tree it belongs to.
    public static func locate(explicit: String?, executable: String) -> String {
        if let explicit { return explicit }
        let binDirectory = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent().path
        let installed = ((binDirectory as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("share/paramscope/templates")
        if FileManager.default.fileExists(atPath: (installed as NSString).appendingPathComponent(templateFile)) {
            return installed
        }
        return "templates"
    }

    /// A whole page: the body inside the template, the stylesheet inlined.
    func page(title: String, body: String, navigation: [(title: String, href: String, current: Bool)]) -> String {
        let nav = navigation.map { ["title": Self.visible($0.title), "href": Self.visible($0.href), "current": $0.current] as [String: Any] }
        let context: [String: Any] = ["title": Self.visible(title), "style": style, "body": body, "nav": nav, "generator": "ParamScope"]
        return template.render(context)
    }

    /// The page around its body, as pieces: the body goes between each two (a template prints
    /// it once, or more). The same bytes as `page(title:body:navigation:)` with the body put
    /// back, without joining a body of hundreds of megabytes into a String and copying it
    /// through the template.
    ///
    /// The template is rendered around a marker that HTML escaping would change: nil where the
    /// template prints the body escaped (`{{body}}`) or otherwise transforms it, and the page
    /// must be rendered with the real body.
    func frame(title: String, navigation: [(title: String, href: String, current: Bool)]) -> [OutputBuffer]? {
        let framed = page(title: title, body: Self.bodyMarker, navigation: navigation)
        let parts = framed.components(separatedBy: Self.bodyMarker)
        guard framed.components(separatedBy: Self.markerCore).count == parts.count else { return nil }
        return parts.map { OutputBuffer($0) }
    }

    /// Titles and links with their control characters as U+FFFD, as every other string on a
    /// page (Mustache's escaping leaves them; a title can come from a directory's name).
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "\u{FFFD}" : $0 }))
    }

    /// Control characters no page contains, around a `<` that `{{body}}` would escape.
    private static let markerCore = "\u{2}paramscope-body\u{3}"
    private static let bodyMarker = "<\(markerCore)>"

    private static func readText(_ path: String) throws(Diagnostic) -> String {
        let bytes = try InputFiles.read(path, limit: 4 << 20, what: "templates")
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Diagnostic(file: path, "the template is not valid UTF-8")
        }
        return text
    }
}

/// What a user's page template may do, checked before it is compiled: a run must not hang on a
/// template. Sections nest at most `maxDepth` deep, and the template can write at most
/// `maxOutput` bytes per page besides the body printed once — the worst case counted with the
/// longest navigation a page can have (`Navigation.fullLimit` + 1 links), since `{{#nav}}`
/// inside `{{#nav}}` repeats its contents for every link. The body may not sit inside a section
/// over `nav` (the page printed once per link); delimiters may not be changed (`{{=<% %>=}}`),
/// so this reading of the tags is Mustache's.
enum TemplateBounds {
    static let maxDepth = 16
    static let maxOutput = 16 << 20
    /// The most a title, link or generator name is counted as (a list title is one line).
    static let fieldBytes = 1024

    static func check(_ text: String, file: String, styleBytes: Int) throws(Diagnostic) {
        let bytes = Array(text.utf8)
        let navLinks = Navigation.fullLimit + 1
        // Each open section: its name, and how many times the text around it prints.
        var open: [(name: String, times: Int)] = []
        var times = 1
        var total = 0
        var index = 0
        var line = 1, lineStart = 0
        func location(_ offset: Int) -> SourceLocation {
            SourceLocation(file: file, line: line, column: String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1)
        }
        func add(_ count: Int, at offset: Int) throws(Diagnostic) {
            let (product, overflow) = count.multipliedReportingOverflow(by: times)
            let (sum, carry) = total.addingReportingOverflow(product)
            guard !overflow, !carry, sum <= maxOutput else {
                throw Diagnostic(at: location(offset), "template error: the template can write more than \(maxOutput >> 20) MiB per page "
                                 + "here (sections over `nav` repeat their contents for each of up to \(navLinks) links)")
            }
            total = sum
        }
        var textStart = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            let tagStart = index
            try add(tagStart - textStart, at: tagStart)
            let triple = index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: "{")
            var cursor = index + (triple ? 3 : 2)
            var close: Int?
            while cursor + 1 < bytes.count {
                if bytes[cursor] == UInt8(ascii: "}"), bytes[cursor + 1] == UInt8(ascii: "}") { close = cursor; break }
                cursor += 1
            }
            // An unclosed tag is the Mustache parser's to report.
            guard let close else { return }
            let inner = String(decoding: bytes[(index + (triple ? 3 : 2))..<close], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            let sigil = triple ? "{" : inner.first.map(String.init) ?? ""
            let name = (triple || !"#^/!>=&<$".contains(sigil) ? inner : String(inner.dropFirst())).trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "#", "^", "$", "<":
                guard open.count < maxDepth else {
                    throw Diagnostic(at: location(tagStart), "template error: sections nest deeper than \(maxDepth) levels")
                }
                let repeats = sigil == "#" && name == "nav" ? navLinks : 1
                let product = times.multipliedReportingOverflow(by: repeats)
                open.append((name, times))
                times = product.overflow ? Int.max : product.partialValue
            case "/":
                if let last = open.popLast() { times = last.times }
            case "=":
                throw Diagnostic(at: location(tagStart), "template error: changing delimiters (`{{=...=}}`) is not supported in page templates")
            case "!", ">":
                break
            default:
                switch name {
                case "body":
                    guard times == 1 else {
                        throw Diagnostic(at: location(tagStart), "template error: `body` inside a section over `nav` would print the page once per link")
                    }
                case "style": try add(styleBytes, at: tagStart)
                default: try add(fieldBytes, at: tagStart)
                }
            }
            index = close + 2 + (triple && close + 2 < bytes.count && bytes[close + 2] == UInt8(ascii: "}") ? 1 : 0)
            textStart = index
        }
        try add(bytes.count - textStart, at: bytes.count)
    }
}
