/// Where the estimator's one description of an architecture sends its tensors.
///
/// Why a sink: the estimator has two customers. A report needs every tensor by name (the
/// inventory, the worked calculation's parts, storage rules); "how many parameters" needs two
/// sums. Building ~20 named `TensorEntry` values to add them up cost ~10 µs per model, so the
/// builders (Estimator+Layer, Estimator+Embedding) are written once, generic over this protocol,
/// and specialized twice: `InventorySink` builds the entries, `CountingSink` only multiplies and
/// adds, never evaluating a name (on overflow, `Estimator.count` asks the inventory to name the
/// term). A second, hand-written counting formula would be faster to write and could drift from
/// the inventory; this cannot (`CountPropertyTests` checks the two agree anyway).
protocol TensorSink {
    /// The tensors that follow belong to the worked calculation's part `kind` (in inventory order).
    mutating func part(_ kind: PartKind)

    /// One tensor present in every layer of `range`, with `experts` copies per layer.
    mutating func tensor(
        _ name: @autoclosure () -> TensorName, _ shape: TensorShape, component: Component, role: TensorRole,
        in range: LayerRange, experts: Int, activeExperts: Int
    ) throws(ArithmeticOverflow)
}

extension TensorSink {
    /// A tensor outside the layer stack (or in one layer), one copy.
    @inline(__always)
    mutating func tensor(
        _ name: @autoclosure () -> TensorName, _ shape: TensorShape, component: Component, role: TensorRole,
        in range: LayerRange = .outside
    ) throws(ArithmeticOverflow) {
        try tensor(name(), shape, component: component, role: role, in: range, experts: 1, activeExperts: 1)
    }
}

/// The shape of a tensor the estimator builds: one to three dimensions (a depthwise conv1d is
/// `[channels, 1, kernel]`), without an array.
struct TensorShape {
    var first: Int
    var second: Int?
    var third: Int?

    @inline(__always) init(_ first: Int) { self.first = first; second = nil; third = nil }
    @inline(__always) init(_ first: Int, _ second: Int) { self.first = first; self.second = second; third = nil }
    @inline(__always) init(_ first: Int, _ second: Int, _ third: Int) {
        self.first = first
        self.second = second
        self.third = third
    }

    /// PyTorch order, as `TensorEntry.shape`.
    var array: [Int] {
        guard let second else { return [first] }
        return third.map { [first, second, $0] } ?? [first, second]
    }

    /// Elements of one copy, and whether the product overflowed (the counting sink's form).
    @inline(__always)
    func elementsReportingOverflow() -> (Int, overflow: Bool) {
        let (firstTwo, overflowTwo) = first.multipliedReportingOverflow(by: second ?? 1)
        let (value, overflowThree) = firstTwo.multipliedReportingOverflow(by: third ?? 1)
        return (value, overflowTwo || overflowThree)
    }
}

/// Which layers of the stack a tensor belongs to.
struct LayerRange: Equatable {
    var first: Int
    var count: Int
    var stride: Int = 1

    /// Outside the layer stack: present once.
    static let outside = LayerRange(first: -1, count: 1)

    /// Sorted layer indices as few arithmetic runs as it takes (one for "all", "every 2nd",
    /// "all after the first k").
    static func covering(_ indices: [Int]) -> [LayerRange] {
        var ranges = LayerRuns(), builder = LayerRuns.Builder()
        for index in indices { builder.append(index, to: &ranges) }
        builder.finish(&ranges)
        var result: [LayerRange] = []
        ranges.forEach { result.append($0) }
        return result
    }
}

/// The layer ranges of one group of tensors, the first two held inline: "all layers", "every
/// 2nd" and "all after the first k" are one range, so the estimator allocates nothing for them.
struct LayerRuns {
    private var inline: (LayerRange, LayerRange) = (.outside, .outside)
    private var inlineCount = 0
    /// Rarely needed (irregular layer sets): `nil` costs nothing to create or destroy.
    private var more: [LayerRange]?

    init() {}

    /// One range.
    @inline(__always)
    init(_ range: LayerRange) {
        inline.0 = range
        inlineCount = 1
    }

    /// The layers `0..<layers` where `member` holds, as `LayerRange.covering` of their indices.
    init(layers: Int, where member: (Int) -> Bool) {
        var builder = Builder()
        var index = 0
        while index < layers {
            if member(index) { builder.append(index, to: &self) }
            index += 1
        }
        builder.finish(&self)
    }

    /// The layers `0..<layers` where `member` holds and those where it does not, asking once per layer.
    static func split(layers: Int, where member: (Int) -> Bool) -> (members: LayerRuns, others: LayerRuns) {
        var members = LayerRuns(), others = LayerRuns()
        var memberBuilder = Builder(), otherBuilder = Builder()
        var index = 0
        while index < layers {
            if member(index) {
                memberBuilder.append(index, to: &members)
            } else {
                otherBuilder.append(index, to: &others)
            }
            index += 1
        }
        memberBuilder.finish(&members)
        otherBuilder.finish(&others)
        return (members, others)
    }

    /// Builds runs from sorted indices: each run takes the next index, then every further index
    /// at the same stride (`LayerRange.covering`).
    struct Builder {
        /// The run being extended, not yet stored.
        private var open: LayerRange?

        mutating func append(_ index: Int, to runs: inout LayerRuns) {
            guard var range = open else {
                open = LayerRange(first: index, count: 1)
                return
            }
            if range.count == 1 {
                range.stride = index - range.first
                range.count = 2
                open = range
            } else if index - (range.first + (range.count - 1) * range.stride) == range.stride {
                range.count += 1
                open = range
            } else {
                runs.store(range)
                open = LayerRange(first: index, count: 1)
            }
        }

        /// `append` of `first, first + 1, …, first + count − 1`, in one step where the result is
        /// plain: a new run, or the open stride-1 run extended.
        mutating func append(first: Int, count: Int, to runs: inout LayerRuns) {
            guard count > 1 else {
                if count == 1 { append(first, to: &runs) }
                return
            }
            guard let range = open else {
                open = LayerRange(first: first, count: count)
                return
            }
            if range.first + range.count == first, range.stride == 1 || range.count == 1 {
                open = LayerRange(first: range.first, count: range.count + count)
                return
            }
            var index = first
            while index < first + count {
                append(index, to: &runs)
                index += 1
            }
        }

        func finish(_ runs: inout LayerRuns) {
            guard var open else { return }
            if open.count == 1 { open.stride = 1 }
            runs.store(open)
        }
    }

    mutating func store(_ range: LayerRange) {
        switch inlineCount {
        case 0: inline.0 = range
        case 1: inline.1 = range
        default: more = (more ?? []) + [range]
        }
        inlineCount += 1
    }

    /// No layers.
    var isEmpty: Bool { inlineCount == 0 }

    /// Every range in layer order.
    @inline(__always)
    func forEach<E: Error>(_ body: (LayerRange) throws(E) -> Void) throws(E) {
        guard inlineCount > 0 else { return }
        try body(inline.0)
        guard inlineCount > 1 else { return }
        try body(inline.1)
        if let more { for range in more { try body(range) } }
    }
}
