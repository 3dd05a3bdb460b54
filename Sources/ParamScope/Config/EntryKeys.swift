/// Every field a model entry may have — `ConfigLoader.entryFields`, then `SpecField.all` — by
/// number, found through a small open-addressed table.
///
/// Reading a list looks up each key of each model (15 per model in a typical list): hashing it
/// into a `[String: ...]` dictionary, comparing it with the nine entry fields one by one and
/// hashing it again for `SpecField.byName` cost more than libyaml's whole parse of the entry.
/// Here a key is one `KeyHash` pass over its bytes and, nearly always, one comparison.
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

    /// Table size: a power of two well above `names.count`, so probes stay short.
    private static let tableSize = 256

    /// Name index + 1 per slot (0: empty).
    private static let table: [UInt8] = {
        precondition(names.count < tableSize / 2 && names.count < Int(UInt8.max), "grow EntryKeys.tableSize")
        var table = [UInt8](repeating: 0, count: tableSize)
        for (index, name) in names.enumerated() {
            var slot = hash(name)
            while table[slot] != 0 { slot = (slot + 1) & (tableSize - 1) }
            table[slot] = UInt8(index + 1)
        }
        return table
    }()

    private static func hash(_ name: String) -> Int { Int(KeyHash.of(name) & UInt32(tableSize - 1)) }

    /// The field's number, or nil for a name no model entry has.
    static func index(of name: String) -> Int? {
        var slot = hash(name)
        while true {
            let entry = table[slot]
            if entry == 0 { return nil }
            if names[Int(entry) - 1] == name { return Int(entry) - 1 }
            slot = (slot + 1) & (tableSize - 1)
        }
    }
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
