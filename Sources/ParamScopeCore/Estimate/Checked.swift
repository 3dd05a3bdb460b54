/// An arithmetic result that did not fit in 64 bits.
///
/// User numbers flow into every product here (layers × hidden² × experts ...), so an overflow
/// must surface as an error naming what was being computed — never as a trap.
public struct ArithmeticOverflow: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was being computed, e.g. "parameters of model.layers.{i}.mlp.up_proj.weight".
    public var quantity: String

    public init(_ quantity: String) { self.quantity = quantity }

    public var description: String { "\(quantity) does not fit in a 64-bit integer" }
}

/// Checked integer helpers: every product or sum of user numbers goes through these.
public enum Checked {
    public static func multiply(_ factors: Int..., what: @autoclosure () -> String) throws(ArithmeticOverflow) -> Int {
        try product(factors, what: what())
    }

    public static func product(_ factors: [Int], what: @autoclosure () -> String) throws(ArithmeticOverflow) -> Int {
        var result = 1
        for factor in factors {
            let (value, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { throw ArithmeticOverflow(what()) }
            result = value
        }
        return result
    }

    public static func sum(_ terms: [Int], what: @autoclosure () -> String) throws(ArithmeticOverflow) -> Int {
        var result = 0
        for term in terms {
            let (value, overflow) = result.addingReportingOverflow(term)
            if overflow { throw ArithmeticOverflow(what()) }
            result = value
        }
        return result
    }

    public static func add(_ terms: Int..., what: @autoclosure () -> String) throws(ArithmeticOverflow) -> Int {
        try sum(terms, what: what())
    }

    // Two and three operands without the variadic array (these run per tensor, per format).

    @inline(__always)
    public static func multiply(_ a: Int, _ b: Int, what: @autoclosure () -> String) throws(ArithmeticOverflow) -> Int {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        if overflow { throw ArithmeticOverflow(what()) }
        return value
    }

    @inline(__always)
    public static func multiply(_ a: Int, _ b: Int, _ c: Int, what: @autoclosure () -> String) throws(ArithmeticOverflow) -> Int {
        // Left to right, as `product`: 1 × a × b × c overflows at the same step.
        let (ab, first) = a.multipliedReportingOverflow(by: b)
        if first { throw ArithmeticOverflow(what()) }
        let (value, second) = ab.multipliedReportingOverflow(by: c)
        if second { throw ArithmeticOverflow(what()) }
        return value
    }

    @inline(__always)
    public static func add(_ a: Int, _ b: Int, what: @autoclosure () -> String) throws(ArithmeticOverflow) -> Int {
        let (value, overflow) = a.addingReportingOverflow(b)
        if overflow { throw ArithmeticOverflow(what()) }
        return value
    }
}
