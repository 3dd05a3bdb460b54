/// Family presets: the architecture choices a `model_type` implies, before a config's own fields.
///
/// Names are Hugging Face `model_type` values, so a config.json's type is the preset's name.
public enum Preset {
    /// The seed article's Transformer: multi-head attention, a 4h MLP, LayerNorm with γ and β,
    /// tied embeddings; like the article it has no linear biases and no position table, so its
    /// exact count is the article's `L·(12h² + 4h) + V·h + 2h`.
    public static let generic = "generic"

    /// The presets ParamScope knows, in the order the README lists them.
    public static var names: [String] { Array(builders.keys).sorted() }

    /// Legacy `model_type` spellings that mean a preset.
    public static let aliases: [String: String] = [:]

    /// The preset's spec with the sizes filled in; `nil` for an unknown name.
    public static func spec(
        _ architecture: String, name: String, layers: Int, hidden: Int, heads: Int, ffn: Int?, vocab: Int
    ) -> ModelSpec? {
        let canonical = aliases[architecture] ?? architecture
        guard let build = builders[canonical] else { return nil }
        return build(Sizes(name: name, layers: layers, hidden: hidden, heads: heads, ffn: ffn, vocab: vocab))
    }

    /// The sizes every preset needs before it can choose the rest.
    public struct Sizes {
        public var name: String
        public var layers: Int
        public var hidden: Int
        public var heads: Int
        public var ffn: Int?
        public var vocab: Int
    }

    static let builders: [String: @Sendable (Sizes) -> ModelSpec] = [
        "generic": { s in
            ModelSpec(name: s.name, architecture: "generic", layers: s.layers, hidden: s.hidden, heads: s.heads,
                      ffn: s.ffn ?? s.hidden &* 4, vocab: s.vocab, tiedEmbeddings: true,
                      attention: AttentionSpec(qkvBias: false, outputBias: false),
                      mlp: MLPSpec(gated: false, bias: false),
                      norms: NormSpec(kind: .layerNorm, perLayer: 2, final: true),
                      embedding: EmbeddingSpec(positions: .none))
        },
        "llama": { s in
            ModelSpec(name: s.name, architecture: "llama", layers: s.layers, hidden: s.hidden, heads: s.heads,
                      ffn: s.ffn ?? 0, vocab: s.vocab, tiedEmbeddings: false,
                      attention: AttentionSpec(qkvBias: false, outputBias: false),
                      mlp: MLPSpec(gated: true, bias: false),
                      norms: NormSpec(kind: .rmsNorm, perLayer: 2, final: true),
                      embedding: EmbeddingSpec(positions: .rope))
        },
    ]
}

extension Preset {
    /// Whether `name` (or a legacy alias of it) is a preset.
    public static func isKnown(_ name: String) -> Bool { builders[aliases[name] ?? name] != nil }
}
