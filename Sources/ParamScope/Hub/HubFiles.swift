import Foundation

/// What a place knows of one file of a repo at one commit.
enum HubFileAnswer: Sendable {
    /// The bytes asked for (fewer at the end of the file), and the whole file's size.
    case bytes([UInt8], size: Int)
    /// The file does not exist at this commit.
    case absent
    /// This place does not know (a cache that never saw the file).
    case unknown
}

/// Where a repo's files are read from: the Hugging Face cache, ParamScope's cache, the network.
protocol HubFiles: Sendable {
    /// `range` of `name`, or the whole file (at most `HubFileLimits.whole` bytes) when nil.
    func read(_ name: String, range: Range<Int>?) async throws(HubError) -> HubFileAnswer
}

enum HubFileLimits {
    /// config.json and the safetensors index: an index of 100,000 tensors is a few MB.
    static let whole = 64 << 20
    /// A header held in the cache: the readers' cap and the last range that reached past it.
    static let head = HeaderFile.headerCap + (2 << 20)
}

/// A snapshot of the Hugging Face cache (`huggingface_hub` writes it): `snapshots/COMMIT/FILE`
/// (symlinks into `blobs/`), and `.no_exist/COMMIT/FILE` for files it found missing.
struct HuggingFaceSnapshot: HubFiles {
    let repoFolder: String
    let commit: String

    init(root: String, id: HubID, commit: String) {
        repoFolder = "\(root)/models--\(id.organization)--\(id.name)"
        self.commit = commit
    }

    /// The commit `revision` points at in the cache (`refs/REVISION`), if recorded.
    static func commit(root: String, id: HubID) -> String? {
        let path = "\(root)/models--\(id.organization)--\(id.name)/refs/\(id.revision)"
        guard let data = try? InputFiles.read(path, limit: 256, what: "refs") else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return HubID.isCommit(text) ? text : nil
    }

    func read(_ name: String, range: Range<Int>?) async throws(HubError) -> HubFileAnswer {
        let path = "\(repoFolder)/snapshots/\(commit)/\(name)"
        if let answer = LocalFile.read(path, range: range) { return answer }
        return FileManager.default.fileExists(atPath: "\(repoFolder)/.no_exist/\(commit)/\(name)") ? .absent : .unknown
    }
}

/// Bytes of a cached file, through `RegularFile` (a FIFO or a device planted in a cache is never
/// read), bounded like a network read; nil when the file is missing or not a regular file.
enum LocalFile {
    static func read(_ path: String, range: Range<Int>?) -> HubFileAnswer? {
        guard let file = try? RegularFile(path) else { return nil }
        guard range != nil || file.size <= HubFileLimits.whole else { return nil }
        let wanted = range ?? 0..<file.size
        let begin = min(wanted.lowerBound, file.size), end = min(wanted.upperBound, file.size)
        guard let bytes = try? file.read(at: begin, upTo: end - begin), bytes.count == end - begin else { return nil }
        return .bytes(bytes, size: file.size)
    }
}

/// ParamScope's own cache of what it fetched (configs and headers, never weights), one folder
/// per repo and commit — a commit never changes, so an entry never goes stale:
///
///     hub/models--ORG--NAME/refs/REVISION         the commit a branch or tag was last read at
///     hub/models--ORG--NAME/COMMIT/files/NAME     a whole file (config.json, the index)
///     hub/models--ORG--NAME/COMMIT/heads/NAME     a file's first bytes (a header), and
///     hub/models--ORG--NAME/COMMIT/heads/NAME.size  the file's whole size
///     hub/models--ORG--NAME/COMMIT/absent/NAME    the file does not exist at this commit
///
/// Names are percent-encoded into one path component (`/` too), and every other part comes from
/// a validated `HubID` or a 40-digit commit: no input can lead a path out of the cache.
struct ParamScopeCache: HubFiles {
    let repoFolder: String
    let folder: String

