/// Where a published figure comes from.
public enum PublishedBasis: String, Sendable, Equatable, CaseIterable {
    /// A paper's table or text.
    case paper
    /// A model card or announcement.
    case card
    /// Read off the model's name (Gemma "7B"): never a precise claim.
    case name
}

/// A parameter count as its authors wrote it: `6.7B`, `13.0B`, `124M`, `6,738,415,616`.
public struct PublishedCount: Sendable, Equatable {
    /// The text as written.
    public var text: String
    /// The value as an exact integer (`8.03B` = 8,030,000,000).
    public var value: Int
    /// How many significant digits the text writes: `6.7B` → 2, `13.0B` → 3, `560M` → 2 and
    /// `10B` → 1 (trailing zeros of a whole number are not significant), `0.5B` → 1.
    public var significantDigits: Int

    /// Parses `text`, or returns `nil` when it is not a count (the caller says why).
    ///
    /// Decimal text becomes an integer digit by digit, never through floating point.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        var body = Substring(trimmed)
        var scaleExponent = 0
        switch body.last {
        case "K", "k": scaleExponent = 3
        case "M", "m": scaleExponent = 6
        case "B", "b", "G", "g": scaleExponent = 9
        case "T", "t": scaleExponent = 12
        default: break
        }
        if scaleExponent > 0 { body = body.dropLast() }
        // Thousands separators only in plain integers: "6,738,415,616".
        let hasSeparators = body.contains(",")
        if hasSeparators {
            let groups = body.split(separator: ",", omittingEmptySubsequences: false)
            guard scaleExponent == 0, let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            body = Substring(groups.joined())
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty || !fraction.isEmpty,
              whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
              parts.count == 1 || !fraction.isEmpty,
              !hasSeparators || fraction.isEmpty else { return nil }
        // value = digits × 10^(scale − fraction digits)
        let digits = String(whole) + String(fraction)
        let exponent = scaleExponent - fraction.count
        guard exponent >= 0, let mantissa = Int(digits.isEmpty ? "0" : digits) else { return nil }
        guard let scale = Self.power10(exponent) else { return nil }
        let (value, overflow) = mantissa.multipliedReportingOverflow(by: scale)
        guard !overflow, value > 0 else { return nil }
        // Leading zeros are never significant; trailing zeros of a whole number (no decimal
        // point) are not either.
        var significant = mantissa
        if fraction.isEmpty && parts.count == 1 {
            while significant % 10 == 0 { significant /= 10 }
        }
        self.text = trimmed
        self.value = value
        self.significantDigits = Self.digitCount(significant)
    }

    /// Whether `exact`, rounded (half up) or truncated to this figure's number of significant
    /// digits, is the figure: 6,738,415,616 is consistent with 6.7B, 7B and 6B, not with 6.8B
    /// or 10B (one significant digit: 7B or 6B). A count that rounds up a digit (9.6B to one
    /// digit) is consistent with 10B.
    public func isConsistent(with exact: Int) -> Bool {
        guard exact > 0 else { return false }
        let dropped = Self.digitCount(exact) - significantDigits
        guard dropped > 0 else { return exact == value }
        guard let unit = Self.power10(dropped) else { return false }
        let truncated = exact / unit * unit
        if truncated == value { return true }
        let remainder = exact - truncated
        let (rounded, overflow) = truncated.addingReportingOverflow(remainder >= unit - remainder ? unit : 0)
        return !overflow && rounded == value
    }

    /// Decimal digits of a positive integer.
    static func digitCount(_ value: Int) -> Int {
        var digits = 1, rest = value
        while rest >= 10 { rest /= 10; digits += 1 }
        return digits
    }

    static func power10(_ exponent: Int) -> Int? {
        guard exponent >= 0, exponent <= 18 else { return nil }
        var result = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}

/// The figure the authors published for a model: total, and active for mixture-of-experts.
public struct PublishedFigure: Sendable, Equatable {
    public var total: PublishedCount
    public var active: PublishedCount?
    public var basis: PublishedBasis
    public var source: String?

    public init(total: PublishedCount, active: PublishedCount? = nil, basis: PublishedBasis = .paper, source: String? = nil) {
        self.total = total
        self.active = active
        self.basis = basis
        self.source = source
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
