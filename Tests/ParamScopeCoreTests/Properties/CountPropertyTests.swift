import PropertyBased
import Testing
@testable import ParamScopeCore

/// `Estimator.count(for:)` (the counting sink: no names, no arrays) against the named inventory's
/// folds, `total()`, `active()`, `components()` — the test that fails if the two specializations
/// of the one architecture description drift, or if the count's overflow errors stop being the
/// ones the inventory's folds give.
@Suite struct CountPropertyTests {
    /// The inventory path, folded as before the counting sink existed: the oracle.
    static func folded(_ spec: ModelSpec) -> Result<ParameterCount, ArithmeticOverflow> {
        Result { () throws(ArithmeticOverflow) -> ParameterCount in
            let inventory = try Estimator.inventory(for: spec)
            var count = ParameterCount()
            count.total = try inventory.total()
            count.active = try inventory.active()
            for (component, value) in try inventory.components() { count.components[component] = value }
            return count
        }
    }

    /// The count, `Inventory.counts()` and the parts all agree with the folds (errors included).
    static func expectAgreement(_ spec: ModelSpec, _ comment: @autoclosure () -> String) {
        let expected = folded(spec)
        let counted = Result { () throws(ArithmeticOverflow) in try Estimator.count(for: spec) }
        #expect(counted == expected, "count(for:) of \(comment())")
        let layout = Estimator.layout(for: spec)
        let inventory = Inventory(layout.tensors)
        #expect(Result { () throws(ArithmeticOverflow) in try inventory.counts() } == expected, "counts() of \(comment())")
        // The parts are the inventory, in order: the worked calculation explains every tensor.
        #expect(Estimator.parts(for: spec).flatMap(\.tensors) == inventory.tensors, "parts of \(comment())")
        if case .success(let count) = expected {
            #expect(Component.allCases.reduce(0) { $0 + count.components[$1] } == count.total)
        }
    }

