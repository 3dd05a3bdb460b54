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

        var text: StaticString {
            switch self {
            case .weight: ".weight"
            case .bias: ".bias"
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

    /// Whether the name ends with `suffix`, byte for byte, without building it.
    func hasSuffix(_ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: suffix.utf8Start, count: count)
        switch storage {
        case .literal(var name):
            return name.withUTF8 { bytes in
                guard bytes.count >= count else { return false }
                return UnsafeBufferPointer(rebasing: bytes[(bytes.count - count)...]).elementsEqual(expected)
            }
        case .path(let head, let tail, let nameSuffix):
            // Compare from the end, piece by piece: suffix text, tail, ".", head.
            var remaining = count
            func matches(_ piece: UnsafeBufferPointer<UInt8>) -> Bool? {
                let overlap = min(piece.count, remaining)
                let pieceTail = UnsafeBufferPointer(rebasing: piece[(piece.count - overlap)...])
                let expectedPart = UnsafeBufferPointer(rebasing: expected[(remaining - overlap)..<remaining])
                guard pieceTail.elementsEqual(expectedPart) else { return false }
                remaining -= overlap
                return remaining == 0 ? true : nil
            }
            let text = nameSuffix.text
            if let result = matches(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) {
                return result
            }
            if var tail {
                if let result = tail.withUTF8(matches) { return result }
                let dot: StaticString = "."
                if let result = matches(UnsafeBufferPointer(start: dot.utf8Start, count: 1)) { return result }
            }
            var head = head
            return head.withUTF8(matches) ?? false
        }
    }
}

/// A module path without `.weight` / `.bias`: a stack's layer prefix and a path inside it, or one path.
struct TensorPath {
    var head: String
    var tail: String?

    @inline(__always) init(_ head: String) { self.head = head; tail = nil }
    @inline(__always) init(_ head: String, _ tail: String) { self.head = head; self.tail = tail }
}
