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
        let text = try Self.readText(templatePath)
        style = try Self.readText(stylePath)
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
        let nav = navigation.map { ["title": $0.title, "href": $0.href, "current": $0.current] as [String: Any] }
        let context: [String: Any] = ["title": title, "style": style, "body": body, "nav": nav, "generator": "ParamScope"]
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
