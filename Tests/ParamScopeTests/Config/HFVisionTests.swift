import Foundation
import Testing
@testable import ParamScope
@testable import ParamScopeCore

/// Vision-language config.json files, counted as their `architectures` class builds them (the
/// tower and the connector included), with the split by part.
///
/// `tower` is the oracle's count outside the language model (`model.vision_tower` +
/// `model.multi_modal_projector`, `model.visual`, `vision_model` + `multi_modal_projector`):
/// ParamScope's `vision` + `projector`. Where the checkpoint keeps the connector apart
/// (`multi_modal_projector`), `projector` is checked alone too.
@Suite struct HFVisionTests {
    struct Case: Sendable, CustomStringConvertible {
        var file: String
        var total: Int
        var active: Int
        var tower: Int
        /// `nil` where the checkpoint's names do not separate the connector (Qwen-VL's merger).
        var projector: Int?
        var description: String { file }
    }

    /// The five of the shared corpus (../shared/corpus/models.yaml, its `components`), and files
    /// written from published hyperparameters (Qwen2-VL-7B-Instruct, Qwen3-VL-8B / 2B-Instruct,
    /// Llama-3.2-11B-Vision config.json, every field given; the 90B and Qwen3-VL-30B-A3B from their published sizes) counted by
    /// ../shared/tools/hf_param_oracle.py (transformers 5.24.0; by hand, never from tests).
    static let cases: [Case] = [
        Case(file: "gemma-3-4b.json", total: 4_300_079_472, active: 4_300_079_472, tower: 416_866_032 + 2_950_272,
             projector: 2_950_272),
        Case(file: "llama-4-scout-17b-16e.json", total: 108_225_039_360, active: 17_628_072_960,
             tower: 415_856_640 + 39_321_600, projector: 39_321_600),
        Case(file: "mistral-small-3.1-24b.json", total: 24_011_361_280, active: 24_011_361_280,
             tower: 403_305_472 + 35_652_608, projector: 35_652_608),
        Case(file: "qwen2.5-vl-7b.json", total: 8_292_166_656, active: 8_292_166_656, tower: 676_550_144, projector: nil),
        Case(file: "llava-1.5-7b.json", total: 7_063_427_072, active: 7_063_427_072, tower: 303_507_456 + 20_979_712,
             projector: 20_979_712),
        Case(file: "qwen2-vl-7b.json", total: 8_291_375_616, active: 8_291_375_616, tower: 675_759_104, projector: nil),
        Case(file: "qwen3-vl-8b.json", total: 8_767_123_696, active: 8_767_123_696, tower: 576_388_336, projector: nil),
        Case(file: "qwen3-vl-2b.json", total: 2_127_532_032, active: 2_127_532_032, tower: 406_957_056, projector: nil),
        Case(file: "llama-3.2-11b-vision.json", total: 10_670_220_835, active: 10_670_220_835,
             tower: 863_567_379 + 31_461_376, projector: 31_461_376),
        // Llama-3.2-90B-Vision (the 11B's tower; 100 text layers, 20 of them cross-attention) and
        // Qwen3-VL-30B-A3B (`qwen3_vl_moe`: the Qwen3-VL tower on a Qwen3-MoE text model).
        Case(file: "llama-3.2-90b-vision.json", total: 88_593_355_323, active: 88_593_355_323,
             tower: 863_567_379 + 62_922_752, projector: 62_922_752),
        Case(file: "qwen3-vl-30b-a3b.json", total: 31_070_754_032, active: 3_891_664_112, tower: 538_631_408, projector: nil),
    ]

    @Test(arguments: cases)
    func countsAndParts(_ c: Case) throws {
        let result = try HFCorpusTests.result([HFCorpusTests.path(c.file)])
        #expect(result.total == c.total)
        #expect(result.active == c.active)
        let vision = result.components[.vision], projector = result.components[.projector]
        #expect(vision + projector == c.tower)
        if let expected = c.projector { #expect(projector == expected) }
        #expect(result.components.map(\.count).reduce(0, +) == c.total)
        let worked = result.worked
        #expect(worked.seed + worked.steps.map(\.delta).reduce(0, +) == c.total)
    }

    @Test(arguments: cases)
    func yamlEntryWithHFConfig(_ c: Case) throws {
        let yaml = "models:\n  - name: M\n    hf_config: \"\(HFCorpusTests.path(c.file))\"\n"
        let result = try HFCorpusTests.result([try TestSupport.write(yaml)])
        #expect(result.total == c.total)
        #expect(result.active == c.active)
    }

    /// Text models carry the two keys as zeros.
    @Test func textModelsHaveZeroVisionParts() throws {
        let result = try HFCorpusTests.result([HFCorpusTests.path("llama-7b.json")])
        #expect(result.components[.vision] == 0)
        #expect(result.components[.projector] == 0)
    }

    struct Variant: Sendable, CustomStringConvertible {
        var name: String
        var json: String
        var total: Int
        var active: Int
        var tower: Int
        var description: String { name }
    }

    /// 35 variants (Fixtures/hf/variants-vision.jsonl, counted the same way): a second
    /// feature layer and no projector bias (LLaVA), a SigLIP tower under LLaVA (without, with and by default with its attention-pooling head), towers from
    /// their config class's defaults (CLIP, SigLIP, Pixtral, Llama 4, Qwen2-VL, Qwen2.5-VL's
    /// 3584-wide default), tying by the top-level flag, Mistral 3's merge size 3 and its default 2, Qwen2.5-VL's
    /// text fields at the top level, Qwen3-VL without deepstack, Mllama's own cross-attention
    /// layers, tiles and aspect ratios; a file without `vision_config` (LLaVA and Mistral 3 build their released towers, Gemma 3 SigLIP's defaults) and one without a tower `model_type` (the config class's defaults); then released sizes
    /// beside the fixtures' (Gemma-3-27B, Llama-4-Maverick with its tower, LLaVA-1.5-13B, Qwen2-VL-2B tied).
    static let variants: [Variant] = {
        guard let text = try? String(contentsOfFile: "\(TestSupport.fixtures)/hf/variants-vision.jsonl", encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let name = object["name"] as? String, let total = object["total"] as? Int,
                  let active = object["active"] as? Int, let tower = object["tower"] as? Int, let config = object["config"],
                  let json = try? JSONSerialization.data(withJSONObject: config) else { return nil }
            return Variant(name: name, json: String(decoding: json, as: UTF8.self), total: total, active: active, tower: tower)
        }
    }()

    @Test func allVariantsLoaded() { #expect(Self.variants.count == 35) }

    @Test(arguments: variants)
    func variant(_ v: Variant) throws {
        let file = try TestSupport.write(v.json, as: "\(v.name).json")
        let result = try HFCorpusTests.result([file])
        #expect(result.total == v.total)
        #expect(result.active == v.active)
        #expect(result.components[.vision] + result.components[.projector] == v.tower)
    }

    /// An unknown tower type is refused at its JSON path.
    @Test func refusals() throws {
        let base = try String(contentsOfFile: HFCorpusTests.path("gemma-3-4b.json"), encoding: .utf8)
        let unknown = base.replacingOccurrences(of: "\"siglip_vision_model\"", with: "\"siglip2_vision_model\"")
        let file = try TestSupport.write(unknown, as: "unknown-tower.json")
        do { _ = try HFCorpusTests.result([file]); Issue.record("an unknown tower was accepted") } catch {
            #expect("\(error)".contains("$.vision_config.model_type: unsupported vision tower \"siglip2_vision_model\""))
        }
    }
}
