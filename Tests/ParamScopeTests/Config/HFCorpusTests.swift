import Foundation
import Testing
@testable import ParamScope
@testable import ParamScopeCore

/// Exact counts of real and edge-case config.json files, through both paths: the file passed
/// directly, and a YAML list entry importing it with `hf_config:`.
@Suite struct HFCorpusTests {
    struct Case: Sendable, CustomStringConvertible {
        var file: String
        var total: Int
        var active: Int
        init(_ file: String, total: Int, active: Int) {
            self.file = file
            self.total = total
            self.active = active
        }
        var description: String { file }
    }

    /// The shared corpus (../shared/corpus/models.yaml): totals and MoE active counts from
    /// transformers' own model code; the config.json files are copied into Fixtures/hf.
    static let corpus: [Case] = [
        Case("llama-7b.json", total: 6_738_415_616, active: 6_738_415_616),
        Case("llama-13b.json", total: 13_015_864_320, active: 13_015_864_320),
        Case("llama-30b.json", total: 32_528_943_616, active: 32_528_943_616),
        Case("llama-65b.json", total: 65_285_660_672, active: 65_285_660_672),
        Case("llama2-70b.json", total: 68_976_648_192, active: 68_976_648_192),
        Case("llama3.1-8b.json", total: 8_030_261_248, active: 8_030_261_248),
        Case("llama3.2-1b.json", total: 1_235_814_400, active: 1_235_814_400),
        Case("mistral-7b.json", total: 7_241_732_096, active: 7_241_732_096),
        Case("mixtral-8x7b.json", total: 46_702_792_704, active: 12_879_925_248),
        Case("qwen2-0.5b-instruct.json", total: 494_032_768, active: 494_032_768),
        Case("qwen2-7b-instruct.json", total: 7_615_616_512, active: 7_615_616_512),
        Case("qwen2-57b-a14b.json", total: 57_408_658_944, active: 14_249_270_784),
        Case("gemma-2b.json", total: 2_506_172_416, active: 2_506_172_416),
        Case("gemma-2-9b.json", total: 9_241_705_984, active: 9_241_705_984),
        Case("phi-2.json", total: 2_779_683_840, active: 2_779_683_840),
        Case("phi-3-mini-4k.json", total: 3_821_079_552, active: 3_821_079_552),
        Case("gpt2.json", total: 124_439_808, active: 124_439_808),
        Case("gpt2-xl.json", total: 1_557_611_200, active: 1_557_611_200),
        Case("gpt-j-6b.json", total: 6_050_882_784, active: 6_050_882_784),
        Case("gpt-neox-20b.json", total: 20_554_567_680, active: 20_554_567_680),
        Case("pythia-160m.json", total: 162_322_944, active: 162_322_944),
        Case("opt-125m.json", total: 125_239_296, active: 125_239_296),
        Case("opt-350m.json", total: 331_196_416, active: 331_196_416),
        Case("bloom-560m.json", total: 559_214_592, active: 559_214_592),
        Case("falcon-7b.json", total: 6_921_720_704, active: 6_921_720_704),
        Case("deepseek-v2-lite.json", total: 15_706_484_224, active: 2_661_150_208),
        Case("bert-base-uncased.json", total: 109_482_240, active: 109_482_240),
        Case("t5-base.json", total: 222_903_552, active: 222_903_552),
        // The 2024–2026 text families of the corpus (their `class` is the config's architectures[0]).
        Case("gemma-3-1b.json", total: 999_885_952, active: 999_885_952),
        Case("gpt-oss-20b.json", total: 20_914_757_184, active: 4_187_440_704),
        Case("glm-4.5-air.json", total: 103_481_200_640, active: 10_053_079_040),
        Case("phi-3.5-moe.json", total: 41_872_793_600, active: 6_640_640_000),
        Case("olmoe-1b-7b.json", total: 6_919_161_856, active: 1_282_017_280),
        Case("granite-3.1-8b.json", total: 8_170_848_256, active: 8_170_848_256),
        Case("command-r7b.json", total: 8_028_033_024, active: 8_028_033_024),
        Case("smollm3-3b.json", total: 3_075_098_624, active: 3_075_098_624),
        Case("deepseek-v3.2-exp.json", total: 671_877_929_216, active: 38_403_807_488),
        Case("ernie-4.5-21b-a3b.json", total: 21_825_437_888, active: 3_352_150_208),
        Case("minimax-m2.json", total: 228_689_748_992, active: 11_030_537_216),
    ]

