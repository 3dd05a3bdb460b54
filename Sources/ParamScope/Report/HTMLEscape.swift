/// Escapes text for HTML element content and double-quoted attributes.
enum HTMLEscape {
    /// Works on UTF-8 bytes: every character it replaces is ASCII, and most text needs no
    /// change at all, which costs one scan and no allocation (report rendering is dominated by
    /// escaping table cells).
    static func text(_ text: String) -> String {
        ByteEscaper.escape(text, replacement)
    }

    /// What each byte becomes (`OutputBuffer.append(html:)` escapes with the same table).
    @inline(__always)
    static func replacement(_ byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): return "&amp;"
        case UInt8(ascii: "<"): return "&lt;"
        case UInt8(ascii: ">"): return "&gt;"
        case UInt8(ascii: "\""): return "&quot;"
        case UInt8(ascii: "'"): return "&#39;"
        default: return nil
        }
    }
}

/// Replaces single ASCII bytes of a string, leaving every other byte (and so every multi-byte
/// UTF-8 sequence) untouched.
enum ByteEscaper {
    /// - Parameter replacement: what a byte becomes, or nil to keep it.
    @inline(__always)
    static func escape(_ text: String, _ replacement: (UInt8) -> StaticString?) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            guard let first = bytes.firstIndex(where: { replacement($0) != nil }) else { return String(decoding: bytes, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                if let swap = replacement(byte) {
                    out.append(contentsOf: UnsafeBufferPointer(start: swap.utf8Start, count: swap.utf8CodeUnitCount))
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
