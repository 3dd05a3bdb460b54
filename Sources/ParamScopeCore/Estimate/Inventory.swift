/// Every weight tensor of a model: the estimator's output, and what a checkpoint header yields.
///
/// Totals, the breakdown, active parameters and storage are folds over it.
public struct Inventory: Sendable, Equatable {
    public var tensors: [TensorEntry]

    public init(_ tensors: [TensorEntry] = []) { self.tensors = tensors }

    public mutating func append(_ entry: TensorEntry) { tensors.append(entry) }
    public mutating func append(contentsOf entries: [TensorEntry]) { tensors.append(contentsOf: entries) }

    public func total() throws(ArithmeticOverflow) -> Int {
        try sumOfTerms("the total parameter count") { tensor throws(ArithmeticOverflow) in try tensor.parameters() }
    }

    /// Parameters one token uses: routed experts count `activeExperts` copies, not `experts`.
    public func active() throws(ArithmeticOverflow) -> Int {
        try sumOfTerms("the active parameter count") { tensor throws(ArithmeticOverflow) in try tensor.activeParameters() }
    }

    /// Σ `term` over the tensors, checked as `Checked.sum` of the terms: every term is computed
    /// (and may throw) first; an overflowing running sum is reported after all of them.
    func sumOfTerms(_ what: @autoclosure () -> String,
                    _ term: (TensorEntry) throws(ArithmeticOverflow) -> Int) throws(ArithmeticOverflow) -> Int {
        var result = 0
        var overflowed = false
        for index in tensors.indices {
            let value = try term(tensors[index])
            if !overflowed {
                let (sum, overflow) = result.addingReportingOverflow(value)
                if overflow { overflowed = true } else { result = sum }
            }
        }
        if overflowed { throw ArithmeticOverflow(what()) }
        return result
    }

    /// Parameters per component, every key present (zeros included).
    public func components() throws(ArithmeticOverflow) -> ComponentCounts {
        var result = ComponentCounts()
        for tensor in tensors {
            result[tensor.component] = try Checked.add(
                result[tensor.component], tensor.parameters(), what: "the \(tensor.component.rawValue) parameters")
        }
        return result
    }
}
