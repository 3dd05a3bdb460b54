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
        family("llama") { i in
            let h = 2048 + 512 * (i % 8)
            return "layers: \(16 + i % 48)\n    hidden: \(h)\n    heads: \(h / 128)\n    kv_heads: \(h / 512)\n    ffn: \(h * 8 / 3 / 256 * 256)\n    vocab: 32000\n    published: \(1 + i % 70)B\n"
        },
        family("generic") { i in
            let h = 768 + 256 * (i % 8)
            return "layers: \(12 + i % 24)\n    hidden: \(h)\n    heads: \(h / 64)\n    vocab: 50257\n    published: {total: \(100 + i % 900)M, basis: card, source: \"synthetic model card\"}\n"
        },
        family("mixtral") { i in
            "layers: \(24 + i % 32)\n    hidden: 4096\n    heads: 32\n    kv_heads: 8\n    ffn: 14336\n    vocab: 32000\n    experts: \(4 + 4 * (i % 4))\n    experts_per_token: 2\n    published: {total: 46.7B, active: 12.9B, basis: paper}\n"
        },
        family("qwen2") { i in
            let h = 896 + 128 * (i % 8)
            return "layers: \(24 + i % 8)\n    hidden: \(h)\n    heads: \(h / 64)\n    kv_heads: \(h / 448 > 0 ? 2 : 1)\n    ffn: \(h * 5)\n    vocab: 151936\n    tied_embeddings: true\n"
        },
        family("deepseek_v2") { i in
            "layers: \(27 + i % 8)\n    hidden: 2048\n    heads: 16\n    ffn: 10944\n    vocab: 102400\n    q_lora_rank: 0\n    experts: 64\n    experts_per_token: 6\n    expert_ffn: 1408\n    shared_experts: 2\n    shared_expert_ffn: 1408\n    first_dense_layers: 1\n    published: {total: 16B, active: 2.4B, basis: card}\n"
        },
        family("gpt2") { i in
            let h = 768 + 256 * (i % 4)
            return "layers: \(12 + i % 36)\n    hidden: \(h)\n    heads: \(h / 64)\n    vocab: 50257\n    max_positions: 1024\n    published: \(124 + i % 1400)M\n"
        },
        family("gemma2") { i in
            "layers: \(26 + i % 16)\n    hidden: 3584\n    heads: 16\n    kv_heads: 8\n    head_dim: 256\n    ffn: 14336\n    vocab: 256000\n    published: {total: 9B, basis: name}\n"
        },
        family("t5") { i in
            "layers: \(6 + i % 18)\n    hidden: 768\n    heads: 12\n    ffn: 3072\n    vocab: 32128\n    published: 220M\n"
        },
    ]

    static func family(_ architecture: String, _ fields: @escaping @Sendable (Int) -> String) -> Family {
        Family(architecture: architecture) { i in "    architecture: \(architecture)\n    " + fields(i) }
    }

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
