import ParamScopeCore

/// A YAML field that sets part of a `ModelSpec`: every preset choice can be overridden this way.
struct SpecField: Sendable {
    var name: String
    /// What the README says it does.
    var help: String
    var apply: @Sendable (inout ModelSpec, YAMLNode, inout FieldReader) -> Void

    static func int(_ name: String, _ help: String, allowZero: Bool = false,
                    _ set: @escaping @Sendable (inout ModelSpec, Int) -> Void) -> SpecField {
        SpecField(name: name, help: help) { spec, node, reader in
            if let value = reader.positiveInt(node, field: name, allowZero: allowZero) { set(&spec, value) }
        }
    }

    static func bool(_ name: String, _ help: String, _ set: @escaping @Sendable (inout ModelSpec, Bool) -> Void) -> SpecField {
        SpecField(name: name, help: help) { spec, node, reader in
            if let value = reader.bool(node, field: name) { set(&spec, value) }
        }
    }

    static func choice<T: RawRepresentable & Sendable>(
        _ name: String, _ help: String, _ options: [T], _ set: @escaping @Sendable (inout ModelSpec, T) -> Void
    ) -> SpecField where T.RawValue == String {
        SpecField(name: name, help: help) { spec, node, reader in
            guard let text = reader.string(node, field: name) else { return }
            if let value = options.first(where: { $0.rawValue == text }) {
                set(&spec, value)
            } else {
                reader.fail(node, "`\(name)` must be one of \(options.map(\.rawValue).joined(separator: ", ")), found \"\(text)\"")
            }
        }
    }
}

extension SpecField {
    /// The sizes a preset needs; required unless `hf_config` provides them.
    static let sizes = ["layers", "hidden", "heads", "vocab"]

    /// Every architecture field, in the order the README documents them.
    static let all: [SpecField] = [
        .int("layers", "transformer layers L") { $0.layers = $1 },
        .int("hidden", "hidden width h (d_model)") { $0.hidden = $1 },
        .int("heads", "attention (query) heads") { $0.heads = $1 },
        .int("kv_heads", "key/value heads: = heads for MHA, 1 for MQA, between for GQA") { $0.kvHeads = $1 },
        .int("head_dim", "width of one head (default hidden / heads)") { $0.headDim = $1 },
        .int("ffn", "MLP inner width (default 4·hidden for generic)") { $0.ffn = $1 },
        .int("vocab", "vocabulary size V") { $0.vocab = $1 },
        .int("max_positions", "longest sequence; rows of a learned position table") { $0.maxPositions = $1 },
        .bool("tied_embeddings", "output head shares the token embedding matrix") { $0.tiedEmbeddings = $1 },
        .bool("qkv_bias", "bias on the Q, K, V projections") { $0.attention.qkvBias = $1 },
        .bool("attn_output_bias", "bias on the attention output projection") { $0.attention.outputBias = $1 },
        .bool("mlp_gated", "gated MLP (gate, up, down) instead of up, down") { $0.mlp.gated = $1 },
        .bool("mlp_bias", "biases on the MLP projections") { $0.mlp.bias = $1 },
        .choice("norm", "layernorm (γ and β) or rmsnorm (γ only)", NormKind.allCases) { $0.norms.kind = $1 },
        .int("norms_per_layer", "norms inside each layer (2 pre-norm, 1 parallel block, 4 sandwich)", allowZero: true) {
            $0.norms.perLayer = $1
        },
        .bool("final_norm", "a norm after the last layer") { $0.norms.final = $1 },
        .choice("positions", "rope, alibi, learned, relative_buckets or none",
                [PositionEncoding.rope, .alibi, .learned, .relativeBuckets, .none]) { $0.embedding.positions = $1 },
        .bool("head_bias", "bias on the output head") { $0.head.bias = $1 },
    ]

    static let byName: [String: SpecField] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