    /// The 2024–2026 families the corpus has no file for, written from each model's published
    /// hyperparameters (model card / config.json on the Hub) with every field given, counted by
    /// ../shared/tools/hf_param_oracle.py (transformers 5.24.0, torch 2.15.0; by hand). Kimi K2's
    /// `model_type: kimi_k2` is unknown to transformers: it was counted as the same file with
    /// `model_type: deepseek_v3`, the class it is saved from (DeepseekV3ForCausalLM).
    static let current: [Case] = [
        Case("apertus-8b.json", total: 8_053_338_176, active: 8_053_338_176),
        Case("command-r-plus.json", total: 103_810_674_688, active: 103_810_674_688),
        Case("command-r-v01.json", total: 34_980_831_232, active: 34_980_831_232),
        Case("ernie-4.5-0.3b.json", total: 360_748_032, active: 360_748_032),
        Case("exaone-4.0-1.2b.json", total: 1_279_391_488, active: 1_279_391_488),
        Case("exaone-4.0-32b.json", total: 32_003_216_384, active: 32_003_216_384),
        Case("gemma-3-270m.json", total: 268_098_176, active: 268_098_176),
        Case("glm-4-9b-0414.json", total: 9_400_279_040, active: 9_400_279_040),
        Case("glm-4.5.json", total: 352_797_814_784, active: 33_632_251_904),
        Case("gpt-oss-120b.json", total: 116_829_156_672, active: 5_711_982_912),
        Case("granite-3.0-3b-a800m.json", total: 3_298_793_472, active: 882_874_368),
        Case("kimi-k2.json", total: 1_026_408_209_408, active: 32_861_477_888),
        Case("llama-4-maverick-text.json", total: 400_711_848_960, active: 17_184_691_200),
        Case("olmo-3-7b.json", total: 7_298_011_136, active: 7_298_011_136),
        Case("seed-oss-36b.json", total: 36_151_104_512, active: 36_151_104_512),
    ]

    /// Families and layouts the corpus lacks (Qwen3, Qwen3-MoE, StarCoder/gpt_bigcode, StarCoder2,
    /// OLMo-2, Falcon's new_decoder_architecture and legacy RefinedWeb, DeepSeek-V3, T5 v1.1, ...)
    /// and small edge-case files (omitted fields → transformers' defaults, sparse-step MoE,
    /// mlp_only_layers, QK LayerNorm, MHA gpt_bigcode, projected OPT without biases, one-norm
    /// Falcon, uneven gated T5). Counts from ../shared/tools/hf_param_oracle.py run by hand with
    /// transformers 5.24.0 and torch 2.15.0 (never run from tests); the files are in Fixtures/hf.
    static let oracle: [Case] = [
        Case("qwen3-8b.json", total: 8_190_735_360, active: 8_190_735_360),
        Case("qwen3-0.6b.json", total: 596_049_920, active: 596_049_920),
        Case("qwen3-30b-a3b.json", total: 30_532_122_624, active: 3_353_032_704),
        Case("starcoder.json", total: 15_517_456_384, active: 15_517_456_384),
        Case("starcoder2-7b.json", total: 7_173_923_840, active: 7_173_923_840),
        Case("olmo-2-7b.json", total: 7_298_617_344, active: 7_298_617_344),
        Case("falcon-40b.json", total: 41_303_293_952, active: 41_303_293_952),
        Case("falcon-180b.json", total: 178_557_088_768, active: 178_557_088_768),
        Case("deepseek-v3.json", total: 671_026_404_352, active: 37_552_282_624),
        Case("deepseek-v2.json", total: 235_741_434_880, active: 21_375_800_320),
        Case("gemma-7b.json", total: 8_537_680_896, active: 8_537_680_896),
        Case("t5-v1_1-base.json", total: 222_903_552, active: 222_903_552),
        Case("mixtral-8x22b.json", total: 140_630_071_296, active: 39_161_468_928),
        Case("llama3-70b.json", total: 70_553_706_496, active: 70_553_706_496),
        Case("bert-large-uncased.json", total: 335_141_888, active: 335_141_888),
        Case("edge-deepseek-v3-small.json", total: 4_297_280, active: 2_527_808),
        Case("edge-falcon-new-one-norm.json", total: 1_637_632, active: 1_637_632),
        Case("edge-gemma2-omitted.json", total: 9_953_792, active: 9_953_792),
        Case("edge-gpt-bigcode-mha.json", total: 1_967_104, active: 1_967_104),
        Case("edge-mistral-omitted.json", total: 5_745_152, active: 5_745_152),
        Case("edge-opt-projected-nobias.json", total: 2_293_760, active: 2_293_760),
        Case("edge-phi-qk-layernorm.json", total: 2_092_264, active: 2_092_264),
        Case("edge-qwen2-moe-sparse-step.json", total: 4_061_184, active: 3_471_360),
        Case("edge-qwen3-omitted.json", total: 20_950_016, active: 20_950_016),
        Case("edge-starcoder2-nobias.json", total: 1_634_816, active: 1_634_816),
        Case("edge-t5-gated-uneven.json", total: 3_602_048, active: 3_602_048),
        Case("falcon-rw-1b.json", total: 1_311_625_216, active: 1_311_625_216),
    ]

