/// The one JSON printer: `report.json`, `estimate --format json` and `inspect --format json` are
/// written member by member through it, pretty-printed with two-space indentation — `{`, each
/// member on its own line one level deeper, `,` between members, `}` on its own line (`{}` when
/// it has none); arrays the same way with `[` and `]`. Keys and values are escaped as JSON
/// requires (and `<`, so the text is safe inside a `<script>` block); integers are exact.
///
/// Static keys take `StaticString` (copied from the binary, never escaped); a key that is data
/// (a dtype, a component) goes through the `named:` forms, which escape it.
struct JSONObjectWriter {
    /// The buffer appended to (a reference: the caller's buffer).
    let out: OutputBuffer
    /// The object's nesting level (two spaces each); its members are one level deeper.
    let indent: Int
    private var empty = true

    init(_ out: OutputBuffer, indent: Int) {
        self.out = out
        self.indent = indent
    }

    /// `{` or `,`, a newline and the members' indentation, in one copy.
    private mutating func beginMember() {
        Self.line(empty ? "{\n" : ",\n", indent: 2 * (indent + 1), into: out)
        empty = false
    }

    /// `start` (two bytes: `{` or `,` or `[` and a newline), then `indent` spaces: one copy from
    /// a static line while the indentation fits in it (nearly always: objects nest a few deep).
    @inline(__always)
    static func line(_ start: StaticString, indent: Int, into out: OutputBuffer) {
        let lines: StaticString
        switch start.utf8Start.pointee {
        case UInt8(ascii: "{"): lines = "{\n                                                              "
        case UInt8(ascii: "["): lines = "[\n                                                              "
        default: lines = ",\n                                                              "
        }
        if indent + 2 <= lines.utf8CodeUnitCount {
            out.append(lines, prefix: indent + 2)
        } else {
            out.append(start)
            out.append(spaces: indent)
        }
    }

    /// The separator, indentation and `"name": ` of the next member (`name` needs no escaping).
    mutating func key(_ name: StaticString) {
        beginMember()
        out.append(byte: UInt8(ascii: "\""))
        out.append(name)
        out.append("\": ")
    }

    /// A member whose name is data, escaped.
    mutating func key(named name: String) {
        beginMember()
        JSONString.write(name, into: out)
        out.append(": ")
    }

    mutating func int(_ name: StaticString, _ value: Int) {
        key(name)
        out.append(int: value)
    }

    mutating func int(named name: String, _ value: Int) {
        key(named: name)
        out.append(int: value)
    }

    mutating func int(_ name: StaticString, _ value: Int?) {
        guard let value else { return null(name) }
        int(name, value)
    }

    mutating func string(_ name: StaticString, _ value: String) {
        key(name)
        JSONString.write(value, into: out)
    }

    mutating func string(_ name: StaticString, _ value: String?) {
        guard let value else { return null(name) }
        string(name, value)
    }

    mutating func bool(_ name: StaticString, _ value: Bool) {
        key(name)
        out.append(value ? "true" : "false")
    }

    /// `description` (the shortest text that reads back the same), or null when not finite or
    /// absent.
    mutating func double(_ name: StaticString, _ value: Double?) {
        key(name)
        if let value, value.isFinite { out.append(string: value.description) } else { out.append("null") }
    }

    mutating func null(_ name: StaticString) {
        key(name)
        out.append("null")
    }

    mutating func object(_ name: StaticString, _ body: (inout JSONObjectWriter) -> Void) {
        key(name)
        nested(body)
    }

    mutating func object(named name: String, _ body: (inout JSONObjectWriter) -> Void) {
        key(named: name)
        nested(body)
    }

    private func nested(_ body: (inout JSONObjectWriter) -> Void) {
        var inner = JSONObjectWriter(out, indent: indent + 1)
        body(&inner)
        inner.end()
    }

    /// An array of objects, one per index of `count` (the elements are read in place by `body`,
    /// not copied out of their array one by one).
    mutating func array(_ name: StaticString, count: Int, _ body: (Int, inout JSONObjectWriter) -> Void) {
        key(name)
        items(count) { index in
            var item = JSONObjectWriter(out, indent: indent + 2)
            body(index, &item)
            item.end()
        }
    }

    /// An array of integers (a shape, layer indices), one per line as every array here.
    mutating func ints(_ name: StaticString, _ values: [Int]) {
        key(name)
        items(values.count) { index in out.append(int: values[index]) }
    }

    /// An array of strings.
    mutating func strings(_ name: StaticString, _ values: [String]) {
        key(name)
        items(values.count) { index in JSONString.write(values[index], into: out) }
    }

    /// `[`, each item on its own line one level deeper than the member, `]` (`[]` when empty).
    private func items(_ count: Int, _ write: (Int) -> Void) {
        guard count > 0 else { out.append("[]"); return }
        for index in 0..<count {
            Self.line(index == 0 ? "[\n" : ",\n", indent: 2 * (indent + 2), into: out)
            write(index)
        }
        out.append("\n")
        out.append(spaces: 2 * (indent + 1))
        out.append("]")
    }

    /// Closes the object.
    mutating func end() {
        if empty {
            out.append("{}")
        } else {
            out.append("\n")
            out.append(spaces: 2 * indent)
            out.append("}")
        }
    }
}

/// JSON string literals: quoted, with quote, backslash, `<` and the control characters escaped.
enum JSONString {
    static func write(_ text: String, into out: OutputBuffer) {
        out.append(byte: UInt8(ascii: "\""))
        out.append(string: text, escaping: escaped, escape)
        out.append(byte: UInt8(ascii: "\""))
    }

    /// What `write` writes for each byte of `escaped`.
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

    /// The bytes `write` replaces: quote, backslash, `<` and the control characters.
    static let escaped = ByteSet(below: 0x20, [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<")])

    /// `\u00XX` for every control character JSON requires escaped.
    private static let controlEscapes: [StaticString] = [
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\u0008", "\\u0009", "\\u000a", "\\u000b", "\\u000c", "\\u000d", "\\u000e", "\\u000f",
        "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
        "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
    ]
}
