/// A JSON value with ordered keys and exact integers, so `report.json` is byte-stable and counts
/// never pass through floating point.
enum JSONValue: Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case null

    /// Pretty-printed with two-space indentation and a final newline.
    func serialized() -> String {
        var out = OutputBuffer(capacity: 1 << 16)
        write(into: &out, indent: 0)
        out.append("\n")
        return out.string
    }

    /// Written into one byte buffer: `report.json` of 10,000 models is tens of megabytes.
    func write(into out: inout OutputBuffer, indent: Int) {
        switch self {
        case .object(let pairs):
            guard !pairs.isEmpty else { out.append("{}"); return }
            out.append("{\n")
            for (index, (key, value)) in pairs.enumerated() {
                Self.indent(indent + 1, into: &out)
                Self.writeString(key, into: &out)
                out.append(": ")
                value.write(into: &out, indent: indent + 1)
                out.append(index == pairs.count - 1 ? "\n" : ",\n")
            }
            Self.indent(indent, into: &out)
            out.append("}")
        case .array(let items):
            Self.writeArray(count: items.count, { items[$0] }, into: &out, indent: indent)
        case .int(let value): out.append(int: value)
        case .double(let value):
            if value.isFinite { out.append(value.description) } else { out.append("null") }
        case .string(let text): Self.writeString(text, into: &out)
        case .bool(let value): out.append(value ? "true" : "false")
        case .null: out.append("null")
        }
    }

    private static func writeArray(
        count: Int, _ element: (Int) -> JSONValue, into out: inout OutputBuffer, indent: Int
    ) {
        guard count > 0 else { out.append("[]"); return }
        out.append("[\n")
        for index in 0..<count {
            Self.indent(indent + 1, into: &out)
            element(index).write(into: &out, indent: indent + 1)
            out.append(index == count - 1 ? "\n" : ",\n")
        }
        Self.indent(indent, into: &out)
        out.append("]")
    }

    private static func indent(_ level: Int, into out: inout OutputBuffer) {
        out.append(spaces: 2 * level)
    }

    static func writeString(_ text: String, into out: inout OutputBuffer) {
        out.append(byte: UInt8(ascii: "\""))
        out.append(text, escaping: jsonEscaped, escape)
        out.append(byte: UInt8(ascii: "\""))
    }

    /// What `writeString` writes for each byte of `jsonEscaped`.
    static func escape(_ byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case UInt8(ascii: "\n"): return "\\n"
        case UInt8(ascii: "\r"): return "\\r"
        case UInt8(ascii: "\t"): return "\\t"
        case UInt8(ascii: "<"): return "\\u003c"  // safe to embed in a <script> block
        case 0..<0x20: return controlEscapes[Int(byte)]
        default: return nil
        }
    }

    /// The bytes `writeString` replaces: quote, backslash, `<` and the control characters.
    static let jsonEscaped = ByteSet(below: 0x20, [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<")])

    /// `\u00XX` for every control character JSON requires escaped.
    private static let controlEscapes: [StaticString] = [
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\u0008", "\\u0009", "\\u000a", "\\u000b", "\\u000c", "\\u000d", "\\u000e", "\\u000f",
        "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
        "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
    ]
}
