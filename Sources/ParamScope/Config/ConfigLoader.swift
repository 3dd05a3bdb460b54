import Foundation
import ParamScopeCore

/// Reads config lists (YAML) and Hugging Face config.json files into `ConfigList`s.
///
/// Every problem in every file is collected; the caller fails once, after listing them all.
public struct ConfigLoader: Sendable {
    /// Fields of a model entry that are not architecture: what the report says about it.
    static let entryFields = ["name", "architecture", "published", "source", "notes", "hf_config", "checkpoint",
                              "context", "batch", "hf"]
    static let listFields = ["title", "description", "defaults", "models"]

    /// Reads `hf:` ids; a bad environment (`HF_ENDPOINT`) is reported only if an id is used.
    public var hub: Result<Hub, Diagnostic>

    public init(hub: Result<Hub, Diagnostic>? = nil) {
        self.hub = hub ?? Result { () throws(Diagnostic) in Hub(environment: try HubEnvironment.current()) }
    }

    /// Loads every input. Problems (errors and warnings) come back beside whatever loaded.
    ///
    /// Files are read and parsed on every core (a nightly run reads dozens of lists); then every
    /// Hub model the inputs name (`hf:` on the command line or in a list) is fetched, all at
    /// once; then the lists are built. Lists and problems come back in the order of the inputs.
    public func load(_ paths: [String]) -> (lists: [ConfigList], diagnostics: [Diagnostic]) {
        load(paths, imports: HFConfigCache())
    }

