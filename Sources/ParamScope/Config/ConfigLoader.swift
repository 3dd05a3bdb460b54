import Foundation
import ParamScopeCore

/// Reads config lists (YAML) and Hugging Face config.json files into `ConfigList`s.
///
/// Every problem in every file is collected; the caller fails once, after listing them all.
public struct ConfigLoader: Sendable {
    /// Fields of a model entry that are not architecture: what the report says about it.
    static let entryFields = ["name", "architecture", "published", "source", "notes", "hf_config", "checkpoint",
                              "context", "batch"]
    static let listFields = ["title", "description", "defaults", "models"]

    public init() {}

    /// Loads every input. Problems (errors and warnings) come back beside whatever loaded.
    ///
    /// Files are read on every core (a nightly run reads dozens of lists); lists and problems
    /// come back in the order of the files.
    public func load(_ paths: [String]) -> (lists: [ConfigList], diagnostics: [Diagnostic]) {
        load(paths, imports: HFConfigCache())
    }

    /// `load(_:)` with the run's imported config.json files kept in `imports`.
    func load(_ paths: [String], imports: HFConfigCache) -> (lists: [ConfigList], diagnostics: [Diagnostic]) {
        let (files, missing) = InputFiles.expand(paths)
        let loaded = LoadedFiles(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let (path, kind) = files[index]
            var warnings: [Diagnostic] = []
            do throws(Diagnostics) {
                switch kind {
                case .configList:
                    loaded.set(index, try loadList(path, imports: imports, warnings: &warnings), warnings)
                case .hfConfig:
                    loaded.set(index, try loadHFConfig(path), warnings)
                case .modelDirectory(let checkpoint):
                    loaded.set(index, try loadModelDirectory(path, checkpoint: checkpoint, warnings: &warnings), warnings)
                case .checkpoint(let checkpoint):
                    loaded.set(index, try loadCheckpoint(checkpoint, hints: nil, name: nil, file: checkpoint, warnings: &warnings), warnings)
                }
            } catch {
                loaded.set(index, nil, warnings + error.items)
            }
        }
        return loaded.collect(missing)
    }

    /// A model directory: its config.json, and its checkpoint compared with the estimate — or,
    /// when no family knows the config's `model_type`, counted (with a warning naming the type).
    func loadModelDirectory(_ path: String, checkpoint: String?, warnings: inout [Diagnostic]) throws(Diagnostics) -> ConfigList {
        if let checkpoint, let hints = try Self.unknownFamily(path) {
            warnings.append(Self.unknownFamilyWarning(hints, file: path))
            return try loadCheckpoint(checkpoint, hints: hints, name: Self.modelName(path), file: path, warnings: &warnings)
        }
        var list = try loadHFConfig(path)
        for index in list.models.indices { list.models[index].checkpoint = checkpoint }
        return list
    }

    /// A checkpoint alone (a file, or a directory holding one and no config.json): a list of one
    /// model, counted from its tensors (a GGUF of a family ParamScope knows is estimated instead).
    func loadCheckpoint(_ checkpoint: String, hints: CheckpointHints?, name: String?, file: String,
                        warnings: inout [Diagnostic]) throws(Diagnostics) -> ConfigList {
        let name = name ?? Self.modelName(checkpoint)
        let location = SourceLocation(file: file, line: 1, column: 1)
        var entry = ModelEntry(spec: CheckpointSpec.placeholder(name), source: checkpoint, checkpoint: checkpoint, location: location)
        do {
            if hints == nil, checkpoint.hasSuffix(".gguf") {
                let file = try GGUFReader.read(HeaderFile(checkpoint))
                if let spec = GGUFModel.spec(file, name: name) {
                    entry.spec = spec
                } else {
                    let hints = GGUFModel.hints(file)
                    entry.countFromCheckpoint = hints
                    let why: String
                    if let type = hints.modelType, let family = GGUFModel.families[type], Preset.isKnown(family) {
                        why = "general.architecture \"\(type)\": its \(type).block_count, .embedding_length, .attention.head_count and vocabulary do not describe a complete \(family) model"
                    } else {
                        why = hints.modelType.map { "general.architecture \"\($0)\": no family preset describes it" } ?? "no general.architecture"
                    }
                    warnings.append(Diagnostic(.warning, file: checkpoint, "\(why), so the parameters are counted from the file's tensors (basis: checkpoint)"))
                }
            } else {
                entry.countFromCheckpoint = hints ?? CheckpointHints(source: checkpoint)
            }
        } catch {
            throw Diagnostics([error])
        }
        return ConfigList(title: name, description: nil, file: file, models: [entry])
    }

    /// The hints of a config.json whose `model_type` is missing or no preset's; nil for a known family.
    static func unknownFamily(_ path: String) throws(Diagnostics) -> CheckpointHints? {
        let config: HFConfig
        do {
            config = try HFConfig.read(path)
            if let type = try config.string("model_type"), Preset.isKnown(type), type != Preset.generic { return nil }
        } catch {
            throw Diagnostics([error])
        }
        return CheckpointHints(config: config)
    }

    static func unknownFamilyWarning(_ hints: CheckpointHints, file: String) -> Diagnostic {
        let what = hints.modelType.map { "unknown model type \"\($0)\"" } ?? "no `model_type`"
        return Diagnostic(.warning, file: file, "$.model_type: \(what): no family preset describes it, so the parameters are counted from the checkpoint's tensors (basis: checkpoint)")
    }

