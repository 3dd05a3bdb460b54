import Foundation
import Testing
@testable import ParamScope

/// A render or write failure names what failed (the page, the file, whose prose), not "cannot
/// write the report".
@Suite struct RenderErrorTests {
    /// A whole page without a template: the first page that needed it, in page order.
    @Test func missingTemplateNamesThePage() throws {
        let report = try TestSupport.report(["\(TestSupport.fixtures)/seed.yaml"])
        #expect(throws: RenderError.noTemplate(page: "seed.html")) {
            try Site.render(report, template: nil, fragment: false)
        }
        #expect(RenderError.noTemplate(page: "seed.html").description == "no page template loaded for seed.html")
    }

    /// A file that cannot be created: its name, the directory, the system's reason — and as a
    /// diagnostic, at the file's path.
    @Test func unwritableFileNamesTheFile() throws {
        let directory = try TestSupport.temporaryDirectory() + "/missing"
        let sink = StagingSink(directory: directory)
        let expected = RenderError.file(name: "index.md", directory: directory, action: .create, reason: "No such file or directory")
        #expect(throws: expected) { try sink.write("index.md", [OutputBuffer("text")]) }
        #expect(throws: expected) { try sink.append("index.md", OutputBuffer("text")) }
        #expect(expected.diagnostic.description
                == "\(directory)/index.md: error: cannot create this page of the report: No such file or directory")
    }

    @Test func cmarkFailureNamesTheProse() {
        #expect(RenderError.markdown(of: "the notes of model \"M\"").description
                == "cmark could not render the notes of model \"M\"")
    }
}
