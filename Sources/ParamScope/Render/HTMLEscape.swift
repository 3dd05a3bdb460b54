/// Escapes text for HTML element content and double-quoted attributes.
enum HTMLEscape {
    /// Works on UTF-8 bytes: every character it replaces is ASCII, and most text needs no
    /// change at all, which costs one scan and no allocation (report rendering is dominated by
    /// escaping table cells).
    static func text(_ text: String) -> String {
        ByteEscaper.escape(text, escaped, replacement)
    }

    /// The bytes `replacement` changes.
    static let escaped = ByteSet(ByteSet.controls + [UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'")])

    /// What each byte becomes (`OutputBuffer.append(html:)` escapes with the same table).
    @inline(__always)
    static func replacement(_ byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): return "&amp;"
        case UInt8(ascii: "<"): return "&lt;"
        case UInt8(ascii: ">"): return "&gt;"
        case UInt8(ascii: "\""): return "&quot;"
        case UInt8(ascii: "'"): return "&#39;"
        // Control characters (NUL once cut a table short: cmark prints a custom block up to its
        // first NUL) are shown as U+FFFD; tab and line breaks stay.
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: return "\u{FFFD}"
        default: return nil
        }
    }
}

/// Replaces single ASCII bytes of a string, leaving every other byte (and so every multi-byte
/// UTF-8 sequence) untouched.
enum ByteEscaper {
    /// - Parameter replacement: what a byte becomes, or nil to keep it.
    /// - Parameter set: the bytes `replacement` changes (scanned for first: most text has none).
    @inline(__always)
    static func escape(_ text: String, _ set: ByteSet, _ replacement: (UInt8) -> StaticString?) -> String {
        var copy = text
        return copy.withUTF8 { bytes -> String in
            guard let first = bytes.firstIndex(where: { set.contains($0) && replacement($0) != nil }) else { return text }
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
