import ParamScopeCore

/// A Hub model as read: the commit, its config.json, and its checkpoint's summary from headers.
public struct HubModel: Sendable {
    public var id: HubID
    /// The commit every file was read at: reports name it, so a run can be pinned to it.
    public var commit: String
    /// The bytes of config.json; nil when the repo has none (a GGUF-only repo).
    public var config: [UInt8]?
    /// From the safetensors headers (the index's shards, or `model.safetensors`) or the GGUF file
    /// the id names; nil when the repo holds no safetensors checkpoint.
    public var checkpoint: CheckpointSummary?

    /// `hf:ORG/NAME@COMMIT`: the id pinned to what was read.
    public var pinnedLabel: String {
        var pinned = id
        pinned.revision = commit
        return pinned.label
    }
}

/// Reads one model's files through any `HubFiles` (caches, network): config.json, then the
/// safetensors index and each shard's header, or the GGUF file's header, never the weights.
struct HubModelReader {
    let id: HubID
    let commit: String
    let files: any HubFiles

    /// The first range of a safetensors file: its 8-byte length and, nearly always, all of its
    /// header (huggingface_hub's `get_safetensors_metadata` asks the same).
    static let firstRange = 0..<100_001
    /// The first range of a GGUF file; it doubles until the header and tensor infos are read.
    static let ggufFirstRange = 0..<(1 << 20)
    /// Shards read at once within one model.
    static let shardConcurrency = 8

    static let index = "model.safetensors.index.json", single = "model.safetensors", config = "config.json"

    /// Where a file of this model is, in reports and diagnostics: `hf:ORG/NAME@COMMIT/FILE`.
    func label(_ name: String) -> String {
        var pinned = id
        pinned.revision = commit
        pinned.file = nil
        return "\(pinned.label)/\(name)"
    }

    /// - Throws: a `HubError` (what the Hub answered) or a `Diagnostic` (a header that lies).
    func read() async throws -> HubModel {
        // The config first: its quantization_config and layer count say how the tensors count.
        var configBytes: [UInt8]?
        if case .bytes(let bytes, _) = try await files.read(Self.config, range: nil) { configBytes = bytes }
        let context = try configBytes.map { bytes throws(Diagnostic) in
            try CheckpointContext(config: HFConfig.parse(bytes, file: label(Self.config)))
        } ?? CheckpointContext()
        return HubModel(id: id, commit: commit, config: configBytes, checkpoint: try await checkpoint(context: context))
    }

    private func checkpoint(context: CheckpointContext) async throws -> CheckpointSummary? {
        if let gguf = id.file {
            guard let file = try await ggufHeader(gguf, context: context) else { throw HubError.fileNotFound(gguf, commit: commit) }
            return file
        }
        switch try await files.read(Self.index, range: nil) {
        case .bytes(let bytes, _):
            let path = label(Self.index)
            let index = try SafetensorsIndexReader.parse(bytes, path: path)
            let heads = try await shardHeads(index.shards)
            return try SafetensorsIndexReader.summary(path: path, index: index, context: context) { shard throws(Diagnostic) in
                guard let head = heads[shard] else { throw Diagnostic(file: label(shard), "the index names this shard, but the repo has no such file") }
                return HeaderFile(prefix: head.prefix, size: head.size, path: label(shard))
            }
        case .absent, .unknown:
            guard let head = try await safetensorsHeader(Self.single) else { return nil }
            return try CheckpointReader.safetensors(HeaderFile(prefix: head.prefix, size: head.size, path: label(Self.single)), context: context)
        }
    }

    /// Every shard's header, read `shardConcurrency` at a time.
    private func shardHeads(_ shards: [String]) async throws -> [String: (prefix: [UInt8], size: Int)] {
        try await withThrowingTaskGroup(of: (String, (prefix: [UInt8], size: Int)?).self) { group in
            var heads: [String: (prefix: [UInt8], size: Int)] = [:]
            var next = 0
            func add() {
                guard next < shards.count else { return }
                let shard = shards[next]
                next += 1
                group.addTask { (shard, try await safetensorsHeader(shard)) }
            }
            for _ in 0..<Self.shardConcurrency { add() }
            while let (shard, head) = try await group.next() {
                if let head { heads[shard] = head }
                add()
            }
            return heads
        }
    }

    /// The 8-byte length and JSON header of a safetensors file: one range that usually covers
    /// it, a second for the rest. A length past the cap or the file's end is not fetched: the
    /// reader refuses it from the bytes held, exactly as it refuses a local file.
    func safetensorsHeader(_ name: String) async throws -> (prefix: [UInt8], size: Int)? {
        guard case .bytes(var prefix, let size) = try await files.read(name, range: Self.firstRange) else { return nil }
        if prefix.count >= 8 {
            let length = prefix.littleEndian(at: 0, width: 8)
            if length <= UInt64(HeaderFile.headerCap), Int(length) <= size - 8, 8 + Int(length) > prefix.count {
                let rest = prefix.count..<(8 + Int(length))
                guard case .bytes(let more, _) = try await files.read(name, range: rest), more.count == rest.count else {
                    throw HubError.protocolError("\(name): the second range of the header came back short")
                }
                prefix += more
            }
        }
        return (prefix, size)
    }

    /// A GGUF header: ranges that grow (each at least doubling what is held) until the key/values
    /// and tensor infos are read, up to the reader's cap.
    func ggufHeader(_ name: String, context: CheckpointContext) async throws -> CheckpointSummary? {
        guard case .bytes(var prefix, let size) = try await files.read(name, range: Self.ggufFirstRange) else { return nil }
        while true {
            let file = HeaderFile(prefix: prefix, size: size, path: label(name))
            do {
                return try GGUFReader.read(file).summary(context: context)
            } catch {
                guard let wanted = file.wanted, prefix.count < size, prefix.count < HeaderFile.headerCap else { throw error }
                let end = min(size, max(wanted, prefix.count * 2), HeaderFile.headerCap + (1 << 20))
                let more = prefix.count..<end
                guard case .bytes(let bytes, _) = try await files.read(name, range: more), bytes.count == more.count else {
                    throw HubError.protocolError("\(name): a range of the header came back short")
                }
                prefix += bytes
            }
        }
    }
}
