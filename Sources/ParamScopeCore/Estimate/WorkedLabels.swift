/// What each correction of the worked calculation says, with the model's own numbers.
enum WorkedLabels {
    static func label(_ kind: PartKind, _ spec: ModelSpec) -> String {
        text(kind, spec).string
    }

    /// The label as bytes (`FormulaText`'s interpolation).
    private static func text(_ kind: PartKind, _ spec: ModelSpec) -> FormulaText {
        let h = spec.hidden, V = spec.vocab, hd = spec.headDim
        let norm = switch spec.norms.kind {
        case .rmsNorm: "RMSNorm (γ only)"
        case .layerNorm: "LayerNorm (γ and β)"
        case .layerNormNoBias: "LayerNorm without bias (γ only)"
        }
        if let text = attentionLayers(kind, spec) { return text }
        switch kind {
        case .tokenEmbedding:
            return "token embedding is V × \(spec.embedding.projectionWidth ?? h) (embedding width, not h = \(h))"
        case .positions:
            let offset = spec.embedding.positionOffset
            return offset > 0 ? "learned positions: (\(spec.maxPositions) + \(offset)) × h" : "learned positions: \(spec.maxPositions) × h"
        case .tokenTypes:
            return "token-type embeddings: \(spec.embedding.tokenTypes) × h"
        case .embeddingNorm:
            return "embedding \(norm)"
        case .embeddingProjection:
            return "projections between the embedding width \(spec.embedding.projectionWidth ?? h) and h"
        case .attentionQuery:
            return "Q is heads·head_dim = \(spec.heads)·\(hd) = \(spec.heads &* hd) wide, not h = \(h)"
        case .attentionKeyValue:
            let kind = spec.kvHeads == 1 ? "MQA" : spec.kvHeads < spec.heads ? "GQA" : "K and V"
            return "\(kind): K and V are kv_heads·head_dim = \(spec.kvHeads)·\(hd) = \(spec.kvHeads &* hd) wide, not h = \(h)"
        case .attentionQKV:
            let width = (spec.heads &+ 2 &* spec.kvHeads) &* hd
            let kind = spec.kvHeads == 1 ? "MQA, " : spec.kvHeads < spec.heads ? "GQA, " : ""
            return "fused QKV (\(kind)\(spec.heads) + 2·\(spec.kvHeads) heads of \(hd)) is \(width) wide, not 3h = \(3 &* h)"
        case .attentionOutput:
            return "O reads heads·head_dim = \(spec.heads &* hd), not h = \(h)"
        case .latentAttention:
            guard let latent = spec.attention.latent else { return "latent attention" }
            let query = latent.qLoraRank.map { "Q through rank \($0)" } ?? "Q projected directly"
            return "multi-head latent attention instead of 4h²: \(query), K/V through rank \(latent.kvLoraRank) (+\(latent.qkRopeHeadDim) rotary), latent norms"
        case .attentionBias:
            let which = spec.attention.qkvBias && spec.attention.outputBias ? "Q, K, V and O"
                : spec.attention.qkvBias ? "Q, K and V" : "O"
            return "attention biases on \(which)"
        case .indexer:
            guard let indexer = spec.attention.indexer else { return "indexer" }
            return "sparse-attention indexer: \(indexer.heads) heads of \(indexer.headDim) (queries from the query latent, one key with a LayerNorm, per-head weights)"
        case .attentionSinks:
            return "attention sinks: one learned logit per head, \(spec.heads) per attention layer"
        case .qkNorm:
            switch spec.attention.qkNorm {
            case .full: return "QK-norm over all heads, \(norm)"
            case .perHead: return "QK-norm per head of \(hd), \(norm)"
            case .l2: return "QK L2-norm (no weights)"
            case .none: return "no QK-norm"
            }
        case .crossAttention:
            return "cross-attention in each of the \(spec.layers) decoder layers (the seed has one attention per layer)"
        case .relativePositions:
            return "relative-position bias: \(spec.embedding.relativeBuckets) buckets × \(spec.heads) heads per stack"
        case .mlp:
            let matrices = spec.mlp.gated ? "gated MLP: 3·h·ffn" : "MLP h → ffn → h: 2·h·ffn"
            var text: FormulaText = "\(matrices) (ffn = \(spec.ffn)) instead of 8h²"
            if spec.mlp.activationParameters > 0 {
                text.append(", \(spec.mlp.activationParameters) learned activation scalars" as FormulaText)
            }
            if spec.experts != nil || spec.stateSpace != nil {
                let dense = spec.pattern.count { $0.feedForward == .dense }
                if dense == 0 {
                    return spec.experts != nil ? "no dense MLP: every layer is sparse (instead of 8h² per layer)"
                        : "no MLP: the layers have no feed-forward block (instead of 8h² per layer)"
                }
                if dense < spec.layers { text.append(", dense in \(dense) of \(spec.layers) layers" as FormulaText) }
            }
            return text
        case .mamba, .mamba2, .gatedDeltaNet, .shortConvolution:
            return recurrent(kind, spec)
        case .mlpBias:
            return "MLP biases"
        case .experts:
            guard let experts = spec.experts else { return "routed experts" }
            let sparse = spec.pattern.count { $0.feedForward == .experts }
            let bias = experts.bias ?? spec.mlp.bias ? ", with biases" : ""
            return "routed experts: \(sparse) sparse layers × \(experts.experts) experts of width \(experts.expertFFN) (\(experts.expertsPerToken) active per token)\(bias)"
        case .sharedExperts:
            guard let experts = spec.experts else { return "shared experts" }
            return "shared experts: \(experts.sharedExperts) of width \(experts.sharedExpertFFN) in every sparse layer"
        case .router:
            var text: FormulaText = "router: h × experts per sparse layer"
            if spec.experts?.routerBias == true { text.append(", with a bias") }
            if spec.experts?.routerCorrection == true { text.append(", and a routing-score correction per expert") }
            if spec.experts?.sharedExpertGate == true { text.append(" and shared-expert gate (h × 1)") }
            return text
        case .layerNorms:
            let count = spec.norms.perLayer &+ (spec.encoder != nil ? 1 : 0)
            var text: FormulaText = "\(spec.norms.perLayer) \(norm) per layer (\(spec.norms.placement.rawValue))"
            if spec.encoder != nil { text.append(", \(count) in decoder layers" as FormulaText) }
            text.append(" instead of 2 LayerNorms (4h)")
            return text
        case .finalNorm:
            if !spec.norms.final { return "no final norm" }
            return spec.encoder != nil ? "final \(norm) after each stack" : "final \(norm)"
        case .head:
            return spec.tiedEmbeddings ? "output head" : "untied output head: V × \(spec.embedding.projectionWidth ?? h)"
        case .headBias:
            return "output-head bias: V = \(V)"
        case .pooler:
            return "pooler: h × h + h"
        case .imageCrossAttention:
            let layers = spec.pattern.count { $0.mixer == .imageCrossAttention }
            return "gated cross-attention to the image in \(layers) of \(spec.layers) layers (instead of self-attention): Q, K, V, O, QK-norm, two gates"
        case .visionTower:
            guard let vision = spec.vision else { return "vision tower" }
            let tower = vision.tower
            return "vision tower (\(vision.preset)): \(tower.layers) layers of width \(tower.hidden), MLP \(tower.ffn), patch \(vision.patch.size) (the seed has none)"
        case .projector:
            guard let vision = spec.vision else { return "projector" }
            return "projector: vision features \(vision.projector.inputWidth) → text width \(vision.projector.outputWidth)"
        }
    }

