import Foundation
import Testing
@testable import ParamScope
@testable import ParamScopeCore

/// The README documents every YAML field and every preset (its "Fields of a model" and
/// "Presets" sections), so a field added without documentation fails here.
@Suite struct ReadmeFieldsTests {
    static func section(_ title: String, until next: String) throws -> String {
        let readme = try String(contentsOfFile: "\(TestSupport.root)/README.md", encoding: .utf8)
        let start = try #require(readme.range(of: title))
        let end = try #require(readme.range(of: next, range: start.upperBound..<readme.endIndex))
        return String(readme[start.upperBound..<end.lowerBound])
    }

    @Test func everyFieldIsDocumented() throws {
        let fields = try Self.section("### Fields of a model", until: "### Hugging Face config.json")
        for name in SpecField.all.map(\.name) + ConfigLoader.entryFields {
            #expect(fields.contains("`\(name)`"), "README does not document `\(name)`")
        }
    }

    @Test func everyPresetIsDocumented() throws {
        let presets = try Self.section("## Presets", until: "## Formulas")
        for name in Preset.names {
            #expect(presets.contains("| `\(name)`") || presets.contains(", `\(name)` |"), "README does not document preset `\(name)`")
        }
    }
}
