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
        try self.init(spec, parts: Estimator.parts(for: spec))
    }

    /// From the estimator's parts of `spec`, when the caller has them already.
    init(_ spec: ModelSpec, parts: [EstimatorPart]) throws(ArithmeticOverflow) {
        func what() -> String { "the worked calculation of \(spec.name)" }
        let shares = try SeedShares(spec)
        var steps: [WorkedStep] = []
        seed = try SeedFormula(spec).full
        total = try Inventory(parts.flatMap(\.tensors)).total()
        var running = seed
        for kind in PartKind.allCases {
            let tensors = parts.filter { $0.kind == kind }.flatMap(\.tensors)
            var exact = 0
            for tensor in tensors { exact = try Checked.add(exact, tensor.parameters(), what: what()) }
            let share = shares[kind] ?? (value: 0, formula: "0")
            guard exact != share.value else { continue }
            let delta = exact &- share.value
            running = try Checked.add(running, delta, what: what())
            let exactFormula = tensors.isEmpty ? "0" : Self.formula(tensors)
            let formula = share.value == 0 ? exactFormula : "\(exactFormula) − \(share.formula)"
            steps.append(WorkedStep(kind: kind, label: WorkedLabels.label(kind, spec), formula: formula, delta: delta))
        }
        // The shares partition seed_full and the parts partition the inventory, so `running`
        // ends at `total` by construction (WorkedCalculationTests checks it on every model).
        self.steps = steps
    }

    /// `layers × experts × (a×b + c)` for each group of tensors with the same multiplicity.
    static func formula(_ tensors: [TensorEntry]) -> String {
        var groups: [(layers: Int, experts: Int, terms: [String])] = []
        for tensor in tensors {
            let term = tensor.shape.map(String.init).joined(separator: "×")
            if let index = groups.firstIndex(where: { $0.layers == tensor.layers && $0.experts == tensor.experts }) {
                groups[index].terms.append(term)
            } else {
                groups.append((tensor.layers, tensor.experts, [term]))
            }
        }
        return groups.map { group in
            let inner = group.terms.count > 1 ? "(" + group.terms.joined(separator: " + ") + ")" : group.terms[0]
            var factors: [String] = []
            if group.layers > 1 { factors.append("\(group.layers)") }
            if group.experts > 1 { factors.append("\(group.experts)") }
            return (factors + [inner]).joined(separator: " × ")
        }.joined(separator: " + ")
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

/// The seed formula's share for each part, with its formula in this model's numbers.
struct SeedShares {
    var values: [PartKind: (value: Int, formula: String)] = [:]

    subscript(kind: PartKind) -> (value: Int, formula: String)? { values[kind] }

    init(_ spec: ModelSpec) throws(ArithmeticOverflow) {
        let what = "the seed formula for \(spec.name)"
        let L = spec.totalLayers, h = spec.hidden, V = spec.vocab
        let square = try Checked.multiply(L, h, h, what: what)
        func squares(_ n: Int) throws(ArithmeticOverflow) -> (Int, String) {
            (try Checked.multiply(n, square, what: what), n == 1 ? "\(L) × \(h)²" : "\(n) × \(L) × \(h)²")
        }
        values[.tokenEmbedding] = (try Checked.multiply(V, h, what: what), "\(V)×\(h)")
        if spec.attention.latent != nil {
            values[.latentAttention] = try squares(4)
        } else if spec.attention.fusedQKV {
            values[.attentionQKV] = try squares(3)
            values[.attentionOutput] = try squares(1)
        } else {
            values[.attentionQuery] = try squares(1)
            values[.attentionKeyValue] = try squares(2)
            values[.attentionOutput] = try squares(1)
        }
        values[.mlp] = try squares(8)
        values[.layerNorms] = (try Checked.multiply(L, 4, h, what: what), "\(L) × 4 × \(h)")
        values[.finalNorm] = (try Checked.multiply(2, h, what: what), "2 × \(h)")
        if !spec.tiedEmbeddings { values[.head] = (try Checked.multiply(V, h, what: what), "\(V)×\(h)") }
    }
}
