import Foundation
import ParamScopeCore

/// Reads one `- name: ...` entry of a config list, with the list's `defaults:` beneath it.
struct ModelEntryReader {
    var file: String
    /// The list's `defaults:`, each key numbered once per list (nil: not a model field).
    var defaults: [(key: YAMLNode, value: YAMLNode, index: Int?)]
    /// The run's imported config.json files, each parsed once.
    var imports: HFConfigCache
    /// The `hf:` models of the list, fetched before it is read.
    var hubModels: [HubID: Result<HubModel, Diagnostic>]

    init(file: String, defaults: [(key: YAMLNode, value: YAMLNode)], imports: HFConfigCache = HFConfigCache(),
         hubModels: [HubID: Result<HubModel, Diagnostic>] = [:]) {
        self.file = file
        self.imports = imports
        self.defaults = defaults.map { ($0.key, $0.value, $0.key.scalar.flatMap(EntryKeys.index(of:))) }
        self.hubModels = hubModels
    }

    func read(_ node: YAMLNode, reader: inout FieldReader) -> ModelEntry? {
        guard let own = node.mapping else {
            reader.fail(node, "a model must be a mapping of fields (`name:`, `layers:`, ...), found \(node.kindName)")
            return nil
        }
        // The model's own fields win over the list's defaults.
        var fields = EntryFields()
        for (key, value, index) in defaults {
            if let index { fields.set(index, value) } else { failUnknown(key, reader: &reader) }
        }
        for (key, value) in own {
            if let name = key.scalar, let index = EntryKeys.index(of: name) {
                fields.set(index, value)
            } else {
                failUnknown(key, reader: &reader)
            }
        }
        let problemsBefore = reader.problems.count

        // `hf: ORG/NAME[@REVISION]`: the id checked where it is written, the model fetched already.
        var hubModel: HubModel?
        if let hubNode = fields[EntryKeys.hub] {
            guard let text = reader.string(hubNode, field: "hf") else { return nil }
            let id: HubID
            switch HubID.parse(text) {
            case .success(let parsed): id = parsed
            case .failure(let problem):
                reader.fail(hubNode, "`hf`: \(problem.message)")
                return nil
            }
            for (key, field) in [(EntryKeys.hfConfig, "hf_config"), (EntryKeys.architecture, "architecture")] {
                if let other = fields[key] { reader.fail(other, "`\(field)` comes from `hf`; remove one of them") }
            }
            switch hubModels[id] {
            case .success(let model)?: hubModel = model
            case .failure(let problem)?:
                reader.problems.append(Diagnostic(at: hubNode.location, "cannot read \(id.label): \(problem.message)"))
            case nil:
                reader.fail(hubNode, "\(id.label) was not fetched")
            }
            guard hubModel != nil, reader.problems.count == problemsBefore else { return nil }
        }

        let name: String
        if let nameNode = fields[EntryKeys.name] {
            guard let text = reader.string(nameNode, field: "name"), !text.isEmpty else {
                if nameNode.scalar == "" { reader.fail(nameNode, "`name` must not be empty") }
                return nil
            }
            name = text
        } else if let hubModel {
            // A one-line entry `- hf: ORG/NAME` is named after the repo.
            name = hubModel.id.name
        } else {
            reader.fail(node, "a model needs `name:`")
            return nil
        }

        var checkpoint: String?
        if let value = fields[EntryKeys.checkpoint], let relative = reader.string(value, field: "checkpoint") {
            checkpoint = resolve(relative)
        }
        var made: ModelSpec?
        var hints: CheckpointHints?
        if let hfNode = fields[EntryKeys.hfConfig], let relative = reader.string(hfNode, field: "hf_config"), checkpoint != nil,
           case let path = resolve(relative), let unknown = try? ConfigLoader.unknownFamily(path) {
            // A family no preset knows, with its checkpoint: counted from the checkpoint.
            hints = unknown
            reader.warnings.append(ConfigLoader.unknownFamilyWarning(unknown, file: path))
        } else if checkpoint != nil, !fields.has(EntryKeys.hfConfig), !fields.has(EntryKeys.hub), !fields.has(EntryKeys.architecture),
                  !fields.present.contains(where: { $0.key >= EntryKeys.specStart }) {
            // Only a checkpoint: its tensors are the count.
            hints = CheckpointHints(source: checkpoint)
        }
        if hints == nil, let hubModel, let unknown = ConfigLoader.hubUnknownFamily(hubModel) {
            // A Hub model of a family no preset knows: counted from its checkpoint's headers.
            hints = unknown
            reader.warnings.append(ConfigLoader.unknownFamilyWarning(unknown, file: unknown.source ?? hubModel.pinnedLabel))
        }
        if let hints {
            guard reader.problems.count == problemsBefore else { return nil }
            var entry = ModelEntry(spec: CheckpointSpec.placeholder(name), checkpoint: checkpoint, location: node.location)
            if let hubModel {
                let source = fields[EntryKeys.source].flatMap { reader.string($0, field: "source") }
                entry.source = source.map { "\($0); read from \(hubModel.pinnedLabel)" } ?? hubModel.pinnedLabel
                if checkpoint == nil { entry.checkpointSummary = hubModel.checkpoint }
            }
            entry.countFromCheckpoint = hints
            entry.published = fields[EntryKeys.published].flatMap { reader.published($0) }
            entry.context = fields[EntryKeys.context].flatMap { reader.positiveInt($0, field: "context") }
            entry.batch = fields[EntryKeys.batch].flatMap { reader.positiveInt($0, field: "batch") }
            if hubModel == nil { entry.source = fields[EntryKeys.source].flatMap { reader.string($0, field: "source") } }
            entry.notes = fields[EntryKeys.notes].flatMap { reader.string($0, field: "notes") }
            return reader.problems.count == problemsBefore ? entry : nil
        }
        if let hubModel, let hubNode = fields[EntryKeys.hub] {
            do {
                made = try ConfigLoader.hubSpec(hubModel, name: name)
            } catch {
                let place = error.location.map { "line \($0.line), column \($0.column): " } ?? ""
                reader.problems.append(Diagnostic(at: hubNode.location, "cannot import \(hubModel.pinnedLabel): \(place)\(error.message)"))
            }
        } else if let hfNode = fields[EntryKeys.hfConfig], let relative = reader.string(hfNode, field: "hf_config") {
            let path = resolve(relative)
            do {
                made = try HFConfigImporter.spec(fromFile: path, name: name, cache: imports)
            } catch {
                // Keep where in the JSON it went wrong (a parse error's line and column).
                let place = error.location.map { "line \($0.line), column \($0.column): " } ?? ""
                reader.problems.append(Diagnostic(at: hfNode.location, "cannot import hf_config \"\(relative)\": \(place)\(error.message)"))
            }
            if let architectureNode = fields[EntryKeys.architecture] {
                reader.fail(architectureNode, "`architecture` comes from `hf_config`; remove one of them")
            }
        } else if !fields.has(EntryKeys.hfConfig) && !fields.has(EntryKeys.hub) {
            made = presetSpec(name: name, fields: fields, node: node, reader: &reader)
        }
        // Moved, not copied: a spec holds some seventy tensor-name strings.
        guard var spec = made.take() else { return nil }

        for (key, value) in fields.present where key >= EntryKeys.specStart && key != EntryKeys.vision {
            SpecField.all[key - EntryKeys.specStart].apply(&spec, value, &reader)
        }
        // After the text fields: the projector writes the text width.
        if let value = fields[EntryKeys.vision] {
            SpecField.all[EntryKeys.vision - EntryKeys.specStart].apply(&spec, value, &reader)
        }
        let imported = fields.has(EntryKeys.hfConfig) || fields.has(EntryKeys.hub)
        if !fields.has(EntryKeys.headDim), !imported, spec.heads > 0, spec.hidden % spec.heads != 0 {
            reader.fail(fields[EntryKeys.heads] ?? node, "`heads` (\(spec.heads)) must divide `hidden` (\(spec.hidden)), or set `head_dim`")
        } else if fields.has(EntryKeys.heads) || fields.has(EntryKeys.hidden), !fields.has(EntryKeys.headDim), !imported {
            spec.headDim = spec.heads > 0 ? spec.hidden / spec.heads : 0
        }
        for problem in spec.validate() where reader.problems.count == problemsBefore {
            reader.fail(fields[problem.field] ?? node, problem.message)
        }

        var published: PublishedFigure?
        if let value = fields[EntryKeys.published] { published = reader.published(value) }
        let context = fields[EntryKeys.context].flatMap { reader.positiveInt($0, field: "context") }
        let batch = fields[EntryKeys.batch].flatMap { reader.positiveInt($0, field: "batch") }
        let source = fields[EntryKeys.source].flatMap { reader.string($0, field: "source") }
        let notes = fields[EntryKeys.notes].flatMap { reader.string($0, field: "notes") }
        guard reader.problems.count == problemsBefore else { return nil }
        if let node = fields[EntryKeys.headDim], !imported { warnUnusualHeadDim(spec, node: node, reader: &reader) }
        var entry = ModelEntry(spec: consume spec, published: published, source: source, notes: notes, context: context,
                               batch: batch, checkpoint: checkpoint, location: node.location)
        if let hubModel {
            // The commit the model was read at, in the report; a local `checkpoint:` wins over the Hub's.
            entry.source = source.map { "\($0); read from \(hubModel.pinnedLabel)" } ?? hubModel.pinnedLabel
            if checkpoint == nil { entry.checkpointSummary = hubModel.checkpoint }
        }
        return entry
    }

