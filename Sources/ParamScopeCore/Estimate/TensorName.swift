/// A tensor's name: as a checkpoint spells it, or the estimator's recipe for it.
///
/// Why a recipe: the estimator names ~20 tensors per model, but a report reads the names only
/// to compare with a checkpoint or to name an overflow. Interpolating them all cost ~55 K
/// instructions per model; the recipe keeps the pieces (Strings the spec already holds, retained
/// not copied) and `TensorEntry.name` joins them on access, byte for byte as the interpolation did.
struct TensorName: Sendable {
    /// The last piece of an estimator name.
    enum Suffix: Sendable {
        case weight, bias
        /// A parameter registered on its module without a `.weight` (gpt-oss's `sinks`, fused
        /// expert tensors like `experts.gate_up_proj`).
        case none

        var text: StaticString {
            switch self {
            case .weight: ".weight"
            case .bias: ".bias"
            case .none: ""
            }
        }
    }

    enum Storage: Sendable {
        /// A name as given (a checkpoint's, or a caller's).
        case literal(String)
        /// `head` + `suffix`, or `head` + "." + `tail` + `suffix`.
        case path(head: String, tail: String?, suffix: Suffix)
    }

    var storage: Storage

    init(_ name: String) { storage = .literal(name) }

    @inline(__always)
    init(_ path: TensorPath, _ suffix: Suffix) { storage = .path(head: path.head, tail: path.tail, suffix: suffix) }

    /// The name, built now.
    var string: String {
        switch storage {
        case .literal(let name):
            return name
        case .path(let head, let tail, let suffix):
            var result = head
            if let tail {
                result.reserveCapacity(head.utf8.count + 1 + tail.utf8.count + suffix.text.utf8CodeUnitCount)
                result.append(".")
                result.append(tail)
            }
            result.append(suffix.text.description)
            return result
        }
    }

    /// Whether two names are the same, comparing the recipes' pieces when both are recipes.
    func isSame(as other: TensorName) -> Bool {
        switch (storage, other.storage) {
        case (.path(let head, let tail, let suffix), .path(let otherHead, let otherTail, let otherSuffix)):
            return head == otherHead && tail == otherTail && suffix == otherSuffix
        default:
            return string == other.string
        }
    }

    /// Whether the name ends with `suffix`, byte for byte, without building it.
    ///
    /// From the end, piece by piece (suffix text, tail, ".", head): the estimator's names differ
    /// from llama.cpp's `relative_attention_bias.weight` within a byte or two of the tail's end.
    func hasSuffix(_ suffix: StaticString) -> Bool {
        let expected = suffix.utf8Start
        var remaining = suffix.utf8CodeUnitCount
        switch storage {
        case .literal(let name):
            return Self.matchEnd(name.utf8, expected, &remaining) ?? false
        case .path(let head, let tail, let nameSuffix):
            let text = nameSuffix.text
            var index = text.utf8CodeUnitCount
            while remaining > 0 && index > 0 {
                index -= 1
                remaining -= 1
                if text.utf8Start[index] != expected[remaining] { return false }
            }
            if remaining == 0 { return true }
            if let tail {
                if let result = Self.matchEnd(tail.utf8, expected, &remaining) { return result }
                remaining -= 1
                if expected[remaining] != UInt8(ascii: ".") { return false }
                if remaining == 0 { return true }
            }
            return Self.matchEnd(head.utf8, expected, &remaining) ?? false
        }
    }

    /// Matches the end of `piece` against `expected[..<remaining]` from the back: `false` on a
    /// difference, `true` when all of `expected` matched, `nil` when `piece` ran out first.
    private static func matchEnd(_ piece: String.UTF8View, _ expected: UnsafePointer<UInt8>,
                                 _ remaining: inout Int) -> Bool? {
        for byte in piece.reversed() {
            if remaining == 0 { return true }
            remaining -= 1
            if byte != expected[remaining] { return false }
        }
        return remaining == 0 ? true : nil
    }
}

/// A module path without `.weight` / `.bias`: a stack's layer prefix and a path inside it, or one path.
struct TensorPath {
    var head: String
    var tail: String?

    @inline(__always) init(_ head: String) { self.head = head; tail = nil }
    @inline(__always) init(_ head: String, _ tail: String) { self.head = head; self.tail = tail }
}
