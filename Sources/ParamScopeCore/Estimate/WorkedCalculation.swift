/// The seed article's method with this model's numbers, then each correction the exact count
/// makes, so a reader sees why the estimate and the exact count differ.
///
/// It starts from `seed_full` — `L·(12h² + 4h) + V·h + 2h` (+ `V·h` untied) — split into the
/// share the article gives each part (Q h², K+V 2h², O h², MLP 8h² per layer, 4h of norms per
/// layer, 2h final norm, V·h embedding and head). Each step replaces one share with the exact
/// count of the tensors it stands for (the estimator's parts), so the steps sum exactly from
/// `seed` to `total`.
public struct WorkedCalculation: Sendable, Equatable {
    /// `seed_full`.
    public var seed: Int
    /// The corrections, in model order; parts the seed already counts exactly are left out.
    public var steps: [WorkedStep]
    /// The exact count: `seed + Σ steps.delta`.
    public var total: Int

    public init(seed: Int, steps: [WorkedStep], total: Int) {
        self.seed = seed
        self.steps = steps
        self.total = total
    }

    public init(_ spec: ModelSpec) throws(ArithmeticOverflow) {
        try self.init(spec, layout: Estimator.layout(for: spec))
    }

    /// From the estimator's tensors and parts of `spec`, when the caller has them already.
    init(_ spec: ModelSpec, layout: InventorySink) throws(ArithmeticOverflow) {
        func what() -> String { "the worked calculation of \(spec.name)" }
        let shares = try SeedShares(spec)
        var steps: [WorkedStep] = []
        seed = try SeedFormula(spec).full
        total = try Inventory(layout.tensors).total()
        var running = seed
        let tensors = layout.tensors
        for kind in PartKind.allCases {
            // The parts of this kind, in order (a kind recurs once per stack): no arrays built.
            var exact = 0
            var any = false
            for part in layout.starts.indices where layout.starts[part].kind == kind {
                for index in layout.span(part) {
                    any = true
                    exact = try Checked.add(exact, tensors[index].parameters(), what: what())
                }
            }
            let share = shares[kind]
            guard exact != share else { continue }
            let delta = exact &- share
            running = try Checked.add(running, delta, what: what())
            var exactFormula = "0"
            if any {
                var ofKind: [TensorEntry] = []
                for part in layout.starts.indices where layout.starts[part].kind == kind {
                    ofKind += tensors[layout.span(part)]
                }
                exactFormula = Self.formula(ofKind)
            }
            let formula = share == 0 ? exactFormula : "\(exactFormula) − \(shares.formula(kind))"
            steps.append(WorkedStep(kind: kind, label: WorkedLabels.label(kind, spec), formula: formula, delta: delta))
        }
        // The shares partition seed_full and the parts partition the inventory, so `running`
        // ends at `total` by construction (WorkedCalculationTests checks it on every model).
        self.steps = steps
    }

    /// `layers × experts × (a×b + c)` for each group of tensors with the same multiplicity,
    /// groups in order of first appearance.
    static func formula(_ tensors: [TensorEntry]) -> String {
        var result = ""
        var done = [Bool](repeating: false, count: tensors.count)
        for first in tensors.indices where !done[first] {
            let layers = tensors[first].layers, experts = tensors[first].experts
            if !result.isEmpty { result += " + " }
            if layers > 1 { result += "\(layers) × " }
            if experts > 1 { result += "\(experts) × " }
            let grouped = tensors[(first + 1)...].contains { $0.layers == layers && $0.experts == experts }
            if grouped { result += "(" }
            var separator = false
            for index in first..<tensors.count where !done[index] && tensors[index].layers == layers && tensors[index].experts == experts {
                done[index] = true
                if separator { result += " + " }
                separator = true
                var dimension = false
                for size in tensors[index].shape {
                    if dimension { result += "×" }
                    dimension = true
                    result += String(size)
                }
            }
            if grouped { result += ")" }
        }
        return result
    }
}

/// One correction: what changes, the arithmetic with this model's numbers, and by how much.
public struct WorkedStep: Sendable, Equatable {
    public var kind: PartKind
    public var label: String
    public var formula: String
    /// Signed: exact count of the part minus the seed's share for it.
    public var delta: Int
}

/// The seed formula's share for each part; its formula in this model's numbers is written only
/// for the steps a report shows.
struct SeedShares {
    private let L: Int, h: Int, V: Int
    private let embedding: Int, squares: Int, norms: Int, finalNorm: Int
    private let latent: Bool, fused: Bool, tied: Bool

    init(_ spec: ModelSpec) throws(ArithmeticOverflow) {
        let what = "the seed formula for \(spec.name)"
        L = spec.totalLayers
        h = spec.hidden
        V = spec.vocab
        latent = spec.attention.latent != nil
        fused = spec.attention.fusedQKV
        tied = spec.tiedEmbeddings
        squares = try Checked.multiply(L, h, h, what: what)
        embedding = try Checked.multiply(V, h, what: what)
        // Every multiple of L·h² a share uses, checked as the shares are.
        _ = try Checked.multiply(latent ? 4 : fused ? 3 : 2, squares, what: what)
        _ = try Checked.multiply(8, squares, what: what)
        norms = try Checked.multiply(L, 4, h, what: what)
        finalNorm = try Checked.multiply(2, h, what: what)
    }

    /// How many L·h² the seed gives `kind` (0: not a share of squares).
    private func multiple(_ kind: PartKind) -> Int {
        switch kind {
        case .latentAttention: return latent ? 4 : 0
        case .attentionQKV: return !latent && fused ? 3 : 0
        case .attentionQuery: return !latent && !fused ? 1 : 0
        case .attentionKeyValue: return !latent && !fused ? 2 : 0
        case .attentionOutput: return latent ? 0 : 1
        case .mlp: return 8
        default: return 0
        }
    }

    /// The seed's share for `kind` (0 when the seed gives it none).
    subscript(kind: PartKind) -> Int {
        switch kind {
        case .tokenEmbedding: return embedding
        case .layerNorms: return norms
        case .finalNorm: return finalNorm
        case .head: return tied ? 0 : embedding
        default: return multiple(kind) &* squares  // checked in init
        }
    }

    /// The share's formula with this model's numbers.
    func formula(_ kind: PartKind) -> String {
        switch kind {
        case .tokenEmbedding: return "\(V)×\(h)"
        case .layerNorms: return "\(L) × 4 × \(h)"
        case .finalNorm: return "2 × \(h)"
        case .head: return tied ? "0" : "\(V)×\(h)"
        default:
            let n = multiple(kind)
            return n == 0 ? "0" : n == 1 ? "\(L) × \(h)²" : "\(n) × \(L) × \(h)²"
        }
    }
}
