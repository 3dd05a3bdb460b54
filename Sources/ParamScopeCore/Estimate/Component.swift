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

    public static func < (lhs: Component, rhs: Component) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
