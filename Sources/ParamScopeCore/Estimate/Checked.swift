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
}