    /// `load(_:)` with the run's imported config.json files kept in `imports`.
    func load(_ paths: [String], imports: HFConfigCache) -> (lists: [ConfigList], diagnostics: [Diagnostic]) {
        var hubInputs: [(position: Int, id: HubID)] = []
        var problems: [Diagnostic] = []
        for (position, path) in paths.enumerated() where HubID.isHubID(path) {
            switch HubID.parse(path) {
            case .success(let id): hubInputs.append((position, id))
            case .failure(let problem): problems.append(Diagnostic(file: path, problem.message))
            }
        }
        let localPaths = paths.filter { !HubID.isHubID($0) }
        let (files, missing) = InputFiles.expand(localPaths)
        problems += missing
        let trees = ParsedFiles(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            guard case .configList = files[index].kind else { return }
            do throws(Diagnostic) {
                trees.set(index, .success(try YAMLReader(bytes: InputFiles.read(files[index].path), file: files[index].path).read()))
            } catch {
                trees.set(index, .failure(error))
            }
        }
        let roots = trees.all
        let ids = hubInputs.map(\.id) + roots.flatMap { root -> [HubID] in
            guard case .success(let root)? = root else { return [] }
            return Self.hubIDs(in: root)
        }
        if case .failure(let problem) = hub, !ids.isEmpty {
            // A bad HF_ENDPOINT, timeout or concurrency is wrong for every Hub model alike: said
            // once (it was said at each `hf:` line: 100 copies for a list of 100), and nothing built.
            let count = Set(ids).count
            return ([], problems + [Diagnostic(file: problem.file, "\(problem.message) (needed to read \(count) hf: model\(count == 1 ? "" : "s"))")])
        }
        let models = fetch(ids)
        let loaded = LoadedFiles(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let (path, kind) = files[index]
            var warnings: [Diagnostic] = []
            do throws(Diagnostics) {
                switch kind {
                case .configList:
                    switch roots[index] {
                    case .success(let root)?: loaded.set(index, try buildList(root, file: path, imports: imports, hubModels: models, warnings: &warnings), warnings)
                    case .failure(let problem)?: throw Diagnostics([problem])
                    case nil: break
                    }
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
        var (lists, diagnostics) = loaded.collect(problems)
        // Hub inputs take their places among the paths as typed.
        var hubLists: [(Int, ConfigList)] = []
        for (position, id) in hubInputs {
            guard let result = models[id] else { continue }
            do throws(Diagnostic) {
                var warnings: [Diagnostic] = []
                hubLists.append((position, try Self.hubList(id, result.get(), warnings: &warnings)))
                diagnostics += warnings
            } catch {
                diagnostics.append(error)
            }
        }
        if !hubLists.isEmpty {
            // Local lists keep their order; each Hub list goes before the first local list that
            // came after it on the command line.
            let localOrder = lists.map { list in paths.firstIndex { path in list.file == path || list.file.hasPrefix(path) } ?? paths.count }
            var merged: [(Int, ConfigList)] = zip(localOrder, lists).map { ($0, $1) } + hubLists
            merged = merged.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
            lists = merged.map(\.1)
        }
        return (lists, diagnostics)
    }

    /// Every id's model, fetched at once (nothing is asked when no input names one).
    func fetch(_ ids: [HubID]) -> [HubID: Result<HubModel, Diagnostic>] {
        guard !ids.isEmpty else { return [:] }
        switch hub {
        case .success(let hub): return hub.fetch(ids)
        case .failure(let problem): return Dictionary(ids.map { ($0, .failure(problem)) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Every valid id in a list's `hf:` fields (its models' and its defaults'); bad ones are
    /// reported where they are written, when the list is built.
    static func hubIDs(in root: YAMLNode) -> [HubID] {
        guard let pairs = root.mapping else { return [] }
        var nodes: [YAMLNode] = []
        for (key, value) in pairs {
            if key.scalar == "defaults", let defaults = value.mapping {
                nodes += defaults.filter { $0.key.scalar == "hf" }.map(\.value)
            }
            if key.scalar == "models", let models = value.sequence {
                for model in models {
                    nodes += (model.mapping ?? []).filter { $0.key.scalar == "hf" }.map(\.value)
                }
            }
        }
        return nodes.compactMap { node in node.scalar.flatMap { try? HubID.parse($0).get() } }
    }

    /// `hf:ORG/NAME` given as an input: a list of one model named after the repo.
    static func hubList(_ id: HubID, _ model: HubModel, warnings: inout [Diagnostic]) throws(Diagnostic) -> ConfigList {
        let location = SourceLocation(file: id.label, line: 1, column: 1)
        var entry: ModelEntry
        if let hints = hubUnknownFamily(model) {
            warnings.append(unknownFamilyWarning(hints, file: hints.source ?? id.label))
            entry = ModelEntry(spec: CheckpointSpec.placeholder(id.name), location: location)
            entry.countFromCheckpoint = hints
        } else {
            entry = ModelEntry(spec: try hubSpec(model, name: id.name), location: location)
        }
        entry.source = model.pinnedLabel
        entry.checkpointSummary = model.checkpoint
        return ConfigList(title: id.name, description: nil, file: id.label, models: [entry])
    }

    /// The config.json's facts when no family knows its `model_type` and the repo has a
    /// checkpoint to count instead (as for a local model directory); nil otherwise.
    static func hubUnknownFamily(_ model: HubModel) -> CheckpointHints? {
        guard model.checkpoint != nil, let bytes = model.config,
              let config = try? HFConfig.parse(bytes, file: "\(model.pinnedLabel)/config.json") else { return nil }
        if let type = try? config.string("model_type"), Preset.isKnown(type), type != Preset.generic { return nil }
        return CheckpointHints(config: config)
    }

    static func hubSpec(_ model: HubModel, name: String) throws(Diagnostic) -> ModelSpec {
        guard let config = model.config else {
            throw Diagnostic(file: model.id.label, "the repo has no config.json at \(model.commit); `paramscope inspect \(model.id.label)` reads its checkpoint alone")
        }
        var pinned = model.id
        pinned.revision = model.commit
        pinned.file = nil
        return try HFConfigImporter.spec(from: HFConfig.parse(config, file: "\(pinned.label)/config.json"), name: name)
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

    /// A config list from its bytes; `file` names it in diagnostics and resolves relative paths.
    public func parseList(_ bytes: [UInt8], file path: String) throws(Diagnostics) -> ConfigList {
        var warnings: [Diagnostic] = []
        let root: YAMLNode
        do {
            root = try YAMLReader(bytes: bytes, file: path).read()
        } catch {
            throw Diagnostics([error])
        }
        return try buildList(root, file: path, imports: HFConfigCache(), hubModels: fetch(Self.hubIDs(in: root)), warnings: &warnings)
    }

    /// The list in a parsed tree, its `hf:` models taken from `hubModels` (already fetched).
    func buildList(
        _ root: YAMLNode, file path: String, imports: HFConfigCache, hubModels: [HubID: Result<HubModel, Diagnostic>],
        warnings: inout [Diagnostic]
    ) throws(Diagnostics) -> ConfigList {
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
        let entryReader = ModelEntryReader(file: path, defaults: defaults, imports: imports, hubModels: hubModels)
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

/// Each config list's parsed tree, handed over by the parsing threads.
private final class ParsedFiles: @unchecked Sendable {
    private var roots: [Result<YAMLNode, Diagnostic>?]
    private let lock = NSLock()

    init(count: Int) { roots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ root: Result<YAMLNode, Diagnostic>) { lock.withLock { roots[index] = root } }

    var all: [Result<YAMLNode, Diagnostic>?] { lock.withLock { roots } }
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
