import ParamScopeCore

/// Reads typed values out of YAML nodes, collecting a diagnostic for each bad one instead of
/// stopping at the first.
struct FieldReader {
    var problems: [Diagnostic] = []
    /// Doubts that do not stop the run (`warning:`), kept apart so they never fail an entry.
    var warnings: [Diagnostic] = []

    mutating func fail(_ node: YAMLNode, _ message: String) {
        problems.append(Diagnostic(at: node.location, message))
    }

    mutating func warn(_ node: YAMLNode, _ message: String) {
        warnings.append(Diagnostic(.warning, at: node.location, message))
    }

    /// A positive integer (`4096`, `32_000`), or nil after recording why not.
    mutating func positiveInt(_ node: YAMLNode, field: String, allowZero: Bool = false) -> Int? {
        guard case .scalar(let text, let quoted) = node.value, !quoted else {
            fail(node, "`\(field)` must be an integer, found \(node.kindName)")
            return nil
        }
        if let value = Self.plainDigits(text), value > 0 || allowZero { return value }
        // Anything else is refused below, with the reason.
        let digits = text.replacingUnderscores()
        if digits.hasPrefix("-"), digits.dropFirst().allSatisfy(\.isNumber), digits.count > 1 {
            fail(node, "`\(field)` must be \(allowZero ? "zero or more" : "a positive integer"), found \(text)")
            return nil
        }
        guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) else {
            fail(node, "`\(field)` must be an integer, found \(node.kindName)")
            return nil
        }
        guard let value = Int(digits) else {
            fail(node, "`\(field)` is too large: \(text) does not fit in a 64-bit integer")
            return nil
        }
        if value == 0 && !allowZero {
            fail(node, "`\(field)` must be a positive integer, found 0")
            return nil
        }
        return value
    }

    /// ASCII digits with `_` separators (at least one digit) that fit in 64 bits, read byte by
    /// byte: nearly every integer in a list is one, and Character-wise checks cost more than
    /// libyaml's whole parse of it.
    static func plainDigits(_ text: String) -> Int? {
        // Contiguous bytes (a small string's are copied to the stack) loop faster than the view.
        text.utf8.withContiguousStorageIfAvailable(plainDigits) ?? plainDigits(Array(text.utf8))
    }

    private static func plainDigits<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Int? {
        var value = 0, digits = 0
        for byte in bytes where byte != UInt8(ascii: "_") {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (sum, carried) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflowed, !carried else { return nil }
            value = sum
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    mutating func bool(_ node: YAMLNode, field: String) -> Bool? {
        if case .scalar(let text, false) = node.value {
            switch text {
            case "true", "True", "TRUE", "yes", "on": return true
            case "false", "False", "FALSE", "no", "off": return false
            default: break
            }
        }
        fail(node, "`\(field)` must be true or false, found \(node.kindName)")
        return nil
    }

    mutating func string(_ node: YAMLNode, field: String) -> String? {
        guard let text = node.scalar else {
            fail(node, "`\(field)` must be text, found \(node.kindName)")
            return nil
        }
        let prose = field == "description" || field == "notes"
        if let control = Self.firstControl(text, allowingLines: prose) {
            fail(node, "`\(field)` contains the control character \(control) (character \(Self.position(of: control, in: text))); "
                 + (prose ? "text may hold tabs and line breaks, no other control characters" : "names and other one-line text may not hold control characters"))
            return nil
        }
        return text
    }

    /// The rule for text read from a config list: no C0 control (U+0000–U+001F), DEL or C1
    /// control (U+0080–U+009F) — NUL cut HTML tables short, ESC drove terminals — except tab and
    /// line feed in prose. Written `U+001B`.
    static func firstControl(_ text: String, allowingLines: Bool) -> String? {
        for scalar in text.unicodeScalars where isControl(scalar) {
            if allowingLines, scalar == "\n" || scalar == "\t" { continue }
            return "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        }
        return nil
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The 1-based position of the first control character written `code` in `text`.
    private static func position(of code: String, in text: String) -> Int {
        let value = UInt32(code.dropFirst(2), radix: 16) ?? 0
        return (text.unicodeScalars.firstIndex { $0.value == value }.map { text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: $0) } ?? 0) + 1
    }

    /// `6.7B`, `6,738,415,616`, or `{total, active, source, basis}`.
    mutating func published(_ node: YAMLNode) -> PublishedFigure? {
        if node.scalar != nil {
            guard let total = count(node, field: "published") else { return nil }
            return PublishedFigure(total: total)
        }
        guard let pairs = node.mapping else {
            fail(node, "`published` must be a count like 6.7B or a mapping {total, active, source, basis}, found \(node.kindName)")
            return nil
        }
        var total: PublishedCount?
        var active: PublishedCount?
        var basis = PublishedBasis.paper
        var source: String?
        var totalSeen = false
        for (key, value) in pairs {
            switch key.scalar ?? "" {
            case "total": totalSeen = true; total = count(value, field: "published.total")
            case "active": active = count(value, field: "published.active")
            case "source": source = string(value, field: "published.source")
            case "basis":
                if let text = string(value, field: "published.basis") {
                    if let parsed = PublishedBasis(rawValue: text) { basis = parsed } else {
                        fail(value, "`published.basis` must be paper, card or name, found \"\(text)\"")
                    }
                }
            default:
                let known = ["total", "active", "source", "basis"]
                fail(key, "unknown field `published.\(key.scalar ?? "")`\(Suggestion.didYouMean(key.scalar ?? "", in: known))")
            }
        }
        guard let total else {
            if !totalSeen { fail(node, "`published` needs `total:` (the headline count, like 6.7B)") }
            return nil
        }
        return PublishedFigure(total: total, active: active, basis: basis, source: source)
    }

    mutating func count(_ node: YAMLNode, field: String) -> PublishedCount? {
        guard let text = node.scalar, let count = PublishedCount(text) else {
            fail(node, "`\(field)` must be a parameter count like 6.7B, 124M, 1.5T or 6,738,415,616, found \(node.kindName)")
            return nil
        }
        return count
    }
}

extension String {
    func replacingUnderscores() -> String { filter { $0 != "_" } }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
