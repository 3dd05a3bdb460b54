import Testing
@testable import ParamScopeCore

/// The estimator's name recipes: built on access, they spell what the interpolation
/// `"\(head).\(tail).weight"` spelled, and the suffix test on the pieces agrees with
/// `String.hasSuffix` on the built name.
@Suite struct TensorNameTests {
    /// (head, tail, suffix): a stack path, a top-level path, a tail shorter than the suffix
    /// tested, an empty head, non-ASCII pieces.
    static let recipes: [(String, String?, TensorName.Suffix)] = [
        ("model.layers.{layer}", "self_attn.q_proj", .weight),
        ("model.layers.{layer}", "self_attn.q_proj", .bias),
        ("encoder.block.{layer}", "layer.0.SelfAttention.relative_attention_bias", .weight),
        ("decoder.block.{layer}", "layer.0.SelfAttention.relative_attention_bias", .bias),
        ("x.relative_attention", "bias", .weight),
        ("x.relative_attention_", "bias", .weight),
        ("relative_attention_bias", nil, .weight),
        ("lm_head", nil, .bias),
        ("", "relative_attention_bias", .weight),
        ("", nil, .weight),
        ("modèle.couches.{layer}", "atténtion_bias", .weight),
    ]

    static let suffixes: [StaticString] = ["relative_attention_bias.weight", "bias.weight", ".weight", "t", "",
                                           "x.relative_attention_bias.weight", "_bias.weight", "n_bias.weight"]

    @Test(arguments: recipes.indices)
    func recipeSpellsTheInterpolation(_ index: Int) {
        let (head, tail, suffix) = Self.recipes[index]
        let path = tail.map { TensorPath(head, $0) } ?? TensorPath(head)
        let name = TensorName(path, suffix)
        let end = suffix == .weight ? "weight" : "bias"
        let expected = tail.map { "\(head).\($0).\(end)" } ?? "\(head).\(end)"
        #expect(name.string == expected)
        for text in Self.suffixes {
            #expect(name.hasSuffix(text) == expected.hasSuffix(text.description), "\(expected) ends with \(text)?")
            #expect(TensorName(expected).hasSuffix(text) == expected.hasSuffix(text.description))
        }
        // The public name reads the same, equality is by spelling, and a set name is a literal.
        var entry = TensorEntry(name, shape: [2, 3], component: .attention, role: .attentionQuery)
        #expect(entry.name == expected)
        #expect(entry == TensorEntry(expected, shape: [2, 3], component: .attention, role: .attentionQuery))
        entry.name = "other.weight"
        #expect(entry.name == "other.weight")
    }

    /// `StackNames` shares its paths between copies until one writes: the copy changes, the
    /// original does not, and equality compares the paths, not the storage.
    @Test func stackNamesAreValues() {
        let original = StackNames()
        var copy = original
        #expect(copy == original)
        copy.q = "attn.wq"
        copy.norms.append("extra_norm")
        #expect(original.q == "self_attn.q_proj" && original.norms.count == 4)
        #expect(copy.q == "attn.wq" && copy.norms.last == "extra_norm")
        #expect(copy != original)
        var again = StackNames()
        again.q = "attn.wq"
        again.norms.append("extra_norm")
        #expect(again == copy)
    }
}
