/// The breakdown keys every output carries (DESIGN, "Breakdown keys"); a bias belongs to the
/// component of its weight.
public enum Component: String, CaseIterable, Sendable, Codable, Comparable {
    /// Token, learned position and token-type embeddings, the embedding norm and projections.
    case embedding
    /// Q, K, V, O projections (and their biases, QK-norm, latent-attention projections).
    case attention
    /// Dense feed-forward blocks.
    case mlp
    /// Routed experts of mixture-of-experts layers.
    case experts
    /// Always-on experts of mixture-of-experts layers.
    case sharedExperts = "shared_experts"
    /// The expert router (gate) and shared-expert gates.
    case router
    /// Every norm except the embedding's.
    case norm
    /// An untied output head, its bias, and a pooler.
    case head
    /// A vision tower: patch embedding, positions, its layers and norms, adapter, deepstack mergers.
    case vision
    /// The connector from the vision tower to the language model (projector, patch merger).
    case projector

    public static func < (lhs: Component, rhs: Component) -> Bool {
        lhs.ordinal < rhs.ordinal
    }

    /// The position in `allCases`.
    var ordinal: Int {
        switch self {
        case .embedding: 0
        case .attention: 1
        case .mlp: 2
        case .experts: 3
        case .sharedExperts: 4
        case .router: 5
        case .norm: 6
        case .head: 7
        case .vision: 8
        case .projector: 9
        }
    }

    // Hashed by position: `RawRepresentable`'s default hashes the `rawValue` String, ~340
    // instructions per dictionary lookup, and the writers look components up ~40 times a model.
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
}
