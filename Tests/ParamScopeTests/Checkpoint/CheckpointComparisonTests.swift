import Foundation
import Testing
@testable import ParamScope
@testable import ParamScopeCore

/// A model beside its checkpoint: estimate vs file, and the gate.
@Suite struct CheckpointComparisonTests {
    static let folder = "\(TestSupport.fixtures)/checkpoints"

    static func report(_ paths: [String]) throws -> Report {
        switch Pipeline.run(paths) {
        case .success((let report, _)): return report
        case .failure(let problems): throw problems
        }
    }

    @Test(arguments: ["tiny-llama", "tiny-llama-sharded"])
    func modelDirectoryPicksUpItsCheckpoint(_ directory: String) throws {
        let model = try #require(try Self.report(["\(Self.folder)/\(directory)"]).models.first)
        let comparison = try #require(model.result.checkpoint)
        #expect(comparison.estimatedParameters == 106_816)
        #expect(comparison.fileParameters == 106_816)
        #expect(comparison.matches)
        #expect(comparison.onlyInEstimate.isEmpty && comparison.onlyInFile.isEmpty)
        #expect(!comparison.tiedStoredTwice)
        // BF16 file: estimate bf16 = 2 bytes · 106,816; the F16/F32 shards: estimate in fp16.
        if directory == "tiny-llama" {
            #expect(comparison.estimatedFormat == "bf16" && comparison.estimatedBytes == 213_632)
            #expect(comparison.summary.bytes == 213_632)
        } else {
            #expect(comparison.estimatedFormat == "fp16" && comparison.estimatedBytes == 213_632)
        }
        #expect(Gate.failures(try Self.report(["\(Self.folder)/\(directory)"]), maxDeviationPercent: 100).isEmpty)
    }

    /// A list naming the checkpoint (relative to the list): one model that matches, one with a
    /// layer too many, and one whose config ties the head the file stores twice.
    @Test func listEntriesWithCheckpoints() throws {
        let directory = try TestSupport.temporaryDirectory()
        try FileManager.default.copyItem(atPath: "\(Self.folder)/tiny-llama/model.safetensors",
                                         toPath: "\(directory)/model.safetensors")
        let sizes = "architecture: llama\n    hidden: 64\n    heads: 4\n    kv_heads: 2\n    ffn: 128\n    vocab: 256\n    checkpoint: model.safetensors"
        let list = """
            title: Tiny
            models:
              - name: right
                layers: 2
                \(sizes)
              - name: one-layer-too-many
                layers: 3
                \(sizes)
              - name: tied
                layers: 2
                tied_embeddings: true
                \(sizes)
            """
        try Data(list.utf8).write(to: URL(fileURLWithPath: "\(directory)/tiny.yaml"))
        let report = try Self.report(["\(directory)/tiny.yaml"])
        let byName = Dictionary(uniqueKeysWithValues: report.models.map { ($0.name, $0) })

        let right = try #require(byName["right"]?.result.checkpoint)
        #expect(right.matches)

        // A third layer: 36,992 parameters and 9 tensors the file does not have.
        let extra = try #require(byName["one-layer-too-many"]?.result.checkpoint)
        #expect(!extra.matches)
        #expect(extra.estimatedParameters - extra.fileParameters == 36_992)
        #expect(extra.onlyInEstimate.count == 9 && extra.onlyInEstimate.allSatisfy { $0.hasPrefix("model.layers.2.") })
        #expect(extra.onlyInFile.isEmpty)

        // Tied in the config, stored twice in the file: the 256·64 copy is counted once.
        let tied = try #require(byName["tied"]?.result.checkpoint)
        #expect(tied.tiedStoredTwice && tied.duplicateParameters == 16_384)
        #expect(tied.matches)
        #expect(tied.onlyInFile == ["lm_head.weight"])

        let failures = Gate.failures(report, maxDeviationPercent: 100)
        #expect(failures.count == 1)
        #expect(failures.first?.contains("one-layer-too-many: the checkpoint") == true)

        let json = JSONWriter().document(report)
        #expect(json.contains("\"only_in_estimate\""))
        #expect(json.contains("\"tied_stored_twice\": true"))
    }

    @Test func badCheckpointIsAnInputError() throws {
        let directory = try TestSupport.temporaryDirectory()
        try Data("not a checkpoint".utf8).write(to: URL(fileURLWithPath: "\(directory)/bad.safetensors"))
        let list = "title: T\nmodels:\n  - name: m\n    layers: 2\n    hidden: 64\n    heads: 4\n    vocab: 256\n    checkpoint: bad.safetensors\n"
        try Data(list.utf8).write(to: URL(fileURLWithPath: "\(directory)/t.yaml"))
        let diagnostics = TestSupport.diagnostics(["\(directory)/t.yaml"])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.contains("bad.safetensors: error: the header length") == true)
    }

    /// The built binary: `inspect` prints JSON for a good file and exits 2 naming a bad one.
    @Test func inspectExitCodes() throws {
        let binary = "\(TestSupport.root)/.build/debug/paramscope"
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the executable first")
        func run(_ arguments: [String]) throws -> (Int32, String, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, stdout, stderr)
        }
        let (status, stdout, _) = try run(["inspect", "\(Self.folder)/tiny.gguf", "--format", "json"])
        #expect(status == 0)
        #expect(stdout.contains("\"parameters\": 29248"))
        let bad = try CheckpointBytes.write(Array("GGUF".utf8) + CheckpointBytes.u32(3), as: "bad.gguf")
        let (badStatus, _, stderr) = try run(["inspect", bad])
        #expect(badStatus == 2)
        #expect(stderr.contains("\(bad): error: truncated: the tensor count"))
    }
}
