import Testing
@testable import ParamScope
@testable import ParamScopeCore

/// State-space and hybrid models written as YAML entries, without a config.json: the layer
/// pattern as a list or as attention every n-th layer, the recurrent sizes as fields; the counts
/// equal the config.json imports (HFRecurrentTests), and a pattern that does not cover the
/// layers is an error at its line and column.
@Suite struct RecurrentYAMLTests {
    static func counts(_ yaml: String) throws -> [(Int, Int)] {
        try TestSupport.report([try TestSupport.write(yaml)]).models.map { ($0.result.total, $0.result.active) }
    }

    static let jambaSizes = ["layers: 32", "hidden: 4096", "heads: 32", "kv_heads: 8", "ffn: 14336", "vocab: 65536",
                             "experts: 16", "experts_per_token: 2", "sparse_every: 2", "sparse_offset: 1"]
        .map { "    " + $0 }.joined(separator: "\n")

    /// Jamba-v0.1's 1:7 three ways: the preset as it is, `attention_every`/`attention_offset`,
    /// and a `layer_pattern` period on a preset without Mamba (llama), all 51,570,323,328 total
    /// and 12,110,311,296 active (the shared corpus's counts).
    @Test func jambaWithoutConfigJSON() throws {
        let yaml = """
            models:
              - name: preset
                architecture: jamba
            \(Self.jambaSizes)
              - name: every
                architecture: jamba
                attention_every: 8
                attention_offset: 4
            \(Self.jambaSizes)
              - name: pattern
                architecture: llama
                layer_pattern: [mamba, mamba, mamba, mamba, attention, mamba, mamba, mamba]
                time_step_norms: true
                expert_ffn: 14336
            \(Self.jambaSizes)
            """
        let counts = try Self.counts(yaml)
        #expect(counts.count == 3)
        #expect(counts.allSatisfy { $0 == (51_570_323_328, 12_110_311_296) })
    }

    /// Mamba needs no heads and no ffn; Mamba-2's heads and groups are fields; Qwen3-Next's 3:1
    /// and LFM2's per-layer list as written.
    @Test func otherFamilies() throws {
        let yaml = """
            models:
              - name: Mamba-2.8B
                architecture: mamba
                layers: 64
                hidden: 2560
                vocab: 50280
              - name: Mamba2-2.7B
                architecture: mamba2
                layers: 64
                hidden: 2560
                vocab: 50288
                ssm_heads: 80
                ssm_groups: 1
                tied_embeddings: true
              - name: Qwen3-Next-80B-A3B
                architecture: qwen3_next
                layers: 48
                hidden: 2048
                heads: 16
                kv_heads: 2
                head_dim: 256
                ffn: 5632
                vocab: 151936
                attention_every: 4
              - name: LFM2-1.2B
                architecture: lfm2
                layers: 16
                hidden: 2048
                heads: 32
                kv_heads: 8
                head_dim: 64
                ffn: 8192
                vocab: 65536
                layer_pattern: [short_conv, short_conv, attention, short_conv, short_conv, attention, short_conv, short_conv,
                                attention, short_conv, attention, short_conv, attention, short_conv, attention, short_conv]
            """
        let counts = try Self.counts(yaml)
        #expect(counts.map(\.0) == [2_768_345_600, 2_702_599_680, 79_674_391_296, 1_170_340_608])
        #expect(counts.map(\.1) == [2_768_345_600, 2_702_599_680, 3_874_929_408, 1_170_340_608])
    }

    /// Falcon-H1's attention and Mamba-2 side by side, as a pattern entry.
    @Test func parallelLayers() throws {
        let yaml = """
            models:
              - name: H1
                architecture: llama
                layers: 2
                hidden: 64
                heads: 4
                ffn: 128
                vocab: 100
                layer_pattern: [attention+mamba2]
                ssm_inner: 128
                state_size: 16
                ssm_heads: 4
            """
        let spec = try #require(TestSupport.report([try TestSupport.write(yaml)]).models.first?.entry.spec)
        let count = try Estimator.count(for: spec)
        // Per layer: Mamba-2 in_proj 64·(2·128 + 2·16 + 4), conv (128 + 32)·4 + 160, dt_bias/A_log/D 3·4,
        // out_proj 128·64; attention 4·64²; MLP 3·64·128; 2 norms of 64.
        let mamba: Int = 64 * (256 + 32 + 4) + 160 * 4 + 160 + 12 + 128 * 64
        #expect(count.components[.ssm] == 2 * mamba)
        #expect(count.components[.attention] == 2 * 4 * 64 * 64)
        #expect(try MemoryEstimate.recurrentState(spec, batch: 1, type: .bf16) == 2 * (128 * 16 + 160 * 4) * 2)
    }

    /// `layer_types`' attention names in a pattern: a sliding layer then a Mamba layer, repeated.
    @Test func attentionNamesInAPattern() throws {
        let yaml = "models:\n  - name: M\n    architecture: llama\n    layers: 4\n    hidden: 64\n    heads: 4\n    ffn: 128\n"
            + "    vocab: 100\n    layer_pattern: [sliding, mamba]\n"
        let spec = try #require(TestSupport.report([try TestSupport.write(yaml)]).models.first?.entry.spec)
        #expect(spec.mixers == .cycle([.attention(.sliding(4096)), .recurrent(.mamba)]))
        #expect(spec.stateSpace?.inner == 128)
    }

    @Test func patternErrorsAtTheirLineAndColumn() throws {
        let yaml = """
            models:
              - name: Bad
                architecture: jamba
                layers: 32
                hidden: 4096
                heads: 32
                ffn: 14336
                vocab: 65536
                layer_pattern: [mamba, mamba, attention, mamba, mamba, mamba, mamba]
              - name: Typo
                architecture: llama
                layers: 4
                hidden: 64
                heads: 4
                ffn: 128
                vocab: 100
                layer_pattern: [mamba, atention]
            """
        let path = try TestSupport.write(yaml)
        #expect(TestSupport.diagnostics([path]) == [
            "\(path):9:20: error: `layer_pattern` has 7 entries, which do not cover 32 layers: give one per layer or a period that divides 32",
            "\(path):17:28: error: unknown layer kind \"atention\"; did you mean `attention`? (known: attention, mamba, mamba2, gated_deltanet, short_conv, attention+mamba, attention+mamba2, attention+gated_deltanet, attention+short_conv, full, sliding, chunked, nope)",
        ])
    }

    /// Recurrent sizes a kind needs are checked like every size.
    @Test func zeroStateIsRefused() throws {
        let yaml = "models:\n  - name: M\n    architecture: mamba\n    layers: 2\n    hidden: 64\n    vocab: 100\n    dt_rank: 0\n"
        let path = try TestSupport.write(yaml)
        #expect(TestSupport.diagnostics([path]) == ["\(path):7:14: error: `dt_rank` must be a positive integer, found 0"])
    }
}
