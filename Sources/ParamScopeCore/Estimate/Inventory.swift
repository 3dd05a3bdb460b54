/// Every weight tensor of a model: the estimator's output, and what a checkpoint header yields.
///
/// Totals, the breakdown, active parameters and storage are folds over it.
public struct Inventory: Sendable, Equatable {
    public var tensors: [TensorEntry]

    public init(_ tensors: [TensorEntry] = []) { self.tensors = tensors }

    public mutating func append(_ entry: TensorEntry) { tensors.append(entry) }
    public mutating func append(contentsOf entries: [TensorEntry]) { tensors.append(contentsOf: entries) }

    public func total() throws(ArithmeticOverflow) -> Int {
        var terms: [Int] = []
        terms.reserveCapacity(tensors.count)
        for tensor in tensors { terms.append(try tensor.parameters()) }
        return try Checked.sum(terms, what: "the total parameter count")
    }

    /// Parameters one token uses: routed experts count `activeExperts` copies, not `experts`.
    public func active() throws(ArithmeticOverflow) -> Int {
        var terms: [Int] = []
        terms.reserveCapacity(tensors.count)
        for tensor in tensors { terms.append(try tensor.activeParameters()) }
        return try Checked.sum(terms, what: "the active parameter count")
    }

    /// Parameters per component, every key present (zeros included).
    public func components() throws(ArithmeticOverflow) -> [Component: Int] {
        var result = Dictionary(uniqueKeysWithValues: Component.allCases.map { ($0, 0) })
        for tensor in tensors {
            result[tensor.component] = try Checked.add(
                result[tensor.component]!, tensor.parameters(), what: "the \(tensor.component.rawValue) parameters")
        }
        return result
    }
}
