import Foundation

/// Turns the paths a user typed into the files to read, in a stable order.
enum InputFiles {
    /// A model directory's config.json comes with the checkpoint found beside it, if any.
    /// A checkpoint file, or a directory holding one and no config.json, is a model by itself.
    enum Kind { case configList, hfConfig, modelDirectory(checkpoint: String?), checkpoint(String) }

    /// A file a checkpoint reader opens (by its name).
    static func isCheckpoint(_ path: String) -> Bool {
        path.hasSuffix(".safetensors") || path.hasSuffix(".gguf") || path.hasSuffix(".safetensors.index.json")
    }

    /// `*.yaml`/`*.yml` directly in a directory (sorted; subfolders are not read, so `configs/hf/`
    /// can hold imported config.json files); a directory with a `config.json` is a model directory,
    /// and its `model.safetensors.index.json`, `model.safetensors` or `*.gguf` its checkpoint.
    static func expand(_ paths: [String]) -> (files: [(path: String, kind: Kind)], problems: [Diagnostic]) {
        var files: [(String, Kind)] = []
        var problems: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Diagnostic(file: path, "no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append((path, isCheckpoint(path) ? .checkpoint(path) : path.hasSuffix(".json") ? .hfConfig : .configList))
                continue
            }
            let modelConfig = (path as NSString).appendingPathComponent("config.json")
            if manager.fileExists(atPath: modelConfig) {
                files.append((modelConfig, .modelDirectory(checkpoint: CheckpointReader.checkpoint(inDirectory: path))))
                continue
            }
            guard let names = try? manager.contentsOfDirectory(atPath: path) else {
                problems.append(Diagnostic(file: path, "cannot read this directory"))
                continue
            }
            let lists = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            if lists.isEmpty, let checkpoint = CheckpointReader.checkpoint(inDirectory: path) {
                files.append((checkpoint, .checkpoint(checkpoint)))
                continue
            }
            if lists.isEmpty {
                problems.append(Diagnostic(file: path, "no *.yaml or *.yml config lists, no config.json and no checkpoint (model.safetensors, model.safetensors.index.json, *.gguf) in this directory"))
            }
            for name in lists {
                files.append(((path as NSString).appendingPathComponent(name), .configList))
            }
        }
        return (files, problems)
    }

    /// The file's bytes, refusing what no config can be: unreadable files, directories, huge files.
    static func read(_ path: String, limit: Int = 64 << 20) throws(Diagnostic) -> [UInt8] {
        // A directory opens for reading on Linux and "seeks" to Int.max: refuse it by name first.
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Diagnostic(file: path, "is a directory, not a file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Diagnostic(file: path, "cannot read this file (missing or no permission)")
        }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else {
            throw Diagnostic(file: path, "cannot read this file")
        }
        guard size <= UInt64(limit) else {
            throw Diagnostic(file: path, "the file is \(size) bytes; config files above \(limit >> 20) MiB are refused")
        }
        do {
            try handle.seek(toOffset: 0)
            let data = try handle.readToEnd() ?? Data()
            return [UInt8](data)
        } catch {
            throw Diagnostic(file: path, "cannot read this file: it is a directory or unreadable")
        }
    }
}
