import Testing
@testable import ParamScopeCore

/// `Component` hashes its position instead of its `rawValue`: `hashValue` and dictionaries must
/// follow `hash(into:)` (a Dictionary would miss keys otherwise), and the order stays `allCases`'.
@Suite struct ComponentHashTests {
    @Test(arguments: Component.allCases)
    func hashingAgrees(_ component: Component) {
        var hasher = Hasher()
        component.hash(into: &hasher)
        #expect(hasher.finalize() == component.hashValue)
        var dictionary: [Component: Int] = [:]
        for (index, key) in Component.allCases.enumerated() { dictionary[key] = index }
        #expect(dictionary[component] == Component.allCases.firstIndex(of: component))
        #expect(Set(Component.allCases).contains(component))
        #expect(component.ordinal == Component.allCases.firstIndex(of: component))
    }

    @Test func orderIsAllCases() {
        #expect(Component.allCases.shuffled().sorted() == Component.allCases)
    }

    /// `ComponentCounts` holds every component, in `allCases` order, each its own slot.
    @Test func countsHoldEveryComponent() {
        var counts = ComponentCounts()
        #expect(Component.allCases.count <= ComponentCounts.capacity)
        for (index, component) in Component.allCases.enumerated() { counts[component] = index * 10 + 1 }
        #expect(counts.map(\.component) == Component.allCases)
        #expect(counts.map(\.count) == Component.allCases.indices.map { $0 * 10 + 1 })
        #expect(ComponentCounts()[.head] == 0)
        #expect(!counts.add(5, to: .mlp) && counts[.mlp] == 26)
        #expect(counts.add(Int.max, to: .mlp) && counts[.mlp] == 26)
    }
}
