import Foundation
import Testing
@testable import ParamScope

/// A report is counted and rendered in parts of a few models, on several cores: however the
/// lists are cut, the files are the same bytes (a page's blocks each end their line, so
/// sections rendered apart join into one page; report.json is appended in part order).
@Suite struct StreamPartsTests {
    @Test(arguments: [false, true]) func anyPartSizeGivesTheSameFiles(fragment: Bool) throws {
        // The bundled lists (descriptions), and fixtures whose models' notes go through cmark:
        // a part may end with a model's notes.
        let report = try TestSupport.report(["\(TestSupport.root)/configs", "\(TestSupport.fixtures)/seed.yaml",
                                             "\(TestSupport.fixtures)/hostile.yaml"])
        let template = try PageTemplate(directory: "\(TestSupport.root)/templates")
        let whole = try Site.render(report, template: template, fragment: fragment, partSize: 1_000_000)
        #expect(whole.files.count == 2 * report.lists.count + 3)
        for size in [1, 2, 3, 7] {
            let parts = try Site.render(report, template: template, fragment: fragment, partSize: size)
            #expect(parts.files.map(\.name) == whole.files.map(\.name))
            for (cut, one) in zip(parts.files, whole.files) {
                #expect(cut.contents == one.contents, "\(one.name) differs when cut into parts of \(size)")
            }
        }
    }

    /// Pages whose sections spill to the staging directory (here: every page, past one byte) are
    /// the same bytes as pages held in memory, for a whole page, a fragment, and a template that
    /// prints the body transformed (the sections read back).
    @Test(arguments: [(false, "templates"), (true, "templates"), (false, "escaping")])
    func spilledPagesAreTheSameBytes(fragment: Bool, templates: String) throws {
        let lists = TestSupport.relativeToRoot(try Pipeline.load(["\(TestSupport.root)/configs", "\(TestSupport.fixtures)/seed.yaml"]).get().0)
        var templateDirectory = "\(TestSupport.root)/templates"
        if templates == "escaping" {
            // `{{body}}` prints the body escaped: the page cannot be split at the body, and is
            // rendered with the sections read back whole.
            templateDirectory = try TestSupport.temporaryDirectory()
            try "<html><title>{{title}}</title><body>{{body}}</body></html>\n"
                .write(toFile: "\(templateDirectory)/page.html.mustache", atomically: true, encoding: .utf8)
            try "".write(toFile: "\(templateDirectory)/style.css", atomically: true, encoding: .utf8)
        }
        let template = try PageTemplate(directory: templateDirectory)
        let plan = ReportPlan(lists)
        let report = try ReportBuilder.build(lists).get()
        let site = try Site.render(report, template: template, fragment: fragment)
        var directory = OutputDirectory(try TestSupport.temporaryDirectory() + "/out")
        directory.spillBytes = 1
        let written = try directory.write(plan, template: template, fragment: fragment)
        #expect(written.files == site.files.map(\.name))
        for file in site.files {
            let bytes = try String(contentsOfFile: "\(directory.path)/\(file.name)", encoding: .utf8)
            #expect(bytes == file.contents, "\(file.name) differs when its sections spill")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(left == site.files.map(\.name).sorted())
    }
}
