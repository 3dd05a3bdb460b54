import ParamScopeCore

/// A YAML entry's `vision:` mapping: a tower preset and overrides of its sizes, read into the
/// same `VisionPreset` a config.json's `vision_config` goes through. Applied after the text
/// fields (the projector writes the text width). A field the preset's tower does not have, or
/// a projector its tower cannot feed, is an error at its line and column.
enum VisionFields {
    /// Every field of the mapping, in the order the README documents them.
    static let names = [
        "preset", "projector", "projector_bias", "feature_layers", "layers", "hidden", "heads", "head_dim", "ffn",
        "channels", "image_size", "patch_size", "frames", "merge", "output", "global_layers", "deepstack_layers",
        "position_rows", "max_tiles", "aspect_ratios", "window", "full_attention_layers", "adapter_input", "adapter_output", "pooling_head",
    ]

    static let qwen = ["qwen2_vl", "qwen2_5_vl", "qwen3_vl"]

    /// Fields only some towers have.
    static let only: [String: [String]] = [
        "frames": qwen, "output": ["llama4", "mllama"] + qwen, "global_layers": ["mllama"], "max_tiles": ["mllama"],
        "aspect_ratios": ["mllama"], "deepstack_layers": ["qwen3_vl"], "position_rows": ["qwen3_vl"],
        "window": ["qwen2_5_vl"], "full_attention_layers": ["qwen2_5_vl"], "adapter_input": ["llama4"],
        "adapter_output": ["llama4"], "pooling_head": ["siglip"],
    ]

    /// The connector a tower feeds when the mapping names none.
    static let defaultProjector: [String: ProjectorKind] = [
        "siglip": .softTokens, "clip": .mlp, "pixtral": .patchMerger, "llama4": .linear, "mllama": .linear,
        "qwen2_vl": .merger, "qwen2_5_vl": .merger, "qwen3_vl": .merger,
    ]

