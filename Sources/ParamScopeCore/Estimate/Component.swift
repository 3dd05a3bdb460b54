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
    // A new key is one more case here (DESIGN: keys are only ever added, at the end): counts,
    // tables, charts and JSON read every case in this order (`ComponentCounts`).
    /// State-space and linear-attention mixers (Mamba-1, Mamba-2, Gated DeltaNet, short
    /// convolution): their projections, convolutions, A, D, dt and inner norms.
    case ssm
    /// A vision tower: patch embedding, positions, its layers and norms, adapter, deepstack mergers.
    case vision
    /// The connector from the vision tower to the language model (projector, patch merger).
    case projector

    public static func < (lhs: Component, rhs: Component) -> Bool {
        lhs.ordinal < rhs.ordinal
    }

    /// The position in `allCases`: a payload-free enum is stored as its case's declaration index
    /// (`ComponentHashTests` checks it for every case), so no table lists the cases twice.
    @inline(__always)
    var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }

    // Hashed by position: `RawRepresentable`'s default hashes the `rawValue` String, ~340
    // instructions per dictionary lookup, and the writers look components up ~40 times a model.
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
}
