import Foundation

/// A growing UTF-8 byte buffer the writers render into.
///
/// Reports are hundreds of megabytes of small pieces; building them as Strings of interpolations
/// spent most of the time in string appends, retain/release and malloc (callgrind). Appending
/// bytes to one reserved array, escaping while appending and printing numbers digit by digit
/// keeps rendering close to the cost of the bytes written.
struct OutputBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }
    var last: UInt8? { bytes.last }

    /// The buffer as a String (one validating copy).
    var string: String { String(decoding: bytes, as: UTF8.self) }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: Substring) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(bytes other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    /// Drops everything from `index` on (a cmark custom block ends at its first NUL byte).
    mutating func truncate(to index: Int) {
        bytes.removeSubrange(index...)
    }

    /// The index of the first NUL byte at or after `start`, if any.
    func firstNUL(from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard start < buffer.count, let base = buffer.baseAddress,
                  let found = memchr(base + start, 0, buffer.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Escaped for HTML element content and double-quoted attributes (as `HTMLEscape.text`).
    mutating func append(html text: String) {
        append(text, escaping: { byte in
            switch byte {
            case UInt8(ascii: "&"): return "&amp;"
            case UInt8(ascii: "<"): return "&lt;"
            case UInt8(ascii: ">"): return "&gt;"
            case UInt8(ascii: "\""): return "&quot;"
            case UInt8(ascii: "'"): return "&#39;"
            default: return nil
            }
        })
    }

    /// Appends `text` with the bytes `replacement` names replaced: runs of bytes that need no
    /// change (nearly all of them) are copied in one piece.
    @inline(__always)
    mutating func append(_ text: String, escaping replacement: (UInt8) -> StaticString?) {
        var text = text
        text.withUTF8 { source in
            var clean = 0
            for index in 0..<source.count {
                guard let swap = replacement(source[index]) else { continue }
                if clean < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[clean..<index])) }
                append(swap)
                clean = index + 1
            }
            if clean < source.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[clean...])) }
        }
    }

    /// A decimal integer, `-` for a negative one (as `String(value)`).
    mutating func append(int value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, grouped: false)
    }

    /// Thousands separators and a real minus sign (as `NumberFormat.grouped`).
    mutating func append(grouped value: Int) {
        if value < 0 { append("\u{2212}") }
        appendDigits(value.magnitude, grouped: true)
    }

    /// One decimal, by integer arithmetic (as `SVGChart.fixed`).
    mutating func append(fixed value: Double) {
        guard value.isFinite else { bytes.append(UInt8(ascii: "0")); return }
        let tenths = Int((value * 10).rounded())
        let magnitude = tenths.magnitude
        if tenths < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(magnitude / 10, grouped: false)
        if magnitude % 10 != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
        }
    }

    private mutating func appendDigits(_ value: UInt, grouped: Bool) {
        // At most 20 digits and 6 separators, written backwards into a fixed scratch.
        var scratch: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { raw in
            var position = 32
            var rest = value
            var count = 0
            repeat {
                if grouped && count > 0 && count % 3 == 0 {
                    position -= 1
                    raw[position] = UInt8(ascii: ",")
                }
                position -= 1
                raw[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            bytes.append(contentsOf: raw[position..<32])
        }
    }
}
