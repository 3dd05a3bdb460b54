/// Every field a model entry may have — `ConfigLoader.entryFields`, then `SpecField.all` — by
/// number: a model's fields are looked up once by name as the entry is read, then by number.
enum EntryKeys {
    /// The names by number: entry fields first, so the constants below are their indices.
    static let names: [String] = ConfigLoader.entryFields + SpecField.all.map(\.name)

    /// Indices of the entry fields (`ConfigLoader.entryFields` order; `EntryKeysTests` checks it).
    static let name = 0, architecture = 1, published = 2, source = 3, notes = 4, hfConfig = 5, checkpoint = 6,
               context = 7, batch = 8, hub = 9

    /// Where the architecture fields start: `SpecField.all[index - specStart]`.
    static let specStart = ConfigLoader.entryFields.count

    /// Indices of the spec fields the reader itself consults (sizes, head checks).
    static let layers = spec("layers"), hidden = spec("hidden"), heads = spec("heads"), vocab = spec("vocab"),
               ffn = spec("ffn"), headDim = spec("head_dim"), vision = spec("vision")

    private static func spec(_ field: String) -> Int {
        specStart + (SpecField.all.firstIndex { $0.name == field } ?? SpecField.all.count)
    }

    private static let numbers: [String: Int] = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })

    /// The field's number, or nil for a name no model entry has.
    static func index(of name: String) -> Int? { numbers[name] }
}

/// One model's fields with the list's defaults beneath them: each known field once, in the
/// order it first appears (defaults first), holding the last value written for it.
struct EntryFields {
    /// The order matters: spec fields apply in it (`norm_placement` then `norms_per_layer`).
    private(set) var present: [(key: Int, node: YAMLNode)] = []
    /// Position in `present` + 1 per field number (0: absent).
    private var position: [UInt8]

    init() {
        position = [UInt8](repeating: 0, count: EntryKeys.names.count)
        present.reserveCapacity(24)
    }

    mutating func set(_ key: Int, _ node: YAMLNode) {
        let at = Int(position[key])
        if at == 0 {
            present.append((key, node))
            position[key] = UInt8(present.count)
        } else {
            present[at - 1].node = node
        }
    }

    subscript(key: Int) -> YAMLNode? {
        guard key < position.count else { return nil }
        let at = Int(position[key])
        return at == 0 ? nil : present[at - 1].node
    }

    /// By name, for fields named at run time (a validation problem's `field`).
    subscript(name: String) -> YAMLNode? {
        EntryKeys.index(of: name).flatMap { self[$0] }
    }

    func has(_ key: Int) -> Bool { key < position.count && position[key] != 0 }
}