    init(root: String, id: HubID, commit: String) {
        precondition(HubID.isCommit(commit), "cache folders are named by commits only")
        repoFolder = "\(root)/hub/models--\(id.organization)--\(id.name)"
        folder = "\(repoFolder)/\(commit)"
    }

    static func refPath(root: String, id: HubID) -> String {
        "\(root)/hub/models--\(id.organization)--\(id.name)/refs/\(encode(id.revision))"
    }

    static func commit(root: String, id: HubID) -> String? {
        guard let data = try? InputFiles.read(refPath(root: root, id: id), limit: 256, what: "refs") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        return HubID.isCommit(text) ? text : nil
    }

    static func record(root: String, id: HubID, commit: String) throws(HubError) {
        try write(Array(commit.utf8), to: refPath(root: root, id: id))
    }

    /// One path component for a file name: bytes outside `[A-Za-z0-9._-]` as `%XX`; `.` and `..`
    /// cannot come out (a leading `.` is encoded too).
    static func encode(_ name: String) -> String {
        var out = ""
        for (offset, byte) in name.utf8.enumerated() {
            let plain = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || (byte == 0x2E && offset > 0)
            out += plain ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }
        return out
    }

    func read(_ name: String, range: Range<Int>?) async throws(HubError) -> HubFileAnswer {
        let key = Self.encode(name)
        let manager = FileManager.default
        if manager.fileExists(atPath: "\(folder)/absent/\(key)") { return .absent }
        if let whole = LocalFile.read("\(folder)/files/\(key)", range: range) { return whole }
        guard let range, let sizeData = manager.contents(atPath: "\(folder)/heads/\(key).size"),
              let size = Int(String(decoding: sizeData, as: UTF8.self)),
              case .bytes(let head, _)? = LocalFile.read("\(folder)/heads/\(key)", range: 0..<HubFileLimits.head) else { return .unknown }
        let end = min(range.upperBound, size)
        guard end <= head.count else { return .unknown }
        let begin = min(range.lowerBound, end)
        return .bytes(Array(head[begin..<end]), size: size)
    }

    /// Records a network answer: whole files as they are, a range only when it extends the head
    /// held from byte 0 (the only ranges the readers ask for).
    func store(_ name: String, range: Range<Int>?, _ answer: HubFileAnswer) throws(HubError) {
        let key = Self.encode(name)
        switch answer {
        case .unknown: return
        case .absent: try Self.write([], to: "\(folder)/absent/\(key)")
        case .bytes(let bytes, let size):
            guard let range, range.lowerBound > 0 || bytes.count < size else {
                try Self.write(bytes, to: "\(folder)/files/\(key)")
                return
            }
            var head: [UInt8] = []
            if range.lowerBound > 0 {
                guard case .bytes(let held, _)? = LocalFile.read("\(folder)/heads/\(key)", range: 0..<HubFileLimits.head),
                      held.count == range.lowerBound else { return }
                head = held
            }
            head += bytes
            try Self.write(Array("\(size)".utf8), to: "\(folder)/heads/\(key).size")
            try Self.write(head, to: "\(folder)/heads/\(key)")
        }
    }

    /// Written beside and renamed into place: a reader never sees half a file, and two runs
    /// writing the same entry write the same bytes. Not synced to disk: it is a cache (a power
    /// cut can at worst leave an entry that fails to parse), and `Data.write` synced every file:
    /// 600 `fsync`s for 100 cold models, a third of the run's system time.
    static func write(_ bytes: [UInt8], to path: String) throws(HubError) {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = "\(folder)/.\(UUID().uuidString).tmp"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cacheWrite(path: folder)
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw .cacheWrite(path: folder) }
        var failed = bytes.withUnsafeBufferPointer { writeAll($0, to: descriptor) } != nil
        if close(descriptor) != 0 { failed = true }
        if failed || rename(temporary, path) != 0 {
            unlink(temporary)
            throw .cacheWrite(path: folder)
        }
    }
}