    /// A model's name from its path: the directory of a `config.json` or `model.safetensors[.index.json]`,
    /// else the file's own stem.
    static func modelName(_ path: String) -> String {
        let file = (path as NSString).lastPathComponent
        if ["config.json", "model.safetensors", "model.safetensors.index.json"].contains(file) {
            let directory = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
            return directory.isEmpty || directory == "." ? "model" : directory
        }
        var stem = file
        for suffix in [".safetensors.index.json", ".index.json", ".safetensors", ".gguf", ".json"] where stem.hasSuffix(suffix) {
            stem = String(stem.dropLast(suffix.count))
            break
        }
        return stem.isEmpty ? "model" : stem
    }

    /// A config.json given on its own becomes a list of one model, named after its directory.
    func loadHFConfig(_ path: String) throws(Diagnostics) -> ConfigList {
        let directory = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
        let name = path.hasSuffix("/config.json") || path == "config.json"
            ? (directory.isEmpty ? "model" : directory)
            : ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        do {
            let spec = try HFConfigImporter.spec(fromFile: path, name: name)
            let entry = ModelEntry(spec: spec, source: path, location: SourceLocation(file: path, line: 1, column: 1))
            return ConfigList(title: name, description: nil, file: path, models: [entry])
        } catch {
            throw Diagnostics([error])
        }
    }

    func loadList(_ path: String, imports: HFConfigCache = HFConfigCache(), warnings: inout [Diagnostic]) throws(Diagnostics) -> ConfigList {
        let bytes: [UInt8]
        do {
            bytes = try InputFiles.read(path)
        } catch {
            throw Diagnostics([error])
        }
        return try parseList(bytes, file: path, imports: imports, warnings: &warnings)
    }

    /// A config list from its bytes; `file` names it in diagnostics and resolves relative paths.
    public func parseList(_ bytes: [UInt8], file path: String) throws(Diagnostics) -> ConfigList {
        var warnings: [Diagnostic] = []
        return try parseList(bytes, file: path, warnings: &warnings)
    }

    /// Like `parseList(_:file:)`, appending the list's warnings to `warnings`.
    func parseList(_ bytes: [UInt8], file path: String, imports: HFConfigCache = HFConfigCache(),
                   warnings: inout [Diagnostic]) throws(Diagnostics) -> ConfigList {
        let root: YAMLNode
        do {
            root = try YAMLReader(bytes: bytes, file: path).read()
        } catch {
            throw Diagnostics([error])
        }
        var reader = FieldReader()
        guard let pairs = root.mapping else {
            throw Diagnostics([Diagnostic(at: root.location, "a config list must be a mapping with `title:` and `models:`, found \(root.kindName)")])
        }
        var title: String?
        var description: String?
        var defaults: [(key: YAMLNode, value: YAMLNode)] = []
        var modelNodes: [YAMLNode]?
        for (key, value) in pairs {
            switch key.scalar ?? "" {
            case "title": title = reader.string(value, field: "title")
            case "description": description = reader.string(value, field: "description")
            case "defaults":
                if let mapping = value.mapping { defaults = mapping } else {
                    reader.fail(value, "`defaults` must be a mapping of model fields, found \(value.kindName)")
                }
            case "models":
                if let items = value.sequence { modelNodes = items } else {
                    reader.fail(value, "`models` must be a sequence of models (`- name: ...`), found \(value.kindName)")
                }
            default:
                reader.fail(key, "unknown field `\(key.scalar ?? "")` at the top of a config list (expected title, description, defaults, models)\(Suggestion.didYouMean(key.scalar ?? "", in: Self.listFields))")
            }
        }
        if modelNodes == nil && !pairs.contains(where: { $0.key.scalar == "models" }) {
            reader.fail(root, "a config list needs `models:`, a sequence of models")
        }
        for (key, _) in defaults where key.scalar == "name" {
            reader.fail(key, "`name` cannot be a default: every model needs its own")
        }
        var models: [ModelEntry] = []
        var seenNames: [String: SourceLocation] = [:]
        models.reserveCapacity(modelNodes?.count ?? 0)
        seenNames.reserveCapacity(modelNodes?.count ?? 0)
        let entryReader = ModelEntryReader(file: path, defaults: defaults, imports: imports)
        for node in modelNodes ?? [] {
            guard let entry = entryReader.read(node, reader: &reader) else { continue }
            if let first = seenNames[entry.spec.name] {
                reader.fail(node, "duplicate model name \"\(entry.spec.name)\" (first at line \(first.line)); names must be unique within a list")
                continue
            }
            seenNames[entry.spec.name] = entry.location
            models.append(consume entry)
        }
        if !reader.problems.isEmpty { throw Diagnostics(reader.problems) }
        warnings += reader.warnings
        let fallbackTitle = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return ConfigList(title: title ?? fallbackTitle, description: description, file: path, models: models)
    }
}

/// Each file's list and problems, handed over by the loading threads.
private final class LoadedFiles: @unchecked Sendable {
    private var results: [(list: ConfigList?, diagnostics: [Diagnostic])]
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: (nil, []), count: count) }

    func set(_ index: Int, _ list: ConfigList?, _ diagnostics: [Diagnostic]) {
        lock.withLock { results[index] = (list, diagnostics) }
    }

    /// The lists in file order; `first` problems, then each file's.
    func collect(_ first: [Diagnostic]) -> (lists: [ConfigList], diagnostics: [Diagnostic]) {
        lock.withLock { (results.compactMap(\.list), first + results.flatMap(\.diagnostics)) }
    }
}
