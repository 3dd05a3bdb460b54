/// What the estimator answers: total and active parameters, and the total split by component.
public struct ParameterCount: Sendable, Equatable {
    public var total = 0
    /// Parameters one token uses: routed experts count `activeExperts` copies, not `experts`.
    public var active = 0
    public var components = ComponentCounts()

    public init() {}
}

/// Parameters per component, every component present (zeros included), without a dictionary.
public struct ComponentCounts: Sendable, Equatable {
    /// In `Component.allCases` order.
    private var counts = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    public init() {}

    public static func == (lhs: ComponentCounts, rhs: ComponentCounts) -> Bool {
        Component.allCases.allSatisfy { lhs[$0] == rhs[$0] }
    }

    /// The component's position in `Component.allCases` (and in `counts`).
    @inline(__always)
    private static func slot(_ component: Component) -> Int {
        switch component {
        case .embedding: 0
        case .attention: 1
        case .mlp: 2
        case .experts: 3
        case .sharedExperts: 4
        case .router: 5
        case .norm: 6
        case .head: 7
        case .vision: 8
        case .projector: 9
        }
    }

    public subscript(_ component: Component) -> Int {
        @inline(__always) get {
            withUnsafeBytes(of: counts) { $0.load(fromByteOffset: Self.slot(component) * MemoryLayout<Int>.stride, as: Int.self) }
        }
        @inline(__always) set {
            withUnsafeMutableBytes(of: &counts) {
                $0.storeBytes(of: newValue, toByteOffset: Self.slot(component) * MemoryLayout<Int>.stride, as: Int.self)
            }
        }
    }

    /// Adds `value` to `component`'s count unless the sum overflows; whether it did.
    @inline(__always)
    mutating func add(_ value: Int, to component: Component) -> Bool {
        let slot = Self.slot(component)
        return withUnsafeMutablePointer(to: &counts) { tuple in
            tuple.withMemoryRebound(to: Int.self, capacity: 10) { slots in
                let (sum, overflow) = slots[slot].addingReportingOverflow(value)
                if !overflow { slots[slot] = sum }
                return overflow
            }
        }
    }

    /// As `Inventory.components()` gives them.
    public var dictionary: [Component: Int] {
        var result: [Component: Int] = Dictionary(minimumCapacity: Component.allCases.count)
        for component in Component.allCases { result[component] = self[component] }
        return result
    }
}

/// The folds `Inventory.total()`, `active()` and `components()` in one pass, with their errors:
/// a term that overflows is thrown at once for the total (`total()` throws the first failing
/// term, in order, before it reports its sum), kept for later for the active count and the
/// components; `finish()` reports them in the order the three folds would.
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

    func finish() throws(ArithmeticOverflow) -> ParameterCount {
        if totalOverflowed { throw ArithmeticOverflow("the total parameter count") }
        if let activeTermFailure { throw activeTermFailure }
        if activeOverflowed { throw ArithmeticOverflow("the active parameter count") }
        if let componentOverflowed { throw ArithmeticOverflow("the \(componentOverflowed.rawValue) parameters") }
        return count
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
        return try tally.finish()
    }
}
