import Foundation

/// The one JSON parser for input files (config.json, safetensors headers and indexes): keys in
/// file order, integers kept exact, booleans never numbers, and every error at its byte offset.
///
/// Foundation's `JSONSerialization` was used before; it returns dictionaries (so problems came
/// out in hash order, a different first error each run), turns `true` into a number that
/// `[true, 4]` passes as a shape, accepts duplicate keys (the last wins silently), and reports
/// `1e400` or a lone surrogate without a position. Python's `NaN`, `Infinity` and `-Infinity`,
/// which transformers writes (`"time_step_limit": [0.0, Infinity]`), are read as numbers.
enum JSONReader {
    /// Not `indirect`: arrays already hold their elements on the heap, and a boxed value per
    /// number and string made a 75 MB safetensors header take 690 MB.
    enum Value {
        case object([(key: String, value: Value, offset: Int)])
        case array([Value])
        case int(Int)
        case double(Double)
        case string(String)
        case bool(Bool)
        case null

        /// The value as `JSONSerialization` would give it: `[String: Any]`, `[Any]`, `NSNumber`
        /// (booleans as `NSNumber(value: Bool)`), `String`, `NSNull`.
        var foundation: Any {
            switch self {
            case .object(let pairs):
                var dictionary: [String: Any] = [:]
                dictionary.reserveCapacity(pairs.count)
                for pair in pairs { dictionary[pair.key] = pair.value.foundation }
                return dictionary
            case .array(let items): return items.map(\.foundation)
            case .int(let value): return NSNumber(value: value)
            case .double(let value): return NSNumber(value: value)
            case .string(let text): return text
            case .bool(let value): return NSNumber(value: value)
            case .null: return NSNull()
            }
        }

        /// Short, for messages: `true`, `4`, `"F16"`, `an object`.
        var brief: String {
            switch self {
            case .object: "an object"
            case .array(let items): "[" + items.map(\.brief).joined(separator: ", ") + "]"
            case .int(let value): "\(value)"
            case .double(let value): "\(value)"
            case .string(let text): "\"\(text.prefix(40))\""
            case .bool(let value): value ? "true" : "false"
            case .null: "null"
            }
        }
    }

    /// Where and why parsing stopped.
    struct Failure: Error {
        var offset: Int
        var reason: String
    }

    /// Objects and arrays nest at most this deep (a config.json needs four or five levels).
    static let maxDepth = 512

    static func parse(_ bytes: [UInt8]) throws(Failure) -> Value {
        try bytes.withUnsafeBufferPointer { buffer throws(Failure) -> Value in
            var parser = Parser(bytes: buffer)
            parser.skipSpace()
            let value = try parser.value(depth: 0)
            parser.skipSpace()
            guard parser.index == buffer.count else { throw Failure(offset: parser.index, reason: "unexpected text after the JSON value") }
            return value
        }
    }

