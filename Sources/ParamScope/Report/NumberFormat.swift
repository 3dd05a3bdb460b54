/// Numbers as people read them: `6,738,415,616`, `6.74B`, `13.5 GB`, `−0.57%`.
enum NumberFormat {
    /// A real minus sign, not a hyphen.
    static let minus = "\u{2212}"

    /// Thousands separators: 6738415616 → "6,738,415,616".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? minus + result : result
    }

    /// Three significant digits with K/M/B/T: 6738415616 → "6.74B".
    static func parameters(_ value: Int) -> String {
        scaled(value, units: [(1_000_000_000_000, "T"), (1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")], space: false)
    }

    /// Bytes in decimal gigabytes (10⁹) with three significant digits: "13.5 GB".
    static func gigabytes(_ bytes: Int) -> String {
        threeSignificant(Double(bytes) / 1e9) + " GB"
    }

    /// Bytes in binary gibibytes (2³⁰): "12.6 GiB".
    static func gibibytes(_ bytes: Int) -> String {
        threeSignificant(Double(bytes) / 1_073_741_824) + " GiB"
    }

    /// A signed percentage with two decimals and a real minus sign: "+0.57%", "−8.99%".
    static func percent(_ fraction: Double) -> String {
        let hundredths = (fraction * 10_000).rounded()
        if hundredths == 0 { return "0.00%" }
        let magnitude = abs(hundredths)
        let whole = Int(magnitude) / 100
        let rest = Int(magnitude) % 100
        let text = "\(whole).\(rest < 10 ? "0" : "")\(rest)%"
        return (hundredths < 0 ? minus : "+") + text
    }

    /// `units` largest first. A value that rounds up to 1000 of a unit is written in the next one
    /// up (999,999 → "1.00M", not "1000K").
    static func scaled(_ value: Int, units: [(Int, String)], space: Bool) -> String {
        for (index, (size, suffix)) in units.enumerated() where value.magnitude >= UInt(size) {
            let scaled = Double(value) / Double(size)
            if index > 0, abs(scaled).rounded() >= 1000 {
                let (larger, largerSuffix) = units[index - 1]
                return threeSignificant(Double(value) / Double(larger)) + (space ? " " : "") + largerSuffix
            }
            return threeSignificant(scaled) + (space ? " " : "") + suffix
        }
        return value < 0 ? minus + "\(value.magnitude)" : "\(value)"
    }

    /// Three significant digits, without exponent notation, deterministic.
    static func threeSignificant(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals: Int
        switch magnitude {
        case 100...: decimals = 0
        case 10..<100: decimals = 1
        case 1..<10: decimals = 2
        default: decimals = 3
        }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (magnitude * scale).rounded() / scale
        // Rounding can carry into the next decade (9.996 → 10.0): recompute with fewer decimals.
        if decimals > 0 && rounded >= pow10(3 - decimals) {
            return threeSignificant(value < 0 ? -rounded : rounded)
        }
        let integer = Int(rounded)
        var text = "\(integer)"
        if decimals > 0 {
            let fraction = Int(((rounded - Double(integer)) * scale).rounded())
            var fractionText = "\(fraction)"
            while fractionText.count < decimals { fractionText = "0" + fractionText }
            text += "." + fractionText
        }
        return (value < 0 ? minus : "") + text
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }
}
