/// What the estimator answers: total and active parameters, and the total split by component.
public struct ParameterCount: Sendable, Equatable {
    public var total = 0
    /// Parameters one token uses: routed experts count `activeExperts` copies, not `experts`.
    public var active = 0
    public var components = ComponentCounts()

    public init() {}
}

/// Parameters per component, every component present (zeros included), in `Component.allCases`
/// order: what the estimator tallies and what tables, charts and JSON read. Stored inline (no
/// dictionary, no allocation per model); a new `Component` case needs no change here.
public struct ComponentCounts: Sendable, Equatable, RandomAccessCollection {
    /// Room for this many components (`Component.allCases.count`, checked at first use).
    public static let capacity = 16
    private var counts = InlineArray<16, Int>(repeating: 0)

    public init() {
        precondition(Component.allCases.count <= Self.capacity, "ComponentCounts.capacity is below the number of components")
    }

    public static func == (lhs: ComponentCounts, rhs: ComponentCounts) -> Bool {
        Component.allCases.allSatisfy { lhs[$0] == rhs[$0] }
    }

    public subscript(_ component: Component) -> Int {
        @inline(__always) get { counts[component.ordinal] }
        @inline(__always) set { counts[component.ordinal] = newValue }
    }

    /// Adds `value` to `component`'s count unless the sum overflows; whether it did.
    @inline(__always)
    mutating func add(_ value: Int, to component: Component) -> Bool {
        let (sum, overflow) = counts[component.ordinal].addingReportingOverflow(value)
        if !overflow { counts[component.ordinal] = sum }
        return overflow
    }

    // Every component with its count, in order.
    public var startIndex: Int { 0 }
    public var endIndex: Int { Component.allCases.count }
    public subscript(position: Int) -> (component: Component, count: Int) {
        (Component.allCases[position], counts[position])
    }
}

/// The folds `Inventory.total()`, `active()` and `components()` in one pass, with their errors
/// (`Inventory.counts()`, which also names the overflows `Estimator.count` only notices):
/// a term that overflows is thrown at once for the total (`total()` throws the first failing
/// term, in order, before it reports its sum), kept for later for the active count and the
/// components; `check()` reports them in the order the three folds would.
struct ParameterTally {
    var count = ParameterCount()
    private var totalOverflowed = false
    private var activeTermFailure: ArithmeticOverflow?
    private var activeOverflowed = false
    private var componentOverflowed: Component?

    /// One tensor: `elements` per copy (already checked), `layers × experts` copies.
    @inline(__always)
    mutating func add(
        elements: Int, layers: Int, experts: Int, activeExperts: Int, component: Component, name: () -> String
    ) throws(ArithmeticOverflow) {
        // elements × layers × experts, left to right as `Checked.multiply`; the active count
        // shares the first product (it did not overflow, or the total threw).
        let perLayer = try Checked.multiply(elements, layers, what: "the parameters of \(name())")
        let parameters = try Checked.multiply(perLayer, experts, what: "the parameters of \(name())")
        let (total, totalOverflow) = count.total.addingReportingOverflow(parameters)
        if totalOverflow { totalOverflowed = true } else if !totalOverflowed { count.total = total }
        if activeTermFailure == nil {
            let (active, overflow) = perLayer.multipliedReportingOverflow(by: activeExperts)
            if overflow {
                activeTermFailure = ArithmeticOverflow("the active parameters of \(name())")
            } else {
                let (sum, overflow) = count.active.addingReportingOverflow(active)
                if overflow { activeOverflowed = true } else if !activeOverflowed { count.active = sum }
            }
        }
        if componentOverflowed == nil && count.components.add(parameters, to: component) {
            componentOverflowed = component
        }
    }

    /// Throws the error the folds would; when it returns, `count` is the answer.
    @inline(__always)
    func check() throws(ArithmeticOverflow) {
        if totalOverflowed { throw ArithmeticOverflow("the total parameter count") }
        if let activeTermFailure { throw activeTermFailure }
        if activeOverflowed { throw ArithmeticOverflow("the active parameter count") }
        if let componentOverflowed { throw ArithmeticOverflow("the \(componentOverflowed.rawValue) parameters") }
    }
}

extension Inventory {
    /// `total()`, `active()` and `components()` in one pass (and the error the first of them to
    /// fail would throw).
    public func counts() throws(ArithmeticOverflow) -> ParameterCount {
        var tally = ParameterTally()
        for index in tensors.indices {
            // Fields read in place: no copy of the entry's name and shape.
            try tally.add(elements: tensors[index].elements(), layers: tensors[index].layers, experts: tensors[index].experts,
                          activeExperts: tensors[index].activeExperts, component: tensors[index].component,
                          name: { tensors[index].name })
        }
        try tally.check()
        return tally.count
    }
}