    /// The 1-based line and column of a byte offset (columns count characters, not bytes).
    static func location(of offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1, column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        func fail(_ reason: String, at offset: Int? = nil) -> Failure { Failure(offset: offset ?? index, reason: reason) }

        mutating func value(depth: Int) throws(Failure) -> Value {
            guard index < bytes.count else { throw fail("unexpected end of file; expected a value") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth + 1)
            case UInt8(ascii: "["): return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "N"): try literal("NaN"); return .double(.nan)
            case UInt8(ascii: "I"): try literal("Infinity"); return .double(.infinity)
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "I"):
                index += 1
                try literal("Infinity")
                return .double(-.infinity)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw fail("unexpected character \(Self.show(bytes[index])); expected a value")
            }
        }

        mutating func literal(_ word: StaticString) throws(Failure) {
            let start = index
            let count = word.utf8CodeUnitCount
            guard count <= bytes.count - index else { throw fail("unexpected end of file in `\(word)`", at: start) }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
                throw fail("invalid literal; expected `\(word)`", at: start)
            }
            index += count
        }

        mutating func object(depth: Int) throws(Failure) -> Value {
            guard depth <= maxDepth else { throw fail("objects and arrays nested deeper than \(maxDepth) levels") }
            index += 1
            var pairs: [(key: String, value: Value, offset: Int)] = []
            var seen: Set<String> = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(pairs)
            }
            while true {
                skipSpace()
                let keyOffset = index
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw fail(index < bytes.count ? "expected a key in double quotes, found \(Self.show(bytes[index]))" : "unexpected end of file inside an object")
                }
                let key = try string()
                guard seen.insert(key).inserted else { throw fail("duplicate key \"\(Self.escaped(key))\" in this object", at: keyOffset) }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                    throw fail(index < bytes.count ? "expected `:` after the key, found \(Self.show(bytes[index]))" : "unexpected end of file inside an object")
                }
                index += 1
                skipSpace()
                let value = try value(depth: depth)
                pairs.append((key, value, keyOffset))
                skipSpace()
                guard index < bytes.count else { throw fail("unexpected end of file inside an object; expected `,` or `}`") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
                throw fail("expected `,` or `}` in an object, found \(Self.show(bytes[index]))")
            }
        }

        mutating func array(depth: Int) throws(Failure) -> Value {
            guard depth <= maxDepth else { throw fail("objects and arrays nested deeper than \(maxDepth) levels") }
            index += 1
            var items: [Value] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipSpace()
                items.append(try value(depth: depth))
                skipSpace()
                guard index < bytes.count else { throw fail("unexpected end of file inside an array; expected `,` or `]`") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                throw fail("expected `,` or `]` in an array, found \(Self.show(bytes[index]))")
            }
        }

        mutating func number() throws(Failure) -> Value {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            func digits(_ parser: inout Parser) -> Int {
                let from = parser.index
                while parser.index < parser.bytes.count, parser.bytes[parser.index] >= 0x30, parser.bytes[parser.index] <= 0x39 { parser.index += 1 }
                return parser.index - from
            }
            let integerStart = index
            guard digits(&self) > 0 else { throw fail("invalid number; expected a digit", at: index) }
            if bytes[integerStart] == UInt8(ascii: "0"), index - integerStart > 1 {
                throw fail("invalid number: a leading zero", at: start)
            }
            var integral = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                integral = false
                index += 1
                guard digits(&self) > 0 else { throw fail("invalid number; expected a digit after `.`") }
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                integral = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits(&self) > 0 else { throw fail("invalid number; expected a digit in the exponent") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            if integral, let exact = Int(text) { return .int(exact) }
            guard let double = Double(text), double.isFinite else {
                throw fail("the number \(text.prefix(40)) is out of range (beyond ±1.8e308)", at: start)
            }
            return .double(double)
        }

        mutating func string() throws(Failure) -> String {
            index += 1
            var out: [UInt8] = []
            while true {
                let runStart = index
                // A run of plain bytes, copied at once.
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                    if byte < 0x80 { index += 1; continue }
                    index = try utf8Sequence(at: index)
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                guard index < bytes.count else { throw fail("unexpected end of file inside a string") }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if byte < 0x20 { throw fail("a control character (\(Self.show(byte))) inside a string; write it as an escape") }
                // A backslash escape.
                let escapeStart = index
                index += 1
                guard index < bytes.count else { throw fail("unexpected end of file inside a string") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4(escapeStart)
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail("a lone surrogate \\u\(String(scalar, radix: 16, uppercase: true)) (a high surrogate must be followed by a low one)", at: escapeStart)
                        }
                        let lowStart = index
                        index += 2
                        let low = try hex4(lowStart)
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw fail("a lone surrogate \\u\(String(scalar, radix: 16, uppercase: true)) (a high surrogate must be followed by a low one)", at: escapeStart)
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw fail("a lone surrogate \\u\(String(scalar, radix: 16, uppercase: true)) (a low surrogate without a high one)", at: escapeStart)
                    }
                    out.append(contentsOf: Array(String(Unicode.Scalar(scalar)!).utf8))
                default:
                    throw fail("invalid escape `\\\(Self.printable(escape))` in a string", at: escapeStart)
                }
            }
        }

        /// Four hex digits after `\u` (the escape started at `start`).
        mutating func hex4(_ start: Int) throws(Failure) -> UInt32 {
            guard bytes.count - index >= 4 else { throw fail("unexpected end of file in a \\u escape", at: start) }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw fail("invalid \\u escape: expected four hex digits", at: start)
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        /// The index after the well-formed UTF-8 sequence at `start`.
        func utf8Sequence(at start: Int) throws(Failure) -> Int {
            let lead = bytes[start]
            let length: Int
            let minimum: UInt32
            switch lead {
            case 0xC2...0xDF: (length, minimum) = (2, 0x80)
            case 0xE0...0xEF: (length, minimum) = (3, 0x800)
            case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
            default: throw fail("invalid UTF-8 (byte 0x\(String(lead, radix: 16, uppercase: true)))", at: start)
            }
            guard bytes.count - start >= length else { throw fail("invalid UTF-8: the file ends inside a character", at: start) }
            var scalar = UInt32(lead) & (0xFF >> (length + 1))
            for offset in 1..<length {
                let next = bytes[start + offset]
                guard next & 0xC0 == 0x80 else {
                    throw fail("invalid UTF-8 (byte 0x\(String(lead, radix: 16, uppercase: true)) followed by 0x\(String(next, radix: 16, uppercase: true)))", at: start)
                }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
                throw fail("invalid UTF-8 (an overlong or surrogate sequence)", at: start)
            }
            return start + length
        }

        static func printable(_ byte: UInt8) -> String {
            byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16, uppercase: true))}"
        }

        static func show(_ byte: UInt8) -> String { "`\(printable(byte))`" }

        static func escaped(_ text: String) -> String { String(text.prefix(60)) }
    }
}
