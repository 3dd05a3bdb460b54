import Foundation
import Testing
@testable import ParamScope

/// What the fuzz targets found, kept in the normal suite so it stays fixed; and the targets'
/// in-memory entry points agree with the file readers the command line uses.
@Suite struct FuzzRegressionTests {
    static let seeds = "\(TestSupport.root)/fuzz/seeds"

    static func seedFiles(_ target: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "\(seeds)/\(target)")) ?? []).sorted().map { "\(seeds)/\(target)/\($0)" }
    }

    /// Every config.json seed gives the same spec through bytes as through its file.
    @Test func hfConfigBytesMatchTheFile() throws {
        let files = Self.seedFiles("hfconfig")
        #expect(files.count >= 40)
        for file in files {
            let fromBytes = try FuzzEntry.hfConfig(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
            #expect(fromBytes == (try HFConfigImporter.spec(fromFile: file, name: "fuzz")), "\(file)")
        }
    }

    /// The seeds of the targets added for #17 go through their entry points: nested configs
    /// give the top-level spec and one per nested object, an index its weight map, prose no raw
    /// HTML, a template a bounded page.
    @Test func newTargetSeeds() throws {
        let nested = Self.seedFiles("nested")
        #expect(nested.count >= 10)
        for file in nested {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            #expect(try FuzzEntry.nestedConfig(bytes).count >= 2, "\(file)")
        }
        #expect(try Self.seedFiles("index").map { try FuzzEntry.safetensorsIndex(Array(try Data(contentsOf: URL(fileURLWithPath: $0)))) } == [2, 3])
        for file in Self.seedFiles("prose") { FuzzEntry.markdownProse(Array(try Data(contentsOf: URL(fileURLWithPath: file)))) }
        // A quantized seed is the fixture's config.json and its safetensors: the same summary as
        // the command line reads from the fixture's directory.
        let quantized = Self.seedFiles("quantized")
        #expect(quantized.count >= 10)
        for file in quantized {
            let fromBytes = try FuzzEntry.quantized(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
            let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            let fromFile = try CheckpointReader.summary("\(TestSupport.fixtures)/checkpoints/quantized/\(name)/model.safetensors")
            #expect(fromBytes.inventory == fromFile.inventory, "\(file)")
            #expect((fromBytes.parameters, fromBytes.bytes) == (fromFile.parameters, fromFile.bytes), "\(file)")
        }
        for file in Self.seedFiles("ggufmodel") { _ = try FuzzEntry.ggufModel(Array(try Data(contentsOf: URL(fileURLWithPath: file)))) }
        for file in Self.seedFiles("template") {
            #expect(try FuzzEntry.pageTemplate(Array(try Data(contentsOf: URL(fileURLWithPath: file)))) > 100, "\(file)")
        }
    }

    /// Every checkpoint seed gives the same tensors and totals in memory as on disk.
    @Test(arguments: ["safetensors", "gguf"]) func checkpointBytesMatchTheFile(_ target: String) throws {
        for file in Self.seedFiles(target) {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            let fromBytes = target == "gguf" ? try FuzzEntry.gguf(bytes) : try FuzzEntry.safetensors(bytes)
            let fromFile = try CheckpointReader.summary(file)
            #expect(fromBytes.inventory == fromFile.inventory, "\(file)")
            #expect((fromBytes.parameters, fromBytes.bytes, fromBytes.tensors) == (fromFile.parameters, fromFile.bytes, fromFile.tensors))
        }
    }

    /// fuzz/hfconfig timeout (a T5 config with 612 layers took over 10 s under ASan): llama.cpp's
    /// per-layer type rule looked each layer up with `firstIndex`, O(layers²) per storage format.
    /// At the largest depth allowed (2¹² layers, encoder and decoder) a quadratic walk takes
    /// minutes; the binary search takes well under a second.
    @Test func deepT5CountsQuickly() throws {
        let json = """
            {"model_type": "t5", "d_ff": 3072, "d_kv": 64, "d_model": 767, "num_heads": 12,
             "num_layers": 4096, "relative_attention_num_buckets": 32, "vocab_size": 32128}
            """
        let start = ContinuousClock.now
        let spec = try FuzzEntry.hfConfig(Array(json.utf8))
        let elapsed = ContinuousClock.now - start
        #expect(spec.layers == 4096 && spec.encoder?.layers == 4096)
        #expect(elapsed < .seconds(20), "took \(elapsed)")
    }

    /// Found by review while fuzzing: 2³⁰ layers passed validation and the estimator walked them
    /// one by one (16 GB, minutes). Depth is now capped at 2¹² at load.
    @Test func layersBeyondTheCapAreRefused() throws {
        let json = #"{"model_type": "llama", "num_hidden_layers": 1073741824, "hidden_size": 64, "num_attention_heads": 4, "vocab_size": 10, "intermediate_size": 8}"#
        #expect(throws: Diagnostic(file: "config.json", "$.num_hidden_layers: `layers` (1073741824) is more than 2¹² = 4,096; no model is that deep")) {
            try FuzzEntry.hfConfig(Array(json.utf8))
        }
    }
}
