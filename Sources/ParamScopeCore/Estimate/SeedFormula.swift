/// The seed article's two estimates, kept beside the exact count in every report.
///
/// Both read L = all transformer layers, h = the hidden width and V = the vocabulary, and ignore
/// experts, GQA and gating on purpose: the gap to the exact count is what the reports explain.
public struct SeedFormula: Sendable, Equatable {
    /// `12·L·h² + V·h`.
    public var approx: Int
    /// `L·(12h² + 4h) + V·h + 2h`, plus another `V·h` for an untied output head.
    public var full: Int

    public init(approx: Int, full: Int) {
        self.approx = approx
        self.full = full
    }

    public init(_ spec: borrowing ModelSpec) throws(ArithmeticOverflow) {
        let name = spec.name
        // Built only for an overflow (an eager message per model cost ~2.5 K instructions).
        func what() -> String { "the seed formula for \(name)" }
        let L = spec.totalLayers, h = spec.hidden, V = spec.vocab
        let hSquared = try Checked.multiply(h, h, what: what())
        let perLayer = try Checked.multiply(12, hSquared, what: what())
        let layerTerm = try Checked.multiply(L, perLayer, what: what())
        let embedding = try Checked.multiply(V, h, what: what())
        approx = try Checked.add(layerTerm, embedding, what: what())
        let norms = try Checked.multiply(L, 4, h, what: what())
        let finalNorm = try Checked.multiply(2, h, what: what())
        let head = spec.tiedEmbeddings ? 0 : embedding
        full = try Checked.add(approx, norms, finalNorm, head, what: what())
    }
}
