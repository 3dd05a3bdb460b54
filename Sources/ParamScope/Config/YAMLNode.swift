/// A YAML value with the place it was written, so every later problem can point at it.
public struct YAMLNode: Sendable {
    public enum Value: Sendable {
        /// A scalar's text, and whether it was quoted (a quoted `"7"` is a string, not a number).
        case scalar(String, quoted: Bool)
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    public var value: Value
    public var location: SourceLocation

    /// What kind of value it is, for messages ("expected a mapping, found a sequence").
    public var kindName: String {
        switch value {
        case .scalar(let text, let quoted): return quoted ? "the string \"\(text)\"" : "`\(text)`"
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        }
    }

    public var scalar: String? {
        if case .scalar(let text, _) = value { return text }
        return nil
    }

    public var mapping: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let pairs) = value { return pairs }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// A plain scalar that YAML would read as null (`~`, `null`, or nothing).
    public var isNull: Bool {
        if case .scalar(let text, quoted: false) = value { return ["", "~", "null", "Null", "NULL"].contains(text) }
        return false
    }
}
