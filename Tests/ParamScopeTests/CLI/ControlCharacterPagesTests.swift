import Foundation
import Testing

/// Control characters that are not refused (they come from a directory's name, not a list)
/// reach neither a page nor the terminal raw.
@Suite struct ControlCharacterPagesTests {
    @Test func directoryNameWithEscapes() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let model = "\(directory)/m\u{1B}[31mx\u{7}"
        try FileManager.default.createDirectory(atPath: model, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(TestSupport.fixtures)/hf/gpt2.json", toPath: "\(model)/config.json")
        let output = try CommandRunner.run(["report", model, "--out", "\(directory)/out"])
        #expect(output.status == 0, "\(output.stderr)")
        for name in try FileManager.default.contentsOfDirectory(atPath: "\(directory)/out") {
            let bytes = try #require(FileManager.default.contents(atPath: "\(directory)/out/\(name)"))
            #expect(!bytes.contains(0x1B) && !bytes.contains(0x07), "a control character in \(name)")
        }
        let html = try String(contentsOfFile: "\(directory)/out/index.html", encoding: .utf8)
        #expect(html.contains("m\u{FFFD}[31mx\u{FFFD}"))
        // The same name in a diagnostic: escaped.
        let missing = try CommandRunner.run(["estimate", "\(model)/nope.json"])
        #expect(missing.status == 2)
        #expect(missing.firstError == "\(directory)/m\\u{1B}[31mx\\u{7}/nope.json: error: no such file or directory")
        #expect(!missing.stderr.utf8.contains(0x1B))
        // And in the terminal table on stdout (the model is named after its directory).
        let table = try CommandRunner.run(["estimate", model])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(!table.stdout.utf8.contains(0x1B) && !table.stdout.utf8.contains(0x07))
        #expect(table.stdout.contains("m\\u{1B}[31mx\\u{7}"))
    }
}
