/// config.json as Python's `json.dump` writes it: `NaN`, `Infinity` and `-Infinity` are bare
/// tokens there (Mamba-2 and Falcon-H1 write `"time_step_limit": [0.0, Infinity]`), which
/// Foundation's JSONSerialization rejects as written.
///
/// Each such token outside a string becomes a marker *string of the same byte length*, so the
/// parser accepts the file and every later byte keeps its offset — a diagnostic's line and
/// column are those of the file as written. `HFConfig` reads a marker as the value it stands
/// for: a number for `number(_:)`, an error naming `NaN` / `Infinity` where a size is expected.
enum PythonJSON {
    /// What each token becomes: a JSON string of the token's length.
    static let markers: [(token: [UInt8], marker: String, value: Double)] = [
        (Array("-Infinity".utf8), "~-Inf~~", -.infinity),
        (Array("Infinity".utf8), "~+Inf~", .infinity),
        (Array("NaN".utf8), "~", .nan),
    ]

    /// The value a marker string stands for, `nil` for any other string.
    static func value(ofMarker text: String) -> Double? {
        markers.first { $0.marker == text }?.value
    }

    /// The token a marker stands for, for messages.
    static func token(ofMarker text: String) -> String? {
        markers.first { $0.marker == text }.map { String(decoding: $0.token, as: UTF8.self) }
    }

    /// `bytes` with every bare `NaN` / `Infinity` / `-Infinity` replaced; the same array when
    /// there is none (nearly every file: one pass, no copy).
    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8]?
        var inString = false, escaped = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = true
                index += 1
                continue
            }
            if byte == UInt8(ascii: "N") || byte == UInt8(ascii: "I") || byte == UInt8(ascii: "-"),
               let (token, marker) = match(bytes, at: index) {
                if result == nil { result = bytes }
                let replacement = Array("\"\(marker)\"".utf8)
                result!.replaceSubrange(index..<(index + token.count), with: replacement)
                index += token.count
                continue
            }
            index += 1
        }
        return result ?? bytes
    }

    /// The token starting at `index`, when it stands alone (not part of a longer word).
    private static func match(_ bytes: [UInt8], at index: Int) -> (token: [UInt8], marker: String)? {
        for (token, marker, _) in markers where index + token.count <= bytes.count {
            guard bytes[index..<(index + token.count)].elementsEqual(token) else { continue }
            let end = index + token.count
            if end < bytes.count, isWordByte(bytes[end]) { continue }
            if index > 0, isWordByte(bytes[index - 1]) { continue }
            return (token, marker)
        }
        return nil
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }
}
