/// Numbers as people read them: `6,738,415,616`, `6.74B`, `13.5 GB`, `−0.57%`.
enum NumberFormat {
    /// A real minus sign, not a hyphen.
    static let minus = "\u{2212}"

    /// Thousands separators: 6738415616 → "6,738,415,616" (`OutputBuffer.append(grouped:)`).
    static func grouped(_ value: Int) -> String {
        text { $0.append(grouped: value) }
    }

    /// What `write` appends, as a String: the String form of every `into:` function here, so each
    /// number has one printer.
    static func text(_ write: (OutputBuffer) -> Void) -> String {
        let out = OutputBuffer(capacity: 32)
        write(out)
        return out.string
    }

    /// Three significant digits with K/M/B/T: 6738415616 → "6.74B".
    static func parameters(_ value: Int) -> String {
        text { parameters(value, into: $0) }
    }

    private static let parameterUnits: [(Int, String)] = [(1_000_000_000_000, "T"), (1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")]

    /// Bytes in decimal gigabytes (10⁹) with three significant digits: "13.5 GB".
    static func gigabytes(_ bytes: Int) -> String {
        text { gigabytes(bytes, into: $0) }
    }

    /// Bytes in binary gibibytes (2³⁰): "12.6 GiB".
    static func gibibytes(_ bytes: Int) -> String {
        text { gibibytes(bytes, into: $0) }
    }

    /// A signed percentage with two decimals and a real minus sign: "+0.57%", "−8.99%".
    static func percent(_ fraction: Double) -> String {
        text { percent(fraction, into: $0) }
    }

    /// Three significant digits, without exponent notation, deterministic: 6.738 → "6.74",
    /// 123.4 → "123", 0.000211 → "0.000211", 0 → "0". Digits come from integer arithmetic on the
    /// rounded value, so no locale or formatter is involved.
    static func threeSignificant(_ value: Double) -> String {
        text { threeSignificant(value, into: $0) }
    }

    static func threeSignificant(_ value: Double, into out: OutputBuffer) {
        let magnitude = abs(value)
        guard magnitude.isFinite, magnitude < 1e15 else { out.append(string: String(describing: value.rounded())); return }
        out.appendRightAligned { threeSignificant(value, into: $0) }
    }

    /// The digits of a finite value below 10¹⁵, right-aligned in `scratch`; returns where they start.
    @inline(__always)
    private static func threeSignificant(_ value: Double, into scratch: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let magnitude = abs(value)
        guard magnitude > 0 else {
            scratch[scratch.count - 1] = UInt8(ascii: "0")
            return scratch.count - 1
        }
        // Decimals so that three digits are significant (capped: a smaller value prints as 0.000…).
        var decimals = 0
        var bound = 100.0
        while magnitude < bound && decimals < 12 {
            decimals += 1
            bound /= 10
        }
        // `rounded()` without the call into libm (the value is below 2⁵²).
        var units = Double(OutputBuffer.nearestInt(magnitude * pow10(decimals)))
        // Rounding can carry into the next decade (9.996 → 10.0): one decimal fewer.
        if decimals > 0 && units >= 1000 {
            decimals -= 1
            units = Double(OutputBuffer.nearestInt(magnitude * pow10(decimals)))
        }
        // The digits of `units`, right to left, with the point `decimals` digits from the end and
        // leading zeros up to one before it ("0.000211").
        // The fraction's digits first (all of them, zeros too), then the point and the whole
        // part (at least one digit): one test per digit.
        var position = scratch.count
        var rest = Int(units)
        if decimals > 0 {
            for _ in 0..<decimals {
                position -= 1
                scratch[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            position -= 1
            scratch[position] = UInt8(ascii: ".")
        }
        repeat {
            position -= 1
            scratch[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        if value < 0 && units > 0 { position = prependMinus(scratch, at: position) }
        return position
    }

    static func parameters(_ value: Int, into out: OutputBuffer) {
        scaled(value, units: parameterUnits, space: false, into: out)
    }

    static func gigabytes(_ bytes: Int, into out: OutputBuffer) {
        threeSignificant(Double(bytes) / 1e9, into: out)
        out.append(" GB")
    }

    static func gibibytes(_ bytes: Int, into out: OutputBuffer) {
        threeSignificant(Double(bytes) / 1_073_741_824, into: out)
        out.append(" GiB")
    }

    static func percent(_ fraction: Double, into out: OutputBuffer) {
        let hundredths = (fraction * 10_000).rounded()
        if hundredths == 0 { out.append("0.00%"); return }
        let magnitude = abs(hundredths)
        let whole = Int(magnitude) / 100
        let rest = Int(magnitude) % 100
        out.append(hundredths < 0 ? "\u{2212}" : "+")
        out.append(int: whole)
        out.append(rest < 10 ? ".0" : ".")
        out.append(int: rest)
        out.append("%")
    }

    /// `units` largest first. A value that rounds up to 1000 of a unit is written in the next one
    /// up (999,999 → "1.00M", not "1000K").
    static func scaled(_ value: Int, units: [(Int, String)], space: Bool, into out: OutputBuffer) {
        for (index, (size, suffix)) in units.enumerated() where value.magnitude >= UInt(size) {
            let scaled = Double(value) / Double(size)
            if index > 0, abs(scaled).rounded() >= 1000 {
                let (larger, largerSuffix) = units[index - 1]
                threeSignificant(Double(value) / Double(larger), into: out)
                if space { out.append(byte: UInt8(ascii: " ")) }
                out.append(string: largerSuffix)
                return
            }
            threeSignificant(scaled, into: out)
            if space { out.append(byte: UInt8(ascii: " ")) }
            out.append(string: suffix)
            return
        }
        if value < 0 { out.append("\u{2212}") }
        out.append(magnitude: value.magnitude)
    }

    /// U+2212 MINUS SIGN (E2 88 92) before `position`.
    private static func prependMinus(_ scratch: UnsafeMutableBufferPointer<UInt8>, at position: Int) -> Int {
        scratch[position - 3] = 0xE2
        scratch[position - 2] = 0x88
        scratch[position - 1] = 0x92
        return position - 3
    }

    /// 10⁰ … 10¹²: `threeSignificant` caps its decimals at 12.
    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12]

    private static func pow10(_ exponent: Int) -> Double { powersOfTen[exponent] }
}
