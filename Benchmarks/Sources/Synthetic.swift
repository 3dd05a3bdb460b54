import Foundation

/// Synthetic config lists: realistic shapes across the presets, written as the YAML a team would.
enum Synthetic {
    /// One family's model, scaled by `size` (0-based index within the family).
    struct Family: Sendable {
        var architecture: String
        var lines: @Sendable (Int) -> String
    }

    /// Shapes modelled on real releases; sizes vary with the index so no two models are equal.
    static let families: [Family] = [
        Family(architecture: "llama") { i in
            let h = 2048 + 512 * (i % 8)
            return "    architecture: llama\n    layers: \(16 + i % 48)\n    hidden: \(h)\n    heads: \(h / 128)\n    kv_heads: \(h / 512)\n    ffn: \(h * 8 / 3 / 256 * 256)\n    vocab: 32000\n    published: \(1 + i % 70)B\n"
        },
        Family(architecture: "generic") { i in
            let h = 768 + 256 * (i % 8)
            return "    layers: \(12 + i % 24)\n    hidden: \(h)\n    heads: \(h / 64)\n    vocab: 50257\n    published: {total: \(100 + i % 900)M, basis: card, source: \"synthetic model card\"}\n"
        },
    ]

    /// A config list of `count` models, numbered from `first`.
    static func list(title: String, first: Int, count: Int) -> String {
        var yaml = "title: \(title)\ndescription: |\n  Synthetic models for the benchmark: *\(count)* of them.\nmodels:\n"
        yaml.reserveCapacity(count * 160)
        for index in first..<(first + count) {
            let family = families[index % families.count]
            yaml += "  - name: \(family.architecture)-\(index)\n" + family.lines(index / families.count)
            yaml += "    notes: Model number \(index), a `\(family.architecture)` shape.\n"
        }
        return yaml
    }

    /// Writes `models` models as lists of at most 1,000 into a new directory; returns its path and bytes.
    static func write(models: Int, into directory: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var bytes = 0
        var first = 0
        var file = 0
        while first < models {
            let count = min(1000, models - first)
            let text = list(title: "Synthetic list \(file)", first: first, count: count)
            let name = String(format: "list-%04d.yaml", file)
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(directory)/\(name)"))
            bytes += text.utf8.count
            first += count
            file += 1
        }
        return bytes
    }
}
