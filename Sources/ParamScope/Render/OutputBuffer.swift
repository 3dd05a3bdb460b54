import Foundation

/// A growing UTF-8 byte buffer the writers render into.
///
/// Reports are hundreds of megabytes of small pieces; building them as Strings of interpolations
/// spent most of the time in string appends, retain/release and malloc (callgrind). Appending
/// bytes to one reserved block with `memcpy`, escaping while appending and printing numbers
/// digit by digit keeps rendering close to the cost of the bytes written. (`[UInt8]`'s
/// `append(contentsOf:)` copied byte by byte: a tenth of all instructions.)
///
/// A reference, and said so: a buffer is one block of bytes that the writers of a page (table
/// sinks, `JSONObjectWriter`, charts) append to in turn; handing it on hands on the same bytes.
/// Its pointers are private: callers append, or read the bytes inside `withUnsafeBytes`, and
/// every write is bounded by a `reserve` of its exact length.
final class OutputBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    /// A buffer holding `text`'s UTF-8 bytes (text built as a String, sent where pages go).
    convenience init(_ text: String) {
        self.init(capacity: text.utf8.count)
        append(string: text)
    }

    deinit { base.deallocate() }

    var last: UInt8? { count > 0 ? base[count - 1] : nil }

    /// The buffer as a String (one validating copy).
    var string: String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// Static text (every literal: the only unlabelled `append`), copied straight from the binary.
    @inline(__always)
    func append(_ text: StaticString) {
        append(text.utf8Start, text.utf8CodeUnitCount)
    }

    /// The first `length` bytes of static text (an indentation cut from a line of spaces).
    @inline(__always)
    func append(_ text: StaticString, prefix length: Int) {
        precondition(length >= 0 && length <= text.utf8CodeUnitCount, "a prefix longer than its text")
        append(text.utf8Start, length)
    }

    /// Text computed at run time. Its own label, so a literal never pays for a String and
    /// `withUTF8` (callgrind: ~20 `swift_bridgeObjectRelease` per chart bar when literals did).
    @inline(__always)
    func append(string text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    func append(substring text: Substring) {
        var text = text
        text.withUTF8 { append($0) }
    }

    @inline(__always)
    func append(byte: UInt8) {
        if count == capacity { grow(count + 1) }
        base[count] = byte
        count += 1
    }

    func append(spaces length: Int) {
        reserve(length)
        (base + count).initialize(repeating: UInt8(ascii: " "), count: length)
        count += length
    }

    func append(bytes other: [UInt8]) {
        other.withUnsafeBufferPointer { append($0) }
    }

    func append(bytes other: UnsafeBufferPointer<UInt8>) {
        append(other)
    }

    /// Another buffer's bytes (a part rendered apart).
    func append(buffer other: OutputBuffer) {
        other.withUnsafeBytes { append($0) }
    }

    /// The bytes written so far, for `write(2)` or a comparison (valid only inside `body`).
    func withUnsafeBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Drops everything from `index` on (a cmark custom block ends at its first NUL byte).
    func truncate(to index: Int) {
        count = min(count, max(0, index))
    }

    /// The index of the first NUL byte at or after `start`, if any.
    func firstNUL(from start: Int) -> Int? {
        guard start < count, let found = memchr(base + start, 0, count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Escaped for HTML element content and double-quoted attributes (as `HTMLEscape.text`).
    @inline(__always)
    func append(html text: String) {
        append(string: text, escaping: HTMLEscape.escaped, HTMLEscape.replacement)
    }

    /// Appends `text` with every byte of `set` replaced by `replacement(byte)`. The scan looks
    /// each byte up in the set's table, so text that needs no change (nearly all of it) costs a
    /// load and a test per byte and one copy.
    @inline(__always)
    func append(string text: String, escaping set: ByteSet, _ replacement: (UInt8) -> StaticString?) {
        var text = text
        text.withUTF8 { source in
            guard let start = source.baseAddress else { return }
            append(start, source.count, escaping: set, replacement)
        }
    }

    @inline(__always)
    private func append(
        _ source: UnsafePointer<UInt8>, _ length: Int, escaping set: ByteSet, _ replacement: (UInt8) -> StaticString?
    ) {
        var clean = 0
        var index = 0
        while index < length {
            let byte = source[index]
            if set.contains(byte), let swap = replacement(byte) {
                if clean < index { append(source + clean, index - clean) }
                append(swap.utf8Start, swap.utf8CodeUnitCount)
                clean = index + 1
            }
            index += 1
        }
        if clean < length { append(source + clean, length - clean) }
    }

    /// Bytes already written, `start..<end`, appended again (a chart prints each bar's value in
    /// its tooltip and beside it).
    func appendCopy(from start: Int, to end: Int) {
        let length = end - start
        guard start >= 0, end <= count, length > 0 else { return }
        reserve(length)
        // After `reserve`: the block may have moved.
        (base + count).initialize(from: base + start, count: length)
        count += length
    }

    /// Writes at most `capacity` bytes right-aligned into stack scratch (`write` returns where
    /// they start) and appends them: numbers are printed right to left.
    @inline(__always)
    func appendRightAligned(_ write: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            let start = write(buffer)
            append(buffer.baseAddress! + start, buffer.count - start)
        }
    }

    /// Removes the zeros that end the first run of digits after the first `.` at or after
    /// `start`, and the `.` too when only zeros followed it ("20.0B" → "20B", "+5.50%" → "+5.5%";
    /// as `ReportCharts.tick`, for ASCII digits).
    func trimFractionZeros(from start: Int) {
        let end = count
        var dot = max(start, 0)
        while dot < end && base[dot] != UInt8(ascii: ".") { dot += 1 }
        guard dot < end else { return }
        var digitsEnd = dot + 1
        while digitsEnd < end && base[digitsEnd] >= UInt8(ascii: "0") && base[digitsEnd] <= UInt8(ascii: "9") { digitsEnd += 1 }
        var keep = digitsEnd
        while keep > dot + 1 && base[keep - 1] == UInt8(ascii: "0") { keep -= 1 }
        if keep == dot + 1 { keep = dot }
        guard keep < digitsEnd else { return }
        let tail = end - digitsEnd
        if tail > 0 { (base + keep).update(from: base + digitsEnd, count: tail) }
        count = keep + tail
    }

    /// A decimal integer, `-` for a negative one (as `String(value)`).
    func append(int value: Int) {
        if value < 0 { append(byte: UInt8(ascii: "-")) }
        appendDigits(value.magnitude, grouped: false)
    }

    /// An unsigned decimal integer.
    func append(magnitude value: UInt) {
        appendDigits(value, grouped: false)
    }

    /// Thousands separators and a real minus sign (as `NumberFormat.grouped`).
    func append(grouped value: Int) {
        if value < 0 { append("\u{2212}") }
        appendDigits(value.magnitude, grouped: true)
    }

    /// One decimal, by integer arithmetic: no locale, no exponent, `-0` printed as `0` (the
    /// charts' coordinates; `SVGChart.fixed`).
    func append(fixed value: Double) {
        guard value.isFinite else { append(byte: UInt8(ascii: "0")); return }
        let tenths = Self.nearestInt(value * 10)
        let magnitude = tenths.magnitude
        let whole = magnitude / 10, fraction = magnitude % 10
        let length = (tenths < 0 ? 1 : 0) + Self.digitCount(whole) + (fraction != 0 ? 2 : 0)
        reserve(length)
        // Right to left, straight into the block.
        var position = base + count + length
        if fraction != 0 {
            position -= 2
            position[0] = UInt8(ascii: ".")
            position[1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction)
        }
        // Two digits per division, as `appendDigits`.
        var rest = whole
        while rest >= 100 {
            position -= 2
            Self.writePair(rest % 100, at: position)
            rest /= 100
        }
        if rest >= 10 {
            position -= 2
            Self.writePair(rest, at: position)
        } else {
            position -= 1
            position.pointee = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest)
        }
        if tenths < 0 { (position - 1).pointee = UInt8(ascii: "-") }
        count += length
    }

    /// `Int(scaled.rounded())` (half away from zero) without the call into libm: the charts
    /// print a hundred coordinates per chart. Below 2⁵², `scaled - trunc(scaled)` is exact, so
    /// comparing it with ±0.5 rounds exactly as `rounded()` does.
    @inline(__always)
    static func nearestInt(_ scaled: Double) -> Int {
        guard abs(scaled) < 4_503_599_627_370_496 else { return Int(scaled.rounded()) }
        let whole = Int(scaled)
        let rest = scaled - Double(whole)
        return rest >= 0.5 ? whole + 1 : rest <= -0.5 ? whole - 1 : whole
    }

    /// Decimal digits of `value` (1 for 0), from its bit length: ⌊bits · log₁₀2⌋ (1233/4096 is
    /// log₁₀2 rounded up) is the digit count or one less, and one comparison with a power of ten
    /// tells which (a loop of comparisons was a third of printing a byte count; callgrind). Zero
    /// is counted as one.
    @inline(__always)
    static func digitCount(_ value: UInt) -> Int {
        let bits = UInt.bitWidth &- (value | 1).leadingZeroBitCount
        let guess = (bits &* 1233) &>> 12
        return Self.powersOfTen.withUnsafeBufferPointer { powers in
            guess &+ ((value | 1) >= powers[guess] ? 1 : 0)
        }
    }

    /// 10⁰ to 10¹⁹ (the last power of ten below `UInt.max`).
    private static let powersOfTen: [UInt] = (0..<20).map { exponent in
        (0..<exponent).reduce(1) { power, _ in power * 10 }
    }

    private func appendDigits(_ value: UInt, grouped: Bool) {
        // At most 20 digits and 6 separators, right to left straight into the block, two digits
        // per division (a table of "00" to "99"), a group of three per division when grouped.
        let digits = Self.digitCount(value)
        let length = grouped ? digits + (digits - 1) / 3 : digits
        reserve(length)
        var position = base + count + length
        var rest = value
        if grouped {
            while rest >= 1000 {
                let group = rest % 1000
                rest /= 1000
                position -= 4
                position[0] = UInt8(ascii: ",")
                position[1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: group / 100)
                Self.writePair(group % 100, at: position + 2)
            }
        } else {
            while rest >= 100 {
                position -= 2
                Self.writePair(rest % 100, at: position)
                rest /= 100
            }
        }
        // The leading one to three digits.
        if rest >= 100 {
            position -= 3
            position[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest / 100)
            Self.writePair(rest % 100, at: position + 1)
        } else if rest >= 10 {
            position -= 2
            Self.writePair(rest, at: position)
        } else {
            position -= 1
            position[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest)
        }
        count += length
    }

    /// Two digits of `value` (below 100), from a table of "00" to "99".
    @inline(__always)
    private static func writePair(_ value: UInt, at position: UnsafeMutablePointer<UInt8>) {
        let pairs: StaticString = """
            00010203040506070809101112131415161718192021222324252627282930313233343536373839\
            40414243444546474849505152535455565758596061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899
            """
        let source = pairs.utf8Start + 2 * Int(value)
        position[0] = source[0]
        position[1] = source[1]
    }

    /// Room for `extra` more bytes: the block doubles when full.
    @inline(__always)
    private func reserve(_ extra: Int) {
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
    private func append(_ bytes: UnsafePointer<UInt8>, _ length: Int) {
        reserve(length)
        (base + count).initialize(from: bytes, count: length)
        count += length
    }

    @inline(__always)
    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        append(start, bytes.count)
    }
}

/// A set of ASCII bytes: what an escaper replaces.
///
/// Held as a 256-entry table (one load and a test per byte scanned), built once per escaper and
/// never freed: escapers are static.
struct ByteSet: @unchecked Sendable {
    private let table: UnsafePointer<Bool>

    init(_ bytes: [UInt8]) {
        let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        table.initialize(repeating: false, count: 256)
        for byte in bytes {
            precondition(byte < 128, "a ByteSet holds ASCII bytes")
            table[Int(byte)] = true
        }
        self.table = UnsafePointer(table)
    }

    /// Bytes 0 to `end - 1` (JSON's control characters) and `bytes`.
    /// The ASCII control bytes but tab, line feed and carriage return (and DEL): what a page
    /// never shows raw.
    static let controls: [UInt8] = Array(0x00...0x08) + [0x0B, 0x0C] + Array(0x0E...0x1F) + [0x7F]

    init(below end: UInt8, _ bytes: [UInt8]) {
        self.init(Array(0..<end) + bytes)
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        table[Int(byte)]
    }
}
