import Testing
@testable import ParamScopeCore

/// The layer pattern: schedules resolved into runs, and the layer ranges the estimator reads.
@Suite struct LayerPatternTests {
    static func list(_ runs: LayerRuns) -> [LayerRange] {
        var result: [LayerRange] = []
        runs.forEach { result.append($0) }
        return result
    }

    /// DeepSeek-V3's 61 layers: 3 dense then 58 sparse — two runs, each one range, built without
    /// asking each layer.
    @Test func denseThenSparseIsTwoRuns() throws {
        let spec = try #require(Preset.spec("deepseek_v3", name: "V3", layers: 61, hidden: 7168, heads: 128, ffn: 18432, vocab: 129280))
        let pattern = spec.pattern
        #expect(pattern.runs == [
            LayerPattern.Run(kind: LayerKind(feedForward: .dense), first: 0, count: 3),
            LayerPattern.Run(kind: LayerKind(feedForward: .experts), first: 3, count: 58),
        ])
        #expect(Self.list(pattern.layers { $0.feedForward == .experts }) == [LayerRange(first: 3, count: 58)])
        #expect(Self.list(pattern.layers { $0.mixer.attentionLayer != nil }) == [LayerRange(first: 0, count: 61)])
    }

    /// Gemma 3's period (5 sliding layers of 512, then one full) over 26 layers: 9 runs, but the
    /// attention weights are still one range of all 26 layers.
    @Test func slidingPeriod() throws {
        var spec = try #require(Preset.spec("llama", name: "G", layers: 26, hidden: 1152, heads: 4, ffn: 6912, vocab: 262144))
        spec.mixers = .cycle(Array(repeating: .attention(.sliding(512)), count: 5) + [.attention])
        let pattern = spec.pattern
        #expect(pattern.runs.count == 9)
        #expect(pattern.count { $0.mixer.attentionLayer?.window == nil } == 4)  // layers 5, 11, 17, 23
        #expect(pattern.kind(at: 5)?.mixer == .attention)
        #expect(pattern.kind(at: 6)?.mixer == .attention(.sliding(512)))
        #expect(Self.list(pattern.layers { $0.mixer.attentionLayer != nil }) == [LayerRange(first: 0, count: 26)])
        #expect(Self.list(pattern.layers { $0.mixer.attentionLayer?.window == nil }) == [LayerRange(first: 5, count: 4, stride: 6)])
    }

    /// MoE every second layer from layer 1 (Llama 4 Maverick's `interleave_moe_layer_step: 2`):
    /// two strided ranges.
    @Test func interleavedExperts() {
        var spec = ModelSpec(name: "M", architecture: "llama", layers: 48, hidden: 64, heads: 4, ffn: 64, vocab: 10,
                             tiedEmbeddings: false, experts: ExpertSpec(experts: 4, expertsPerToken: 1, expertFFN: 32, sparseEvery: 2))
        #expect(Self.list(spec.pattern.layers { $0.feedForward == .experts }) == [LayerRange(first: 1, count: 24, stride: 2)])
        #expect(Self.list(spec.pattern.layers { $0.feedForward == .dense }) == [LayerRange(first: 0, count: 24, stride: 2)])
        // An end to the sparse layers (ERNIE's moe_layer_end_index): after layer 9 all dense.
        spec.experts?.lastSparseLayer = 9
        #expect(spec.pattern.count { $0.feedForward == .experts } == 5)
    }

    /// A `layer_types` list must have one entry per layer.
    @Test func listLengthIsValidated() {
        var spec = ModelSpec(name: "M", architecture: "llama", layers: 4, hidden: 64, heads: 4, ffn: 64, vocab: 10, tiedEmbeddings: false)
        spec.mixers = .list([.attention, .attention(.sliding(8))])
        #expect(spec.validate().map(\.field) == ["layer_types"])
        spec.mixers = .list([.attention, .attention(.sliding(8)), .attention, .attention(.sliding(0))])
        #expect(spec.validate().map(\.field) == ["sliding_window"])
    }
}
