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

    /// The file's bytes, refusing what no config can be: anything but a regular file, and files
    /// above `limit` (the limit bounds the read itself, whatever size the file reports).
    ///
    /// - Parameter what: what such files are called in the size error ("config files", "templates").
    static func read(_ path: String, limit: Int = 64 << 20, what: String = "config files") throws(Diagnostic) -> [UInt8] {
        let file = try RegularFile(path)
        guard file.size <= limit else {
            throw Diagnostic(file: path, "the file is \(file.size) bytes; \(what) above \(limit >> 20) MiB are refused")
        }
        let bytes = try file.read(at: 0, upTo: limit + 1)
        // A file that grew after `fstat`: still bounded by the limit, never by the file.
        guard bytes.count <= limit else {
            throw Diagnostic(file: path, "the file is more than \(limit) bytes; \(what) above \(limit >> 20) MiB are refused")
        }
        return bytes
    }
}

/// The one way ParamScope opens an input file (config lists, config.json, checkpoints, templates,
/// diagnostics' source lines): opened without blocking (a FIFO would wait for a writer), checked
/// with `fstat` on the open descriptor before any byte is read, and refused unless it is a
/// regular file — a symbolic link to `/dev/zero`, a FIFO, a socket or a directory never gets read.
/// Reads are `pread(2)`s bounded by the caller's count, never by the size the file reports.
final class RegularFile {
    let path: String
    /// The size `fstat` reported when the file was opened.
    let size: Int
    private let descriptor: Int32

    init(_ path: String) throws(Diagnostic) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            let reason = errno
            switch reason {
            case ENOENT: throw Diagnostic(file: path, "cannot read this file (missing or no permission)")
            case EACCES: throw Diagnostic(file: path, "cannot read this file (missing or no permission)")
            case ENXIO: throw Diagnostic(file: path, "is not a regular file (a socket or a FIFO); only regular files are read")
            default: throw Diagnostic(file: path, "cannot read this file: \(String(cString: strerror(reason)))")
            }
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = errno
            _ = close(descriptor)
            throw Diagnostic(file: path, "cannot read this file: \(String(cString: strerror(reason)))")
        }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG else {
            _ = close(descriptor)
            if type == S_IFDIR { throw Diagnostic(file: path, "is a directory, not a file") }
            throw Diagnostic(file: path, "is not a regular file (\(Self.describe(type))); only regular files are read")
        }
        self.descriptor = descriptor
        size = Int(status.st_size)
    }

    deinit { _ = close(descriptor) }

    /// Up to `count` bytes from `offset` (fewer when the file ends first).
    ///
    /// The buffer starts at the size the file reported (plus a byte, to notice a file that grows
    /// or reports 0 like `/proc`'s) and grows only while bytes keep coming, never past `count`.
    func read(at offset: Int, upTo count: Int) throws(Diagnostic) -> [UInt8] {
        guard count > 0, offset >= 0 else { return [] }
        var capacity = min(count, max(0, size - offset) + 1)
        var bytes = [UInt8](repeating: 0, count: capacity)
        var filled = 0
        while true {
            var failure: Int32 = 0
            bytes.withUnsafeMutableBytes { buffer in
                while filled < capacity {
                    let got = pread(descriptor, buffer.baseAddress! + filled, capacity - filled, off_t(offset + filled))
                    if got < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if got == 0 { return }
                    filled += got
                }
            }
            guard failure == 0 else {
                throw Diagnostic(file: path, "cannot read this file: \(String(cString: strerror(failure)))")
            }
            guard filled == capacity, capacity < count else { break }
            capacity = min(count, capacity * 2)
            bytes += [UInt8](repeating: 0, count: capacity - bytes.count)
        }
        if filled < bytes.count { bytes.removeSubrange(filled...) }
        return bytes
    }

    private static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a plain file"
        }
    }
}