    static func apply(_ spec: inout ModelSpec, _ node: YAMLNode, _ reader: inout FieldReader) {
        guard let mapping = node.mapping else {
            reader.fail(node, "`vision` must be a mapping with `preset:` (\(VisionPreset.names.joined(separator: ", "))) and the tower's sizes, found \(node.kindName)")
            return
        }
        if spec.vision != nil {
            reader.fail(node, "the hf_config file has its own vision tower; remove `vision:` (or import a text-only config)")
            return
        }
        let before = reader.problems.count
        var nodes: [String: YAMLNode] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar else {
                reader.fail(key, "`vision` keys must be field names")
                continue
            }
            guard names.contains(name) else {
                reader.fail(key, "unknown vision field `\(name)`\(Suggestion.didYouMean(name, in: names)) (fields: \(names.joined(separator: ", ")))")
                continue
            }
            nodes[name] = value
        }
        guard let presetNode = nodes["preset"] else {
            reader.fail(node, "`vision` needs `preset:` (\(VisionPreset.names.joined(separator: ", ")))")
            return
        }
        guard let preset = reader.string(presetNode, field: "vision.preset") else { return }
        guard var sizes = VisionPreset.sizes(preset) else {
            reader.fail(presetNode, "unknown vision preset \"\(preset)\"\(Suggestion.didYouMean(preset, in: VisionPreset.names)) (known: \(VisionPreset.names.joined(separator: ", ")))")
            return
        }
        for (field, towers) in only where !towers.contains(preset) {
            if let value = nodes[field] {
                reader.fail(value, "`vision.\(field)` applies to the \(towers.joined(separator: ", ")) tower\(towers.count > 1 ? "s" : ""), not \(preset)")
            }
        }
        var kind = defaultProjector[preset] ?? .mlp
        if let value = nodes["projector"], let text = reader.string(value, field: "vision.projector") {
            if let chosen = ProjectorKind(rawValue: text) {
                kind = chosen
                if (chosen == .merger) != qwen.contains(preset) {
                    reader.fail(value, chosen == .merger
                        ? "`vision.projector: merger` is Qwen-VL's (qwen2_vl, qwen2_5_vl, qwen3_vl towers), not \(preset)'s"
                        : "the \(preset) tower ends in its own merger; `vision.projector` must be merger")
                }
            } else {
                reader.fail(value, "`vision.projector` must be one of \(ProjectorKind.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(text)\"")
            }
        }
        if let value = nodes["feature_layers"], kind != .mlp && kind != .patchMerger {
            reader.fail(value, "`vision.feature_layers` applies to the mlp and patch_merger projectors, not \(kind.rawValue)")
        }
        if let value = nodes["merge"], kind != .patchMerger && kind != .merger {
            reader.fail(value, "`vision.merge` applies to the patch_merger and merger projectors, not \(kind.rawValue)")
        }
        if let value = nodes["projector_bias"], kind == .softTokens || kind == .merger {
            reader.fail(value, "`vision.projector_bias` cannot change the \(kind.rawValue) projector (\(kind == .merger ? "always biased" : "never biased"))")
        }
        func int(_ field: String, allowZero: Bool = false, _ set: (Int) -> Void) {
            if let value = nodes[field], let number = reader.positiveInt(value, field: "vision.\(field)", allowZero: allowZero) {
                set(number)
            }
        }
        int("layers") { sizes.layers = $0 }
        int("hidden") { sizes.hidden = $0 }
        int("heads") { sizes.heads = $0 }
        int("head_dim") { sizes.headDim = $0 }
        int("ffn") { sizes.ffn = $0 }
        int("channels") { sizes.channels = $0 }
        int("image_size") { sizes.imageSize = $0 }
        int("patch_size") { sizes.patchSize = $0 }
        int("frames") { sizes.frames = $0 }
        int("merge") { sizes.merge = $0 }
        int("output") { sizes.output = $0 }
        int("global_layers", allowZero: true) { sizes.globalLayers = $0 }
        int("deepstack_layers", allowZero: true) { sizes.deepstackLayers = $0 }
        int("position_rows") { sizes.positionRows = $0 }
        int("max_tiles") { sizes.maxTiles = $0 }
        int("aspect_ratios") { sizes.aspectRatios = $0 }
        int("window") { sizes.windowSize = $0 }
        int("adapter_input") { sizes.adapterInput = $0 }
        int("adapter_output") { sizes.adapterOutput = $0 }
        if let value = nodes["pooling_head"], let head = reader.bool(value, field: "vision.pooling_head") { sizes.poolingHead = head }
        var featureLayers = 1
        int("feature_layers") { featureLayers = $0 }
        if let value = nodes["full_attention_layers"] {
            if let layers = SpecField.layerList(value, field: "vision.full_attention_layers", reader: &reader) {
                sizes.fullAttentionLayers = layers
            }
        }
        var bias = VisionFamily.families.values.first { $0.projector == kind }?.projectorBias ?? true
        if kind == .linear { bias = preset == "mllama" }
        if let value = nodes["projector_bias"], let stated = reader.bool(value, field: "vision.projector_bias") { bias = stated }
        guard reader.problems.count == before else { return }
        // Tensor names as the family that ships this tower writes them.
        let family = VisionFamily.families.values.sorted { $0.tower < $1.tower }.first { $0.tower == preset }
            ?? VisionFamily.families["llava"]!
        let vision = VisionPreset.spec(preset, sizes, projector: kind, projectorBias: bias, featureLayers: featureLayers,
                                       textHidden: spec.hidden, prefix: family.towerPrefix,
                                       projectorPrefix: kind == .merger ? "\(family.towerPrefix).merger" : family.projectorPrefix)
        for problem in vision.validate() {
            let field = String(problem.field.dropFirst("vision.".count))
            reader.fail(nodes[field] ?? node, problem.message)
        }
        guard reader.problems.count == before else { return }
        spec.vision = vision
    }
}
