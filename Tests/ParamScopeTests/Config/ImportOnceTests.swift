import Foundation
import Testing
@testable import ParamScope

/// An `hf_config` is read and parsed once per run, however many models and lists name it.
@Suite struct ImportOnceTests {
    static let config = """
        {"model_type": "llama", "num_hidden_layers": 2, "hidden_size": 64, "num_attention_heads": 4,
         "num_key_value_heads": 4, "intermediate_size": 128, "vocab_size": 100, "max_position_embeddings": 128}
        """

    @Test func sharedConfigParsedOnce() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(Self.config.utf8).write(to: URL(fileURLWithPath: "\(directory)/shared.json"))
        // Named in `defaults:` (every model of the list), by two lists, and spelled another way.
        let list = "defaults:\n  hf_config: shared.json\nmodels:\n" + (1...50).map { "  - name: M\($0)\n" }.joined()
        try Data(list.utf8).write(to: URL(fileURLWithPath: "\(directory)/a.yaml"))
        try Data(list.utf8).write(to: URL(fileURLWithPath: "\(directory)/b.yaml"))
        try Data("models:\n  - name: X\n    hf_config: ./shared.json\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/c.yaml"))
        let imports = HFConfigCache()
        let (lists, diagnostics) = ConfigLoader().load([directory], imports: imports)
        #expect(diagnostics.isEmpty)
        #expect(lists.map(\.models.count) == [50, 50, 1])
        #expect(imports.parses == 1)
        // Every model still gets its own name and the file's sizes.
        #expect(lists[1].models[49].spec.name == "M50")
        #expect(lists[2].models[0].spec.hidden == 64)
    }

    /// A broken shared file is one parse too, and every model that names it reports it.
    @Test func brokenSharedConfigParsedOnce() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("{\"model_type\": 1e400}".utf8).write(to: URL(fileURLWithPath: "\(directory)/shared.json"))
        try Data("defaults:\n  hf_config: shared.json\nmodels:\n  - name: A\n  - name: B\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/a.yaml"))
        let imports = HFConfigCache()
        let (_, diagnostics) = ConfigLoader().load([directory], imports: imports)
        #expect(imports.parses == 1)
        #expect(diagnostics.map(\.description) == [
            "\(directory)/a.yaml:2:14: error: cannot import hf_config \"shared.json\": line 1, column 16: not valid JSON: the number 1e400 is out of range (beyond ±1.8e308)",
            "\(directory)/a.yaml:2:14: error: cannot import hf_config \"shared.json\": line 1, column 16: not valid JSON: the number 1e400 is out of range (beyond ±1.8e308)",
        ])
    }

    /// An absolute `hf_config` path is allowed (README: a list is the user's own file); index
    /// shards, read from files that may come from anywhere, are not.
    @Test func absoluteHFConfigPath() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: "\(directory)/elsewhere", withIntermediateDirectories: true)
        try Data(Self.config.utf8).write(to: URL(fileURLWithPath: "\(directory)/elsewhere/c.json"))
        try FileManager.default.createDirectory(atPath: "\(directory)/lists", withIntermediateDirectories: true)
        try Data("models:\n  - name: A\n    hf_config: \(directory)/elsewhere/c.json\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/lists/a.yaml"))
        let output = try CommandRunner.run(["estimate", "\(directory)/lists/a.yaml", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("\"name\": \"A\""))
    }
}
