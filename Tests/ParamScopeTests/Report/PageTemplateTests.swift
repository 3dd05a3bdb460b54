import Foundation
import Testing
@testable import ParamScope

/// `--templates DIR`: errors name the file and the line; the lookup order is DESIGN's.
@Suite struct PageTemplateTests {
    static func directory(template: String?, style: String? = "body {}") throws -> String {
        let directory = try TestSupport.temporaryDirectory()
        if let template { try Data(template.utf8).write(to: URL(fileURLWithPath: "\(directory)/\(PageTemplate.templateFile)")) }
        if let style { try Data(style.utf8).write(to: URL(fileURLWithPath: "\(directory)/\(PageTemplate.styleFile)")) }
        return directory
    }

    /// An unclosed section opened on line 3.
    @Test func templateErrorNamesFileAndLine() throws {
        let directory = try Self.directory(template: "<html>\n<body>\n{{#nav}}\n{{{body}}}\n</body>\n")
        let error = #expect(throws: Diagnostic.self) { try PageTemplate(directory: directory) }
        let location = try #require(error?.location)
        #expect(location.file == "\(directory)/page.html.mustache")
        #expect(location.line >= 3)
        #expect(error?.description.hasPrefix("\(directory)/page.html.mustache:\(location.line):") == true)
        #expect(error?.message.contains("template error") == true)
    }

    @Test func missingStylesheetNamesIt() throws {
        let directory = try Self.directory(template: "{{{body}}}", style: nil)
        let error = #expect(throws: Diagnostic.self) { try PageTemplate(directory: directory) }
        #expect(error?.file == "\(directory)/style.css")
    }

    /// A restyled template gets the same values as the default one.
    @Test func customTemplateIsFilled() throws {
        let directory = try Self.directory(template: "<title>{{title}}</title>{{#nav}}[{{href}}]{{/nav}}<style>{{{style}}}</style>{{{body}}}",
                                           style: "p { color: red }")
        let template = try PageTemplate(directory: directory)
        let page = template.page(title: "A <b>", body: "<p>x</p>", navigation: [("All", "index.html", true)])
        #expect(page == "<title>A &lt;b&gt;</title>[index.html]<style>p { color: red }</style><p>x</p>")
    }

    @Test func lookupOrder() throws {
        // 1. --templates wins, even when it does not exist (the error then names it).
        #expect(PageTemplate.locate(explicit: "/nowhere", executable: "/usr/bin/paramscope") == "/nowhere")
        // 2. PREFIX/share/paramscope/templates beside PREFIX/bin/paramscope, through a symbolic link.
        let prefix = try TestSupport.temporaryDirectory()
        let manager = FileManager.default
        try manager.createDirectory(atPath: "\(prefix)/bin", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: "\(prefix)/share/paramscope/templates", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: "\(prefix)/bin/paramscope"))
        try Data().write(to: URL(fileURLWithPath: "\(prefix)/share/paramscope/templates/page.html.mustache"))
        let link = try TestSupport.temporaryDirectory() + "/paramscope"
        try manager.createSymbolicLink(atPath: link, withDestinationPath: "\(prefix)/bin/paramscope")
        let found = PageTemplate.locate(explicit: nil, executable: link)
        #expect(URL(fileURLWithPath: found).resolvingSymlinksInPath().path
                == URL(fileURLWithPath: "\(prefix)/share/paramscope/templates").resolvingSymlinksInPath().path)
        // 3. Otherwise ./templates.
        let bare = try TestSupport.temporaryDirectory()
        #expect(PageTemplate.locate(explicit: nil, executable: "\(bare)/bin/paramscope") == "templates")
    }
}
