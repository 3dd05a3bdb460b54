/// A problem with a spec's shape, naming the field a user can fix.
public struct SpecProblem: Sendable, Equatable, CustomStringConvertible {
    /// The config field it concerns (`heads`, `kv_heads`, ...).
    public var field: String
    public var message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { message }
}

extension ModelSpec {
    /// Every impossible or contradictory size, in field order; empty when the spec can be counted.
    public func validate() -> [SpecProblem] {
        var problems: [SpecProblem] = []
        func positive(_ value: Int, _ field: String) {
            if value <= 0 { problems.append(SpecProblem(field: field, "`\(field)` must be a positive integer, found \(value)")) }
        }
        positive(layers, "layers")
        positive(hidden, "hidden")
        positive(heads, "heads")
        positive(kvHeads, "kv_heads")
        positive(headDim, "head_dim")
        positive(ffn, "ffn")
        positive(vocab, "vocab")
        if embedding.positions == .learned { positive(maxPositions, "max_positions") }
        if heads > 0, kvHeads > 0, heads % kvHeads != 0 {
            problems.append(SpecProblem(field: "kv_heads", "`kv_heads` (\(kvHeads)) must divide `heads` (\(heads))"))
        }
        if let experts {
            positive(experts.experts, "experts")
            positive(experts.expertsPerToken, "experts_per_token")
            positive(experts.expertFFN, "expert_ffn")
            if experts.expertsPerToken > experts.experts {
                problems.append(SpecProblem(field: "experts_per_token",
                    "`experts_per_token` (\(experts.expertsPerToken)) cannot exceed `experts` (\(experts.experts))"))
            }
        }
        return problems
    }
}
