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

    /// `borrowing` here and in the other initializers that read a spec: an initializer takes its
    /// arguments owned, so each call copied the ModelSpec (~70 Strings, ~1.8 K instructions).
    public init(_ spec: borrowing ModelSpec) throws(ArithmeticOverflow) {
        try self.init(spec, layout: Estimator.layout(for: spec), seed: SeedFormula(spec).full)
    }

    /// From the estimator's tensors and parts of `spec`, and `seed_full`, when the caller has them already.
    init(_ spec: borrowing ModelSpec, layout: InventorySink, seed: Int) throws(ArithmeticOverflow) {
        let name = spec.name
        func what() -> String { "the worked calculation of \(name)" }
        let shares = try SeedShares(spec)
        var steps: [WorkedStep] = []
        steps.reserveCapacity(8)  // ~4 corrections a model: one allocation, not three
        self.seed = seed
        total = try Inventory(layout.tensors).total()
        var running = seed
        let tensors = layout.tensors
        var ofKind: [Int] = []
        ofKind.reserveCapacity(tensors.count)
        for kind in PartKind.allCases {
            // The parts of this kind, in order (a kind recurs once per stack): indices, no entries copied.
            var exact = 0
            ofKind.removeAll(keepingCapacity: true)
            for part in layout.starts.indices where layout.starts[part].kind == kind {
                for index in layout.span(part) {
                    ofKind.append(index)
                    exact = try Checked.add(exact, tensors[index].parameters(), what: what())
                }
            }
            let share = shares[kind]
            guard exact != share else { continue }
            let delta = exact &- share
            running = try Checked.add(running, delta, what: what())
            var formula = FormulaText()
            if ofKind.isEmpty { formula.append("0") } else { Self.formula(tensors, ofKind, into: &formula) }
            if share != 0 {
                formula.append(" − ")
                shares.formula(kind, into: &formula)
            }
            steps.append(WorkedStep(kind: kind, label: WorkedLabels.label(kind, spec), formula: formula.string, delta: delta))
        }
        // The shares partition seed_full and the parts partition the inventory, so `running`
        // ends at `total` by construction (HFCorpusTests' `workedCalculationAddsUp` checks it on every corpus model).
        self.steps = steps
    }

    /// `layers × experts × (a×b + c)` for each group of `tensors[indices]` with the same
    /// multiplicity, groups in order of first appearance. One tensor in several runs of layers
    /// (Jamba's Mamba layers between its attention layers: 4, 7, 7, 7 and 3) is counted once with
    /// the layers of all its runs.
    static func formula(_ tensors: [TensorEntry], _ indices: [Int], into result: inout FormulaText) {
        var done = [Bool](repeating: false, count: indices.count)
        // Built only when a tensor recurs in another run (no allocation for most parts).
        var merged: [Int]?
        for first in indices.indices where !done[first] {
            let a = indices[first]
            for other in (first + 1)..<max(first + 1, indices.count) where !done[other] {
                let b = indices[other]
                // Cheap fields first: the names are compared only for a tensor in another run.
                guard tensors[b].firstLayer != tensors[a].firstLayer, tensors[b].experts == tensors[a].experts,
                      tensors[b].shape == tensors[a].shape, tensors[b].spelling.isSame(as: tensors[a].spelling) else { continue }
                if merged == nil { merged = indices.map { tensors[$0].layers } }
                merged![first] &+= merged![other]
                done[other] = true
            }
        }
        func layersAt(_ position: Int) -> Int { merged?[position] ?? tensors[indices[position]].layers }
        for first in indices.indices where !done[first] {
            let layers = layersAt(first), experts = tensors[indices[first]].experts
            if !result.isEmpty { result.append(" + ") }
            if layers > 1 { result.append(layers); result.append(" × ") }
            if experts > 1 { result.append(experts); result.append(" × ") }
            let grouped = ((first + 1)..<max(first + 1, indices.count)).contains {
                !done[$0] && layersAt($0) == layers && tensors[indices[$0]].experts == experts
            }
            if grouped { result.append("(") }
            var separator = false
            for position in first..<indices.count where !done[position] {
                let tensor = indices[position]
                guard layersAt(position) == layers && tensors[tensor].experts == experts else { continue }
                done[position] = true
                if separator { result.append(" + ") }
                separator = true
                var dimension = false
                for size in tensors[tensor].shape {
                    if dimension { result.append("×") }
                    dimension = true
                    result.append(size)
                }
            }
            if grouped { result.append(")") }
        }
    }
}

/// A formula's (or label's) UTF-8 bytes, turned into one String at the end: interpolating
/// piece by piece cost ~5 K instructions per formula.
struct FormulaText {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(64) }

    var isEmpty: Bool { bytes.isEmpty }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(_ text: FormulaText) { bytes.append(contentsOf: text.bytes) }

    /// `String(value)`'s digits.
    mutating func append(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            while count > 0 {
                count -= 1
                bytes.append(buffer[count])
            }
        }
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

    init(_ spec: borrowing ModelSpec) throws(ArithmeticOverflow) {
        let name = spec.name
        func what() -> String { "the seed formula for \(name)" }
        L = spec.totalLayers
        h = spec.hidden
        V = spec.vocab
        latent = spec.attention.latent != nil
        fused = spec.attention.fusedQKV
        tied = spec.tiedEmbeddings
        squares = try Checked.multiply(L, h, h, what: what())
        embedding = try Checked.multiply(V, h, what: what())
        // Every multiple of L·h² a share uses, checked as the shares are.
        _ = try Checked.multiply(latent ? 4 : fused ? 3 : 2, squares, what: what())
        _ = try Checked.multiply(8, squares, what: what())
        norms = try Checked.multiply(L, 4, h, what: what())
        finalNorm = try Checked.multiply(2, h, what: what())
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
    func formula(_ kind: PartKind, into text: inout FormulaText) {
        switch kind {
        case .tokenEmbedding:
            text.append(V); text.append("×"); text.append(h)
        case .layerNorms:
            text.append(L); text.append(" × 4 × "); text.append(h)
        case .finalNorm:
            text.append("2 × "); text.append(h)
        case .head:
            if tied { text.append("0") } else { text.append(V); text.append("×"); text.append(h) }
        default:
            let n = multiple(kind)
            if n == 0 { text.append("0"); return }
            if n != 1 { text.append(n); text.append(" × ") }
            text.append(L); text.append(" × "); text.append(h); text.append("²")
        }
    }
}
