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
}
