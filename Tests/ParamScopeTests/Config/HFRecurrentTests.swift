import Foundation
import Testing
@testable import ParamScope
@testable import ParamScopeCore

/// State-space and hybrid families (issue #13): Mamba, Falcon-Mamba, Mamba-2, Jamba, Falcon-H1,
/// Granite 4 hybrid, Qwen3-Next, LFM2: their cases join `HFCorpusTests.all` (exact total and
/// active counts through both paths); here the recurrent step of the worked calculation, the
/// `ssm` component, their tensors and their memory.
@Suite struct HFRecurrentTests {
    typealias Case = HFCorpusTests.Case

    /// The shared corpus's four (../shared/corpus/models.yaml), copied into Fixtures/hf.
    static let corpus: [Case] = [
        Case("mamba-2.8b.json", total: 2_768_345_600, active: 2_768_345_600),
        Case("mamba2-2.7b.json", total: 2_702_599_680, active: 2_702_599_680),
        Case("jamba-v0.1.json", total: 51_570_323_328, active: 12_110_311_296),
        Case("qwen3-next-80b-a3b.json", total: 79_674_391_296, active: 3_874_929_408),
    ]

    /// Written from each model's published hyperparameters (its config.json on the Hub, every
    /// field given) and counted by ../shared/tools/hf_param_oracle.py by hand (transformers
    /// 5.24.0, torch 2.15.0; never from tests): Falcon-Mamba-7B, Mamba-130M, Mamba2-130M,
    /// Falcon-H1-0.5B and -7B, Granite-4.0-H-Tiny (MoE) and -Micro (dense), LFM2-1.2B and -350M.
    static let oracle: [Case] = [
        Case("falcon-mamba-7b.json", total: 7_272_665_088, active: 7_272_665_088),
        Case("mamba-130m.json", total: 129_135_360, active: 129_135_360),
        Case("mamba2-130m.json", total: 128_989_632, active: 128_989_632),
        Case("falcon-h1-0.5b.json", total: 521_411_104, active: 521_411_104),
        Case("falcon-h1-7b.json", total: 7_585_519_712, active: 7_585_519_712),
        Case("granite-4.0-h-tiny.json", total: 6_939_037_248, active: 1_465_470_528),
        Case("granite-4.0-h-micro.json", total: 3_099_227_264, active: 3_099_227_264),
        Case("lfm2-1.2b.json", total: 1_170_340_608, active: 1_170_340_608),
        Case("lfm2-350m.json", total: 354_483_968, active: 354_483_968),
    ]

    static let all = corpus + oracle

    /// The worked calculation adds up, the recurrent mixer is a step of its own, and the `ssm`
    /// component holds it.
    @Test(arguments: all)
    func workedCalculationAndComponents(_ c: Case) throws {
        let result = try HFCorpusTests.result([HFCorpusTests.path(c.file)])
        #expect(result.worked.seed + result.worked.steps.map(\.delta).reduce(0, +) == c.total)
        #expect(result.worked.steps.allSatisfy { $0.delta != 0 && !$0.formula.isEmpty && !$0.label.isEmpty })
        let recurrent: Set<PartKind> = [.mamba, .mamba2, .gatedDeltaNet, .shortConvolution]
        #expect(result.worked.steps.contains { recurrent.contains($0.kind) })
        #expect(result.components.map(\.count).reduce(0, +) == c.total)
        #expect(result.components[.ssm] > 0)
    }

