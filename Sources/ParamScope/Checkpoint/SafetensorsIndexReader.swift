import Foundation
import ParamScopeCore

/// Reads a sharded checkpoint through `model.safetensors.index.json`: every shard its
/// `weight_map` names is opened for its header only.
enum SafetensorsIndexReader {
    /// What an index says: which shard holds each tensor, and the count it declares.
    struct Index {
        /// Tensor name → shard file name (beside the index), in file order: the same index gives
        /// the same first problem every run.
        var shardOf: [(name: String, shard: String)]
        /// `metadata.total_parameters` (transformers writes it since mid-2025: its
        /// `num_parameters()`, which leaves out packed quantized weights, as they are buffers).
        var totalParameters: Int?

        var shards: [String] { Set(shardOf.map(\.shard)).sorted() }
    }

    /// An index from its bytes (on disk or fetched over HTTP); `path` names it in diagnostics.
    static func parse(_ bytes: [UInt8], path: String) throws(Diagnostic) -> Index {
        let json: JSONReader.Value
        do {
            json = try JSONReader.parse(bytes)
        } catch {
            throw Diagnostic(at: JSONReader.location(of: error.offset, in: bytes, file: path), "the index is not valid JSON: \(error.reason)")
        }
        guard case .object(let members) = json else {
            throw Diagnostic(file: path, "the index is not a valid JSON object")
        }
        guard let weightMap = members.first(where: { $0.key == "weight_map" }), case .object(let entries) = weightMap.value else {
            throw Diagnostic(file: path, "the index has no `weight_map` object")
        }
        var shardOf: [(name: String, shard: String)] = []
        for (name, value, _) in entries {
            guard case .string(let shard) = value, !shard.isEmpty, !shard.hasPrefix("/"), !shard.split(separator: "/").contains("..") else {
                throw Diagnostic(file: path, "weight_map: tensor \"\(name)\" must map to a shard file name beside the index")
            }
            shardOf.append((name, shard))
        }
        var total: Int?
        if let metadata = members.first(where: { $0.key == "metadata" }), case .object(let fields) = metadata.value,
           let value = fields.first(where: { $0.key == "total_parameters" })?.value {
            guard let count = SafetensorsReader.integer(value), count >= 0 else {
                throw Diagnostic(file: path, "metadata.total_parameters must be a non-negative integer, found \(value.brief)")
            }
            total = count
        }
        return Index(shardOf: shardOf, totalParameters: total)
    }

    static func summary(_ path: String, context: CheckpointContext) throws(Diagnostic) -> CheckpointSummary {
        let file = try HeaderFile(path)
        let index = try parse(file.read(at: 0, count: file.size, what: "the index"), path: path)
        let folder = (path as NSString).deletingLastPathComponent
        return try summary(path: path, index: index, context: context) { shard throws(Diagnostic) in
            try HeaderFile(folder.isEmpty ? shard : (folder as NSString).appendingPathComponent(shard))
        }
    }

    /// The summary of every shard `index` names, each opened by `open` (a file beside the index,
    /// or the first bytes of a Hub file).
    static func summary(
        path: String, index: Index, context: CheckpointContext, open: (String) throws(Diagnostic) -> HeaderFile
    ) throws(Diagnostic) -> CheckpointSummary {
        var rows: [CheckpointSummary.StoredTensor] = []
        var seen: [String: String] = [:]
        let payloads = Payloads()
        let shards = index.shards
        for shard in shards {
            let shardFile = try open(shard)
            let header = try SafetensorsReader.header(in: shardFile)
            payloads.add(header, of: shardFile)
            for tensor in header.tensors {
                if let other = seen[tensor.name] {
                    throw Diagnostic(file: path, "tensor \"\(tensor.name)\" is stored in both \(other) and \(shard)")
                }
                seen[tensor.name] = shard
                rows.append(tensor.stored)
            }
        }
        for (name, shard) in index.shardOf where seen[name] != shard {
            throw Diagnostic(file: path, "weight_map puts \"\(name)\" in \(shard), but that shard's header does not hold it")
        }
        return try CheckpointReader.summarize(path: path, format: "safetensors index", files: shards.count, tensors: rows,
                                              context: context, declaredParameters: index.totalParameters,
                                              payload: payloads.read)
    }
}
