import Foundation

/// A growing UTF-8 byte buffer the writers render into.
///
/// Reports are hundreds of megabytes of small pieces; building them as Strings of interpolations
/// spent most of the time in string appends, retain/release and malloc (callgrind). Appending
/// bytes to one reserved block with `memcpy`, escaping while appending and printing numbers
/// digit by digit keeps rendering close to the cost of the bytes written. (`[UInt8]`'s
/// `append(contentsOf:)` copied byte by byte: a tenth of all instructions.)
///
/// The storage is a reference: a buffer is built in one place and passed `inout`, never copied.
struct OutputBuffer {
    private let storage: Storage

    init(capacity: Int = 4096) {
        storage = Storage(capacity: capacity)
    }

    var count: Int { storage.count }
    var last: UInt8? { storage.count > 0 ? storage.base[storage.count - 1] : nil }

    /// The buffer as a String (one validating copy).
    var string: String {
        String(decoding: UnsafeBufferPointer(start: storage.base, count: storage.count), as: UTF8.self)
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        storage.append(text.utf8Start, text.utf8CodeUnitCount)
    }

    @inline(__always)
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { storage.append($0) }
    }

    mutating func append(_ text: Substring) {
        var text = text
        text.withUTF8 { storage.append($0) }
    }

    @inline(__always)
    mutating func append(byte: UInt8) {
        storage.append(byte)
    }

    mutating func append(spaces count: Int) {
        storage.reserve(count)
        (storage.base + storage.count).initialize(repeating: UInt8(ascii: " "), count: count)
        storage.count += count
    }

    mutating func append(bytes other: [UInt8]) {
        other.withUnsafeBufferPointer { storage.append($0) }
    }

    mutating func append(bytes other: UnsafeBufferPointer<UInt8>) {
        storage.append(other)
    }

    /// The bytes written so far, for `write(2)` or a comparison (valid only inside `body`).
    func withUnsafeBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// Drops everything from `index` on (a cmark custom block ends at its first NUL byte).
    mutating func truncate(to index: Int) {
        storage.count = min(storage.count, max(0, index))
    }

    /// The index of the first NUL byte at or after `start`, if any.
    func firstNUL(from start: Int) -> Int? {
        guard start < storage.count, let found = memchr(storage.base + start, 0, storage.count - start) else { return nil }
        return storage.base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Escaped for HTML element content and double-quoted attributes (as `HTMLEscape.text`).
    mutating func append(html text: String) {
        append(text, escaping: HTMLEscape.replacement)
    }

    /// Appends `text` with the bytes `replacement` names replaced: runs of bytes that need no
    /// change (nearly all of them) are copied in one piece.
    @inline(__always)
    mutating func append(_ text: String, escaping replacement: (UInt8) -> StaticString?) {
        var text = text
        let storage = self.storage
        text.withUTF8 { source in
            guard let base = source.baseAddress else { return }
            var clean = 0
            for index in 0..<source.count {
                guard let swap = replacement(base[index]) else { continue }
                if clean < index { storage.append(base + clean, index - clean) }
                storage.append(swap.utf8Start, swap.utf8CodeUnitCount)
                clean = index + 1
            }
            if clean < source.count { storage.append(base + clean, source.count - clean) }
        }
    }

    /// A decimal integer, `-` for a negative one (as `String(value)`).
    mutating func append(int value: Int) {
        if value < 0 { storage.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, grouped: false)
    }

    /// Thousands separators and a real minus sign (as `NumberFormat.grouped`).
    mutating func append(grouped value: Int) {
        if value < 0 { append("\u{2212}") }
        appendDigits(value.magnitude, grouped: true)
    }

    /// One decimal, by integer arithmetic: no locale, no exponent, `-0` printed as `0` (the
    /// charts' coordinates; `SVGChart.fixed`).
    mutating func append(fixed value: Double) {
        guard value.isFinite else { storage.append(UInt8(ascii: "0")); return }
        let tenths = Int((value * 10).rounded())
        let magnitude = tenths.magnitude
        if tenths < 0 { storage.append(UInt8(ascii: "-")) }
        appendDigits(magnitude / 10, grouped: false)
        if magnitude % 10 != 0 {
            storage.append(UInt8(ascii: "."))
            storage.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
        }
    }

    private mutating func appendDigits(_ value: UInt, grouped: Bool) {
        // At most 20 digits and 6 separators: count them, then write right to left in place.
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let length = grouped ? digits + (digits - 1) / 3 : digits
        storage.reserve(length)
        var position = storage.base + storage.count + length
        rest = value
        var written = 0
        repeat {
            if grouped && written > 0 && written % 3 == 0 {
                position -= 1
                position.pointee = UInt8(ascii: ",")
            }
            position -= 1
            position.pointee = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            written += 1
        } while rest > 0
        storage.count += length
    }

    /// The bytes: one block, doubled when full.
    private final class Storage {
        var base: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        @inline(__always)
        func reserve(_ extra: Int) {
            if count + extra > capacity { grow(count + extra) }
        }

        private func grow(_ needed: Int) {
            let newCapacity = max(needed, capacity * 2)
            let new = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            new.initialize(from: base, count: count)
            base.deallocate()
            base = new
            capacity = newCapacity
        }

        @inline(__always)
        func append(_ bytes: UnsafePointer<UInt8>, _ length: Int) {
            reserve(length)
            (base + count).initialize(from: bytes, count: length)
            count += length
        }

        @inline(__always)
        func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let start = bytes.baseAddress else { return }
            append(start, bytes.count)
        }

        @inline(__always)
        func append(_ byte: UInt8) {
            if count == capacity { grow(count + 1) }
            base[count] = byte
            count += 1
        }
    }
}