    /// The preset named by `architecture` (default `generic`) with the sizes filled in.
    private func presetSpec(
        name: String, fields: EntryFields, node: YAMLNode, reader: inout FieldReader
    ) -> ModelSpec? {
        var architecture = Preset.generic
        if let value = fields[EntryKeys.architecture] {
            guard let text = reader.string(value, field: "architecture") else { return nil }
            guard Preset.isKnown(text) else {
                reader.fail(value, "unknown architecture \"\(text)\"\(Suggestion.didYouMean(text, in: Preset.names)) (known: \(Preset.names.joined(separator: ", ")))")
                return nil
            }
            architecture = text
        }
        var sizes: [Int] = []
        var missing: [String] = []
        for (field, key) in zip(SpecField.sizes, [EntryKeys.layers, EntryKeys.hidden, EntryKeys.heads, EntryKeys.vocab]) {
            guard let value = fields[key] else {
                // A Mamba stack has no attention heads to give.
                if field == "heads", Preset.attentionFree.contains(architecture) {
                    sizes.append(0)
                } else {
                    missing.append(field)
                }
                continue
            }
            if let number = reader.positiveInt(value, field: field) { sizes.append(number) }
        }
        if !missing.isEmpty {
            let list = missing.map { "`\($0)`" }.joined(separator: ", ")
            reader.fail(node, "model \"\(name)\" is missing \(list) (or give `hf_config:` to import them)")
            return nil
        }
        guard sizes.count == SpecField.sizes.count else { return nil }
        // A bad `ffn` is reported once, when the field table applies it below.
        var scratch = FieldReader()
        let ffn = fields[EntryKeys.ffn].flatMap { scratch.positiveInt($0, field: "ffn") }
        let spec = Preset.spec(architecture, name: name, layers: sizes[0], hidden: sizes[1],
                               heads: sizes[2], ffn: ffn, vocab: sizes[3])
        if let spec, spec.ffn == 0, spec.feedForwards.contains(where: { $0 == .dense }) {
            reader.fail(node, "model \"\(name)\" needs `ffn:` (the \(architecture) preset has no default MLP width)")
            return nil
        }
        return spec
    }

    /// An unknown key of the entry (or of the defaults beneath it), with the nearest known name.
    private func failUnknown(_ key: YAMLNode, reader: inout FieldReader) {
        guard let name = key.scalar else { return }
        reader.fail(key, "unknown field `\(name)`\(Suggestion.didYouMean(name, in: EntryKeys.names))")
    }

    /// Families whose heads are not `hidden / heads` wide by design (Gemma's 256, Qwen3's 128,
    /// T5's `d_kv`, DeepSeek's latent attention): an explicit `head_dim` is expected there.
    static let familiesWithOwnHeadDim: Set<String> = [
        "gemma", "gemma2", "qwen3", "qwen3_moe", "t5", "deepseek_v2", "deepseek_v3", "gemma3_text", "gpt_oss", "llama4_text",
        "glm4", "glm4_moe", "minimax_m2", "ernie4_5", "ernie4_5_moe", "seed_oss", "cohere2", "exaone4", "deepseek_v32", "kimi_k2",
    ]

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