    /// Jamba-v0.1's layer-by-layer tensors, by hand: layer 4 of every 8 attends, the other 28
    /// are Mamba-1; layers 1, 3, 5, … have 16 experts.
    @Test func jambaTensorsByHand() throws {
        let spec = try HFConfigImporter.spec(fromFile: HFCorpusTests.path("jamba-v0.1.json"), name: "Jamba")
        let inventory = try Estimator.inventory(for: spec)
        func entry(_ name: String) -> TensorEntry? { inventory.tensors.first { $0.name == name } }
        // The 28 Mamba layers are runs between the attention layers: 0–3, 5–11, 13–19, 21–27, 29–31.
        let conv = inventory.tensors.filter { $0.name == "model.layers.{layer}.mamba.conv1d.weight" }
        #expect(conv.allSatisfy { $0.shape == [8192, 1, 4] })
        #expect(conv.map(\.layers) == [4, 7, 7, 7, 3])
        #expect(entry("model.layers.{layer}.mamba.x_proj.weight")?.shape == [256 + 2 * 16, 8192])
        #expect(entry("model.layers.{layer}.mamba.A_log")?.shape == [8192, 16])
        let q = try #require(entry("model.layers.{layer}.self_attn.q_proj.weight"))
        #expect((q.layers, q.firstLayer, q.layerStride) == (4, 4, 8))
        let router = try #require(entry("model.layers.{layer}.feed_forward.router.weight"))
        #expect((router.layers, router.firstLayer, router.layerStride) == (16, 1, 2))
        // Mamba per layer: in_proj 16384·4096, conv 8192·4 + 8192, x_proj 288·8192,
        // dt_proj 8192·256 + 8192, A_log 8192·16, D 8192, out_proj 4096·8192, norms 256 + 16 + 16.
        let projections: Int = 16384 * 4096 + 288 * 8192 + 8192 * 256 + 4096 * 8192
        let vectors: Int = 8192 * 4 + 8192 + 8192 + 8192 * 16 + 8192 + 288
        let ssm = try Estimator.count(for: spec).components[.ssm]
        #expect(ssm == 28 * (projections + vectors))
        // The worked step counts the five runs of Mamba layers as one 28 × (…), not 4 × … + 7 × … .
        let result = try HFCorpusTests.result([HFCorpusTests.path("jamba-v0.1.json")])
        let step = try #require(result.worked.steps.first { $0.kind == .mamba })
        #expect(step.formula.hasPrefix("28 × (16384×4096 + 8192×1×4 + 8192 + 288×8192 + "))
        #expect(step.delta == 28 * (projections + vectors))
        #expect(step.label.hasPrefix("Mamba-1 in 28 of 32 layers"))
    }

    /// Jamba-v0.1 at its 256K context (262,144 tokens), batch 1, BF16 cache: only the 4
    /// attention layers keep a KV cache — 4 layers × 262,144 tokens × 2 (K, V) × 8 KV heads ×
    /// 128 × 2 bytes = 4,294,967,296 bytes (4 GiB; a formula that assumes attention in all 32
    /// layers says 32 GiB) — and the 28 Mamba layers a recurrent state of d_inner × N = 8192 × 16
    /// SSM values plus d_inner × d_conv = 8192 × 4 conv values each: 28 × 163,840 × 2 bytes =
    /// 9,175,040 bytes, whatever the context.
    @Test func jambaMemoryAt256K() throws {
        let spec = try HFConfigImporter.spec(fromFile: HFCorpusTests.path("jamba-v0.1.json"), name: "Jamba")
        let context = 262_144
        let kvByHand: Int = 4 * 262_144 * 2 * 8 * 128 * 2
        let stateByHand: Int = 28 * (8192 * 16 + 8192 * 4) * 2
        #expect(kvByHand == 4_294_967_296)
        #expect(stateByHand == 9_175_040)
        #expect(try MemoryEstimate.kvCache(spec, context: context, batch: 1, type: .bf16) == kvByHand)
        #expect(try MemoryEstimate.recurrentState(spec, batch: 1, type: .bf16) == stateByHand)
        let memory = try MemoryEstimate(spec: spec, total: 51_570_323_328, active: 12_110_311_296, embedding: 268_435_456,
                                        context: context, batch: 2)
        #expect(memory.kvCacheBytes == 2 * 4_294_967_296)
        #expect(memory.recurrentStateBytes == 2 * 9_175_040)
        // FLOPs: 2·(active − embedding) + 2 · 4 attention layers · context · 32 heads · 128.
        let flops: Int = 2 * (12_110_311_296 - 268_435_456) + 2 * 4 * context * 32 * 128
        #expect(memory.forwardFlopsPerToken == flops)
    }

