import Foundation
import ParamScopeCore

/// Reads one `- name: ...` entry of a config list, with the list's `defaults:` beneath it.
struct ModelEntryReader {
    var file: String
    var defaults: [(key: YAMLNode, value: YAMLNode)]

    func read(_ node: YAMLNode, reader: inout FieldReader) -> ModelEntry? {
        guard let own = node.mapping else {
            reader.fail(node, "a model must be a mapping of fields (`name:`, `layers:`, ...), found \(node.kindName)")
            return nil
        }
        // The model's own fields win over the list's defaults.
        var fields: [String: YAMLNode] = [:]
        var order: [String] = []
        for (key, value) in defaults + own {
            guard let name = key.scalar else { continue }
            if fields[name] == nil { order.append(name) }
            fields[name] = value
            if ConfigLoader.entryFields.contains(name) || SpecField.byName[name] != nil { continue }
            reader.fail(key, "unknown field `\(name)`\(Suggestion.didYouMean(name, in: ConfigLoader.entryFields + SpecField.all.map(\.name)))")
        }
        let problemsBefore = reader.problems.count

        guard let nameNode = fields["name"] else {
            reader.fail(node, "a model needs `name:`")
            return nil
        }
        guard let name = reader.string(nameNode, field: "name"), !name.isEmpty else {
            if nameNode.scalar == "" { reader.fail(nameNode, "`name` must not be empty") }
            return nil
        }

        var spec: ModelSpec?
        if let hfNode = fields["hf_config"], let relative = reader.string(hfNode, field: "hf_config") {
            let path = resolve(relative)
            do {
                spec = try HFConfigImporter.spec(fromFile: path, name: name)
            } catch {
                // Keep where in the JSON it went wrong (a parse error's line and column).
                let place = error.location.map { "line \($0.line), column \($0.column): " } ?? ""
                reader.problems.append(Diagnostic(at: hfNode.location, "cannot import hf_config \"\(relative)\": \(place)\(error.message)"))
            }
            if let architectureNode = fields["architecture"] {
                reader.fail(architectureNode, "`architecture` comes from `hf_config`; remove one of them")
            }
        } else if fields["hf_config"] == nil {
            spec = presetSpec(name: name, fields: fields, node: node, reader: &reader)
        }
        guard var spec else { return nil }

        for fieldName in order {
            guard let field = SpecField.byName[fieldName], let value = fields[fieldName] else { continue }
            field.apply(&spec, value, &reader)
        }
        if fields["head_dim"] == nil, fields["hf_config"] == nil, spec.heads > 0, spec.hidden % spec.heads != 0 {
            reader.fail(fields["heads"] ?? node, "`heads` (\(spec.heads)) must divide `hidden` (\(spec.hidden)), or set `head_dim`")
        } else if fields["heads"] != nil || fields["hidden"] != nil, fields["head_dim"] == nil, fields["hf_config"] == nil {
            spec.headDim = spec.heads > 0 ? spec.hidden / spec.heads : 0
        }
        for problem in spec.validate() where reader.problems.count == problemsBefore {
            reader.fail(fields[problem.field] ?? node, problem.message)
        }

        var published: PublishedFigure?
        if let value = fields["published"] { published = reader.published(value) }
        let context = fields["context"].flatMap { reader.positiveInt($0, field: "context") }
        let batch = fields["batch"].flatMap { reader.positiveInt($0, field: "batch") }
        let source = fields["source"].flatMap { reader.string($0, field: "source") }
        let notes = fields["notes"].flatMap { reader.string($0, field: "notes") }
        var checkpoint: String?
        if let value = fields["checkpoint"], let relative = reader.string(value, field: "checkpoint") {
            checkpoint = resolve(relative)
        }
        guard reader.problems.count == problemsBefore else { return nil }
        if let node = fields["head_dim"], fields["hf_config"] == nil { warnUnusualHeadDim(spec, node: node, reader: &reader) }
        return ModelEntry(spec: spec, published: published, source: source, notes: notes, context: context,
                          batch: batch, checkpoint: checkpoint, location: node.location)
    }

    /// The preset named by `architecture` (default `generic`) with the sizes filled in.
    private func presetSpec(
        name: String, fields: [String: YAMLNode], node: YAMLNode, reader: inout FieldReader
    ) -> ModelSpec? {
        var architecture = Preset.generic
        if let value = fields["architecture"] {
            guard let text = reader.string(value, field: "architecture") else { return nil }
            guard Preset.isKnown(text) else {
                reader.fail(value, "unknown architecture \"\(text)\"\(Suggestion.didYouMean(text, in: Preset.names)) (known: \(Preset.names.joined(separator: ", ")))")
                return nil
            }
            architecture = text
        }
        var sizes: [String: Int] = [:]
        var missing: [String] = []
        for field in SpecField.sizes {
            guard let value = fields[field] else {
                missing.append(field)
                continue
            }
            if let number = reader.positiveInt(value, field: field) { sizes[field] = number }
        }
        if !missing.isEmpty {
            let list = missing.map { "`\($0)`" }.joined(separator: ", ")
            reader.fail(node, "model \"\(name)\" is missing \(list) (or give `hf_config:` to import them)")
            return nil
        }
        guard sizes.count == SpecField.sizes.count else { return nil }
        // A bad `ffn` is reported once, when the field table applies it below.
        var scratch = FieldReader()
        let ffn = fields["ffn"].flatMap { scratch.positiveInt($0, field: "ffn") }
        let spec = Preset.spec(architecture, name: name, layers: sizes["layers"]!, hidden: sizes["hidden"]!,
                               heads: sizes["heads"]!, ffn: ffn, vocab: sizes["vocab"]!)
        if spec?.ffn == 0 {
            reader.fail(node, "model \"\(name)\" needs `ffn:` (the \(architecture) preset has no default MLP width)")
            return nil
        }
        return spec
    }

    /// Families whose heads are not `hidden / heads` wide by design (Gemma's 256, Qwen3's 128,
    /// T5's `d_kv`, DeepSeek's latent attention): an explicit `head_dim` is expected there.
    static let familiesWithOwnHeadDim: Set<String> = ["gemma", "gemma2", "qwen3", "qwen3_moe", "t5", "deepseek_v2", "deepseek_v3"]

    /// A `head_dim` written in the list that is not `hidden / heads`, in a family where heads
    /// normally split the width: legal (Mistral-Nemo does it), but often a typo.
    private func warnUnusualHeadDim(_ spec: ModelSpec, node: YAMLNode, reader: inout FieldReader) {
        guard !Self.familiesWithOwnHeadDim.contains(spec.architecture), spec.attention.latent == nil, spec.heads > 0,
              spec.heads.multipliedReportingOverflow(by: spec.headDim) != (spec.hidden, false) else { return }
        let split = spec.hidden % spec.heads == 0 ? "\(spec.hidden / spec.heads)" : "not a whole number"
        reader.warn(node, "`head_dim` (\(spec.headDim)) is not `hidden` / `heads` (\(spec.hidden) / \(spec.heads) = \(split)), unusual for \(spec.architecture); check it")
    }

    /// Paths in a config list are relative to the list's own folder.
    private func resolve(_ relative: String) -> String {
        if relative.hasPrefix("/") { return relative }
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative)
    }
}