    /// Every preset at a small and a large size, with experts and encoders where the preset has them.
    @Test(arguments: Preset.names)
    func everyPreset(_ preset: String) throws {
        for (layers, hidden, heads, vocab) in [(2, 64, 4, 100), (32, 4096, 32, 32000), (80, 8192, 64, 152_064)] {
            let spec = try #require(Preset.spec(preset, name: preset, layers: layers, hidden: hidden, heads: heads,
                                                ffn: nil, vocab: vocab))
            Self.expectAgreement(spec, "\(preset) \(layers)×\(hidden)")
        }
    }

    /// Random specs from every preset (sizes up to far beyond 2³⁰, so overflows are common).
    @Test func randomSpecs() async {
        await propertyCheck(count: 300, input: RandomSpecPropertyTests.words) { words in
            let spec = RandomSpec.make(words)
            guard spec.validate().isEmpty else { return }
            Self.expectAgreement(spec, "\(spec)")
        }
    }

    /// Small random specs: no overflow, so the values themselves are compared every time.
    @Test func smallRandomSpecs() async {
        await propertyCheck(count: 300, input: RandomSpecPropertyTests.words) { words in
            let spec = RandomSpec.make(words.map { $0 % 4096 * 16 + 8 })
            guard spec.validate().isEmpty else { return }
            #expect(throws: Never.self) { _ = try Estimator.count(for: spec) }
            Self.expectAgreement(spec, "\(spec)")
        }
    }

    /// A layer count far past `mostLayers` is refused by validation, never walked while the
    /// per-layer schedule is built (a random spec of 10⁹ layers once built a list of 10⁹ kinds:
    /// minutes and gigabytes before validation ran).
    @Test func hugeLayerCountsAreRefusedNotWalked() throws {
        let mixers = Preset.mllamaMixers(layers: 1_000_000_000, crossAttention: [3])
        #expect(mixers.entries == ModelSpec.mostLayers + 1)
        #expect(LayerSchedule.attentionEvery(1_000_000_000, offset: 4, otherwise: .recurrent(.mamba)).entries == ModelSpec.mostLayers + 1)
        var spec = try #require(Preset.spec("llama", name: "deep", layers: 1_000_000_000, hidden: 64, heads: 4, ffn: 128, vocab: 100))
        spec.mixers = mixers
        #expect(spec.validate().map(\.field) == ["layers"])
    }

    /// An overflow names what the inventory's first failing fold names (layers 4096 × h 2³⁰ × h:
    /// the first weight, Q, overflows 2⁶³ by its parameters, not its size 2⁶⁰).
    @Test func overflowNamesTheTensor() throws {
        let spec = try #require(Preset.spec("llama", name: "M", layers: 4096, hidden: 1 << 30, heads: 1, ffn: 1 << 30, vocab: 10))
        #expect(throws: ArithmeticOverflow("the parameters of model.layers.{layer}.self_attn.q_proj.weight")) {
            try Estimator.count(for: spec)
        }
    }

    /// A pattern's layer runs of the experts and of the dense MLP are the split of `isSparse` (the shortcut for "every layer
    /// from k on" included), for random rules and depths.
    @Test func expertLayerRunsAreTheSplitOfIsSparse() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max).array(of: 4)) { words in
            let layers = words[0] % 70
            var experts = ExpertSpec(experts: 8, expertsPerToken: 2, expertFFN: 64, firstDenseLayers: words[1] % 80 - 4,
                                     sparseEvery: words[2] % 3 == 0 ? 1 + words[2] % 4 : 1)
            if words[3] % 4 == 0 { experts.denseLayers = [words[3] % 70] }
            if words[3] % 8 == 1 { experts.sparseOffset = words[3] % 5 }
            func list(_ runs: LayerRuns) -> [LayerRange] {
                var result: [LayerRange] = []
                runs.forEach { result.append($0) }
                return result
            }
            var spec = ModelSpec(name: "M", architecture: "llama", layers: layers, hidden: 64, heads: 4, ffn: 64, vocab: 10,
                                 tiedEmbeddings: true, experts: experts)
            if words[3] % 16 == 2 { spec.mixers = .cycle([.attention(.sliding(8)), .attention]) }
            let pattern = spec.pattern
            let split = LayerRuns.split(layers: layers, where: experts.isSparse)
            #expect(list(pattern.layers { $0.feedForward == .experts }) == list(split.members), "\(experts) over \(layers) layers")
            #expect(list(pattern.layers { $0.feedForward == .dense }) == list(split.others), "\(experts) over \(layers) layers")
            #expect(pattern.layerCount == layers)
            // The estimator's shortcut gives the same ranges as the pattern.
            let groups = spec.layerGroups(layers)
            #expect(list(groups.experts) == list(split.members), "\(experts) over \(layers) layers")
            #expect(list(groups.dense) == list(split.others), "\(experts) over \(layers) layers")
            #expect(list(groups.attention) == list(pattern.layers { $0.mixer.attentionLayer != nil }))
            #expect(list(split.members) == LayerRange.covering((0..<layers).filter(experts.isSparse)))
        }
    }

    /// Streamed layer runs are `LayerRange.covering` of the same indices.
    @Test func layerRunsCoverTheSameLayers() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max).array(of: 3)) { words in
            let layers = words[0] % 70
            let every = 1 + words[1] % 5
            let dense = Set((0..<8).map { (words[2] >> ($0 * 6)) % 70 })
            let member = { (index: Int) in index % every == 0 && !dense.contains(index) }
            var runs: [LayerRange] = []
            LayerRuns(layers: layers, where: member).forEach { runs.append($0) }
            let indices = (0..<layers).filter(member)
            #expect(runs.flatMap { range in (0..<range.count).map { range.first + $0 * range.stride } } == indices)
            #expect(runs.count <= max(1, indices.count))
        }
    }
}