    /// The step of an attention part in a stack where not every layer attends (state-space and
    /// hybrid models): `nil` for every other part and stack.
    private static func attentionLayers(_ kind: PartKind, _ spec: ModelSpec) -> FormulaText? {
        guard spec.stateSpace != nil else { return nil }
        switch kind {
        case .attentionQuery, .attentionKeyValue, .attentionQKV, .attentionOutput, .latentAttention:
            let attending = spec.pattern.count { $0.mixer.attentionLayer != nil }
            if attending == 0 { return "no attention: every layer mixes with a recurrent state (instead of 4h² per layer)" }
            guard attending < spec.layers, kind == .attentionQuery else { return nil }
            return "Q is heads·head_dim = \(spec.heads)·\(spec.headDim) = \(spec.heads &* spec.headDim) wide, in the \(attending) attention layers of \(spec.layers)"
        default:
            return nil
        }
    }

    /// The recurrent mixer's step: which layers have it and its sizes.
    private static func recurrent(_ kind: PartKind, _ spec: ModelSpec) -> FormulaText {
        let mixer: RecurrentMixer = switch kind {
        case .mamba: .mamba
        case .mamba2: .mamba2
        case .gatedDeltaNet: .gatedDeltaNet
        default: .shortConvolution
        }
        let layers = spec.pattern.count { $0.mixer.recurrent == mixer }
        let where_ = layers == spec.layers ? "in every layer" : "in \(layers) of \(spec.layers) layers"
        guard let ssm = spec.stateSpace else { return "recurrent mixer" }
        var text: FormulaText
        switch mixer {
        case .mamba:
            text = "Mamba-1 \(where_): in_proj h → 2·\(ssm.inner), conv1d of \(ssm.convKernel), x_proj to dt_rank \(ssm.dtRank) + 2·N (N = \(ssm.stateSize)), dt_proj, A_log \(ssm.inner)×\(ssm.stateSize), D, out_proj"
        case .mamba2:
            text = "Mamba-2 \(where_): in_proj h → z, x (\(ssm.inner) each), B, C (\(ssm.groups)·\(ssm.stateSize) each), dt (\(ssm.heads) heads); conv1d of \(ssm.convKernel) over x·B·C; dt_bias, A_log, D per head"
            if ssm.gatedNorm { text.append("; gated RMSNorm") }
        case .gatedDeltaNet:
            text = "Gated DeltaNet \(where_): in_proj_qkvz, in_proj_ba (\(ssm.groups) key heads of \(ssm.stateSize), \(ssm.heads) value heads), conv1d of \(ssm.convKernel), dt_bias, A_log, gated norm, out_proj"
        case .shortConvolution:
            text = "short convolution \(where_): in_proj h → 3h, depthwise conv of \(ssm.convKernel), out_proj h × h"
        }
        text.append(" (the seed has attention here)")
        return text
    }
}