    /// Every config.json with its count, read both ways by the tests below (the state-space and
    /// hybrid files included: `HFRecurrentTests` adds only what is theirs).
    static let all = corpus + oracle + current + HFRecurrentTests.all

    static func path(_ file: String) -> String { "\(TestSupport.fixtures)/hf/\(file)" }

    static func result(_ paths: [String]) throws -> ModelResult {
        let report = try TestSupport.report(paths)
        let models = report.models
        try #require(models.count == 1)
        return models[0].result
    }

    @Test(arguments: all)
    func configJSONDirectly(_ c: Case) throws {
        let result = try Self.result([Self.path(c.file)])
        #expect(result.total == c.total)
        #expect(result.active == c.active)
    }

    @Test(arguments: all)
    func yamlEntryWithHFConfig(_ c: Case) throws {
        let yaml = "title: T\nmodels:\n  - name: M\n    hf_config: \"\(Self.path(c.file))\"\n"
        let result = try Self.result([try TestSupport.write(yaml)])
        #expect(result.total == c.total)
        #expect(result.active == c.active)
    }

    /// The worked calculation starts at seed_full, every step changes the count, and the steps
    /// add up exactly to the exact total.
    @Test(arguments: all)
    func workedCalculationAddsUp(_ c: Case) throws {
        let result = try Self.result([Self.path(c.file)])
        let worked = result.worked
        #expect(worked.seed == result.seed.full)
        #expect(worked.total == c.total)
        #expect(worked.seed + worked.steps.map(\.delta).reduce(0, +) == c.total)
        #expect(worked.steps.allSatisfy { $0.delta != 0 && !$0.formula.isEmpty && !$0.label.isEmpty })
    }

    /// The breakdown covers the whole model (DESIGN's keys, zeros included).
    @Test(arguments: all)
    func componentsSumToTotal(_ c: Case) throws {
        let result = try Self.result([Self.path(c.file)])
        #expect(result.components.count == Component.allCases.count)
        #expect(result.components.map(\.count).reduce(0, +) == c.total)
    }
}

/// 92 small config.json variants across every family — fields omitted or explicit, biases and
/// tying toggled, MQA/GQA/MHA, sparse steps, dense layers, query latents on and off, gated T5,
/// legacy Falcon names — one per line of Fixtures/hf/variants.jsonl with the count
/// ../shared/tools/hf_param_oracle.py gave for it (transformers 5.24.0, torch 2.15.0; run by
/// hand, never from tests). Each is written to a temporary config.json and read both ways.
@Suite struct HFVariantTests {
    struct Variant: Sendable, CustomStringConvertible {
        var name: String
        var json: String
        var total: Int
        var active: Int
        var description: String { name }
    }

    static let variants = load("variants.jsonl")

    /// 87 small variants of the 2024–2026 families (Fixtures/hf/variants-2024.jsonl, counted the
    /// same way): every family with transformers' defaults, GQA and tying toggled, biases asked
    /// for where the family ignores them (EXAONE 4, MiniMax-M2), sliding periods and explicit
    /// `layer_types`, NoPE lists, `interleave_moe_layer_step` 2 and 3, `moe_layers`, ERNIE's MoE
    /// start/end/interval and `use_bias` (the MoE head's bias), `mlp_layer_types`, QK-norm on/off;
    /// then 8 written from published hyperparameters in older and current forms (Command A with
    /// `sliding_window_pattern`, ERNIE-4.5-300B-A47B with MoE from layer 3, Gemma-3-27B's text
    /// stack without `layer_types`, OLMo-3-32B, GLM-4.6 with QK-norm, and small gpt-oss, Llama 4
    /// `moe_layers` and ERNIE interval-2 models).
    static let current = load("variants-2024.jsonl")

    static func load(_ file: String) -> [Variant] {
        guard let text = try? String(contentsOfFile: "\(TestSupport.fixtures)/hf/\(file)", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let name = object["name"] as? String, let total = object["total"] as? Int,
                  let active = object["active"] as? Int, let config = object["config"],
                  let json = try? JSONSerialization.data(withJSONObject: config) else { return nil }
            return Variant(name: name, json: String(decoding: json, as: UTF8.self), total: total, active: active)
        }
    }

    @Test func allVariantsLoaded() {
        #expect(Self.variants.count == 92)
        #expect(Self.current.count == 95)
    }

    @Test(arguments: variants + current)
    func bothPaths(_ v: Variant) throws {
        let file = try TestSupport.write(v.json, as: "\(v.name).json")
        let direct = try HFCorpusTests.result([file])
        #expect(direct.total == v.total)
        #expect(direct.active == v.active)
        let yaml = "models:\n  - name: M\n    hf_config: \"\(file)\"\n"
        let imported = try HFCorpusTests.result([try TestSupport.write(yaml)])
        #expect(imported.total == v.total)
        #expect(imported.active == v.active)
        #expect(imported.worked.seed + imported.worked.steps.map(\.delta).reduce(0, +) == v.total)
    }
}