    /// Falcon-H1 keeps both in every layer; Mamba keeps no KV cache; Qwen3-Next's Gated DeltaNet
    /// state is value heads × key dim × value dim, its conv state (2·keys + values) × kernel.
    @Test func otherCaches() throws {
        let falcon = try HFConfigImporter.spec(fromFile: HFCorpusTests.path("falcon-h1-0.5b.json"), name: "Falcon-H1")
        // 36 layers × 2 KV heads × 64 × 2 × 2 bytes per token; Mamba-2: 1536 × 128 + (1536 + 2·128) × 4.
        let falconKV: Int = 36 * 4096 * 2 * 2 * 64 * 2, falconState: Int = 36 * (1536 * 128 + 1792 * 4) * 2
        #expect(try MemoryEstimate.kvCache(falcon, context: 4096, batch: 1, type: .bf16) == falconKV)
        #expect(try MemoryEstimate.recurrentState(falcon, batch: 1, type: .bf16) == falconState)
        let mamba = try HFConfigImporter.spec(fromFile: HFCorpusTests.path("mamba-2.8b.json"), name: "Mamba")
        #expect(try MemoryEstimate.kvCache(mamba, context: 4096, batch: 1, type: .bf16) == 0)
        let mambaState: Int = 64 * (5120 * 16 + 5120 * 4) * 4
        #expect(try MemoryEstimate.recurrentState(mamba, batch: 1, type: .fp32) == mambaState)
        let next = try HFConfigImporter.spec(fromFile: HFCorpusTests.path("qwen3-next-80b-a3b.json"), name: "Qwen3-Next")
        let nextKV: Int = 12 * 4096 * 2 * 2 * 256 * 2, nextState: Int = 36 * (32 * 128 * 128 + 8192 * 4) * 2
        #expect(try MemoryEstimate.kvCache(next, context: 4096, batch: 1, type: .bf16) == nextKV)
        #expect(try MemoryEstimate.recurrentState(next, batch: 1, type: .bf16) == nextState)
        let lfm = try HFConfigImporter.spec(fromFile: HFCorpusTests.path("lfm2-1.2b.json"), name: "LFM2")
        let lfmState: Int = 10 * 2048 * 3 * 2
        #expect(try MemoryEstimate.recurrentState(lfm, batch: 1, type: .bf16) == lfmState)
    }

    /// A layer type a family does not have is refused at its JSON path.
    @Test func unknownLayerType() throws {
        var text = try String(contentsOfFile: HFCorpusTests.path("lfm2-350m.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"conv\"", with: "\"mamba\"")
        let path = try TestSupport.write(text, as: "config.json")
        #expect(TestSupport.diagnostics([path]) == ["\(path): error: $.layer_types[0]: unsupported layer type \"mamba\" for lfm2"])
    }
}

/// Mamba-2 heads that do not split the inner width are refused, as FalconH1Config and
/// GraniteMoeHybridConfig refuse them.
@Suite struct HFMamba2HeadTests {
    @Test func headsMustSplitTheInnerWidth() throws {
        // Falcon-H1-0.5B: mamba_d_ssm 1536, 24 heads of 64 (its `Infinity` keeps it out of JSONSerialization).
        let base = try String(contentsOfFile: HFCorpusTests.path("falcon-h1-0.5b.json"), encoding: .utf8)
        #expect(base.contains("\"mamba_d_head\": 64") && base.contains("\"mamba_n_heads\": 24"))
        var path = try TestSupport.write(base.replacingOccurrences(of: "\"mamba_d_head\": 64", with: "\"mamba_d_head\": 7"), as: "config.json")
        #expect(TestSupport.diagnostics([path]) == ["\(path): error: $.mamba_d_head: `mamba_d_head` (7) × `mamba_n_heads` (24) must be the Mamba inner width 1536"])
        let uneven = base.replacingOccurrences(of: "\"mamba_d_head\": 64", with: "\"mamba_d_head\": \"auto\"")
            .replacingOccurrences(of: "\"mamba_n_heads\": 24", with: "\"mamba_n_heads\": 25")
        path = try TestSupport.write(uneven, as: "config.json")
        #expect(TestSupport.diagnostics([path]) == ["\(path): error: $.mamba_n_heads: `mamba_n_heads` (25) must divide the Mamba inner width 1536"])
    }
}

/// Small config.json variants of the recurrent families — transformers' defaults, biases on and
/// off, groups, attention periods and offsets, expert periods, one expert (dense), `num_key_value_heads: null` (multi-head), `layer_types`,
/// `full_attention_interval`, `mlp_only_layers`, `full_attn_idxs`, LFM2's width rule — one per line
/// of Fixtures/hf/variants-recurrent.jsonl with the oracle's count (by hand), read both ways; then
/// five at released sizes beside the fixtures' (Falcon-H1-34B, Granite-4.0-H-Small, a 16-expert
/// Jamba, LFM2-2.6B, Mamba2-1.3B).
@Suite struct HFRecurrentVariantTests {
    static let variants = HFVariantTests.load("variants-recurrent.jsonl")

    @Test func allLoaded() { #expect(Self.variants.count == 27) }

    @Test(arguments: variants)
    func bothPaths(_ v: HFVariantTests.Variant) throws {
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
