import Testing
@testable import ParamScope

/// Every family from a YAML entry alone — preset, sizes and preset overrides, no config.json —
/// gives the same count as transformers for the model it describes (Fixtures/presets.yaml).
@Suite struct PresetYAMLTests {
    /// name → (total, active): the same models' counts in HFCorpusTests (the shared corpus,
    /// or hf_param_oracle.py with transformers 5.24.0 for Falcon-40B, Qwen3, OLMo-2, StarCoder,
    /// StarCoder2, DeepSeek-V3 and the sparse-step Qwen2-MoE).
    static let expected: [String: (Int, Int)] = [
        "GPT-2": (124_439_808, 124_439_808),
        "GPT-J-6B": (6_050_882_784, 6_050_882_784),
        "GPT-NeoX-20B": (20_554_567_680, 20_554_567_680),
        "StarCoder": (15_517_456_384, 15_517_456_384),
        "OPT-125m": (125_239_296, 125_239_296),
        "OPT-350m": (331_196_416, 331_196_416),
        "BLOOM-560m": (559_214_592, 559_214_592),
        "Falcon-7B": (6_921_720_704, 6_921_720_704),
        "Falcon-40B": (41_303_293_952, 41_303_293_952),
        // Legacy `RefinedWeb` means new_decoder_architecture: two norms per parallel block.
        "Falcon-40B-legacy": (41_303_293_952, 41_303_293_952),
        "Phi-2": (2_779_683_840, 2_779_683_840),
        "Phi-3-mini": (3_821_079_552, 3_821_079_552),
        "Mistral-7B": (7_241_732_096, 7_241_732_096),
        "Mixtral-8x7B": (46_702_792_704, 12_879_925_248),
        "Qwen2-7B": (7_615_616_512, 7_615_616_512),
        "Qwen2-57B-A14B": (57_408_658_944, 14_249_270_784),
        "Qwen3-8B": (8_190_735_360, 8_190_735_360),
        "Qwen3-30B-A3B": (30_532_122_624, 3_353_032_704),
        "Gemma-2B": (2_506_172_416, 2_506_172_416),
        "Gemma-2-9B": (9_241_705_984, 9_241_705_984),
        "OLMo-2-7B": (7_298_617_344, 7_298_617_344),
        "StarCoder2-7B": (7_173_923_840, 7_173_923_840),
        "DeepSeek-V2-Lite": (15_706_484_224, 2_661_150_208),
        "DeepSeek-V3": (671_026_404_352, 37_552_282_624),
        "BERT-base": (109_482_240, 109_482_240),
        "T5-base": (222_903_552, 222_903_552),
        // edge-qwen2-moe-sparse-step.json's oracle count (HFCorpusTests).
        "Qwen2-MoE-sparse-step": (4_061_184, 3_471_360),
    ]

    @Test func everyFamilyFromYAML() throws {
        let report = try TestSupport.report(["\(TestSupport.fixtures)/presets.yaml"])
        #expect(report.models.count == Self.expected.count)
        for model in report.models {
            let want = try #require(Self.expected[model.name], "\(model.name) has no expected count")
            #expect(model.result.total == want.0, "\(model.name) total")
            #expect(model.result.active == want.1, "\(model.name) active")
            #expect(model.result.worked.seed + model.result.worked.steps.map(\.delta).reduce(0, +) == want.0)
        }
    }

    /// A preset choice overridden in YAML changes the count by exactly what it adds: an untied
    /// head on GPT-2 adds V·h = 50257 × 768.
    @Test func overrideChangesTheCount() throws {
        let yaml = "models:\n  - {name: A, architecture: gpt2, layers: 12, hidden: 768, heads: 12, vocab: 50257, max_positions: 1024, tied_embeddings: false}\n"
        let report = try TestSupport.report([try TestSupport.write(yaml)])
        #expect(report.models[0].result.total == 124_439_808 + 50257 * 768)
    }
}
