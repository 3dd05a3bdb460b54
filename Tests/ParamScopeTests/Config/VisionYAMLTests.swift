import Foundation
import Testing
@testable import ParamScope
@testable import ParamScopeCore

/// Native YAML `vision:` mappings: the same counts as the config.json files they restate
/// (HFVisionTests' oracle counts), and errors at the line and column of the field.
@Suite struct VisionYAMLTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var yaml: String
        var total: Int
        var vision: Int
        var projector: Int
        var description: String { name }
    }

    static let cases: [Case] = [
        // Gemma-3-4B: the corpus's 4,300,079,472 (vision_tower 416,866,032, projector 2,950,272).
        Case(name: "gemma3", yaml: """
            architecture: gemma3_text
            layers: 34
            hidden: 2560
            heads: 8
            kv_heads: 4
            head_dim: 256
            ffn: 10240
            vocab: 262208
            vision: {preset: siglip, layers: 27, hidden: 1152, heads: 16, ffn: 4304, image_size: 896, patch_size: 14, pooling_head: false}
        """, total: 4_300_079_472, vision: 416_866_032, projector: 2_950_272),
        // LLaVA-1.5-7B: 7,063,427,072 (vision_tower 303,507,456, projector 20,979,712).
        Case(name: "llava", yaml: """
            architecture: llama
            layers: 32
            hidden: 4096
            heads: 32
            ffn: 11008
            vocab: 32064
            vision: {preset: clip, layers: 24, hidden: 1024, heads: 16, ffn: 4096, image_size: 336, patch_size: 14}
        """, total: 7_063_427_072, vision: 303_507_456, projector: 20_979_712),
        // Mistral-Small-3.1-24B: 24,011,361,280 (vision_tower 403,305,472, projector 35,652,608).
        Case(name: "mistral3", yaml: """
            architecture: mistral
            layers: 40
            hidden: 5120
            heads: 32
            kv_heads: 8
            head_dim: 128
            ffn: 32768
            vocab: 131072
            vision: {preset: pixtral, layers: 24, hidden: 1024, heads: 16, head_dim: 64, ffn: 4096, patch_size: 14}
        """, total: 24_011_361_280, vision: 403_305_472, projector: 35_652_608),
        // Qwen2.5-VL-7B: 8,292,166,656 (model.visual 676,550,144 = tower + merger 44,574,464).
        Case(name: "qwen2.5-vl", yaml: """
            architecture: qwen2
            layers: 28
            hidden: 3584
            heads: 28
            kv_heads: 4
            ffn: 18944
            vocab: 152064
            tied_embeddings: false
            vision: {preset: qwen2_5_vl, hidden: 1280, output: 3584}
        """, total: 8_292_166_656, vision: 631_975_680, projector: 44_574_464),
        // Qwen3-VL-8B: 8,767,123,696 (model.visual 576,388,336).
        Case(name: "qwen3-vl", yaml: """
            architecture: qwen3
            layers: 36
            hidden: 4096
            heads: 32
            kv_heads: 8
            head_dim: 128
            ffn: 12288
            vocab: 151936
            tied_embeddings: false
            vision: {preset: qwen3_vl, output: 4096}
        """, total: 8_767_123_696, vision: 536_269_296, projector: 40_119_040),
        // Llama-3.2-11B-Vision: 10,670,220,835 (vision_model 863,567,379, projector 31,461,376).
        Case(name: "mllama", yaml: """
            architecture: mllama_text_model
            layers: 40
            hidden: 4096
            heads: 32
            kv_heads: 8
            ffn: 14336
            vocab: 128256
            vision: {preset: mllama, image_size: 560}
        """, total: 10_670_220_835, vision: 863_567_379, projector: 31_461_376),
    ]

    static func list(_ fields: String) -> String {
        "models:\n  - name: M\n" + fields.split(separator: "\n").map { "    " + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n") + "\n"
    }

    @Test(arguments: cases)
    func countsAsTheConfigJSON(_ c: Case) throws {
        let result = try HFCorpusTests.result([try TestSupport.write(Self.list(c.yaml))])
        #expect(result.total == c.total)
        #expect(result.components[.vision] == c.vision)
        #expect(result.components[.projector] == c.projector)
    }

    /// Written field order does not matter: the projector reads the text width set after it.
    @Test func visionBeforeTextFields() throws {
        let yaml = "models:\n  - name: M\n    vision: {preset: clip, layers: 24, hidden: 1024, heads: 16, ffn: 4096, image_size: 336, patch_size: 14}\n    architecture: llama\n    layers: 32\n    hidden: 4096\n    heads: 32\n    ffn: 11008\n    vocab: 32064\n"
        let result = try HFCorpusTests.result([try TestSupport.write(yaml)])
        #expect(result.total == 7_063_427_072)
    }

    @Test func errorsAtTheirField() throws {
        let text = "models:\n  - name: M\n    architecture: llama\n    layers: 2\n    hidden: 64\n    heads: 4\n    ffn: 128\n    vocab: 100\n    vision:\n      preset: siglip\n      global_layers: 2\n      projector: merger\n      hieght: 3\n"
        let path = try TestSupport.write(text)
        let problems = TestSupport.diagnostics([path])
        #expect(problems.contains { $0.contains("list.yaml:11:22: error: `vision.global_layers` applies to the mllama tower, not siglip") })
        #expect(problems.contains { $0.contains("list.yaml:12:18: error: `vision.projector: merger` is Qwen-VL's") })
        #expect(problems.contains { $0.contains("list.yaml:13:7: error: unknown vision field `hieght`") })
        let preset = try TestSupport.write("models:\n  - name: M\n    architecture: llama\n    layers: 2\n    hidden: 64\n    heads: 4\n    ffn: 128\n    vocab: 100\n    vision: {preset: sigclip}\n")
        #expect(TestSupport.diagnostics([preset]).contains { $0.contains("list.yaml:9:22: error: unknown vision preset \"sigclip\"; did you mean `siglip`?") })
        let heads = try TestSupport.write("models:\n  - name: M\n    architecture: llama\n    layers: 2\n    hidden: 64\n    heads: 4\n    ffn: 128\n    vocab: 100\n    vision: {preset: clip, hidden: 64, heads: 5}\n")
        #expect(TestSupport.diagnostics([heads]).contains { $0.contains("list.yaml:9:47: error: `vision.heads` (5) must divide `vision.hidden` (64)") })
        let imported = try TestSupport.write("models:\n  - name: M\n    hf_config: \"\(HFCorpusTests.path("gemma-3-4b.json"))\"\n    vision: {preset: clip}\n")
        #expect(TestSupport.diagnostics([imported]).contains { $0.contains("list.yaml:4:13: error: the hf_config file has its own vision tower") })
    }
}
