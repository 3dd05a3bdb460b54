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
        return text
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
