import Foundation
import ParamScopeCore

/// Reads a sharded checkpoint through `model.safetensors.index.json`: every shard its
/// `weight_map` names is opened for its header only.
enum SafetensorsIndexReader {
    /// What an index says: which shard holds each tensor, and the count it declares.
    struct Index {
        /// Tensor name → shard file name (beside the index).
        var shardOf: [String: String]
        /// `metadata.total_parameters` (transformers writes it since mid-2025: its
        /// `num_parameters()`, which leaves out packed quantized weights, as they are buffers).
        var totalParameters: Int?

        var shards: [String] { Set(shardOf.values).sorted() }
    }

    /// An index from its bytes (on disk or fetched over HTTP); `path` names it in diagnostics.
    static func parse(_ bytes: [UInt8], path: String) throws(Diagnostic) -> Index {
        guard let json = try? JSONSerialization.jsonObject(with: Data(bytes)), let object = json as? [String: Any] else {
            throw Diagnostic(file: path, "the index is not a valid JSON object")
        }
        guard let weightMap = object["weight_map"] as? [String: Any] else {
            throw Diagnostic(file: path, "the index has no `weight_map` object")
        }
        var shardOf: [String: String] = [:]
        for (name, value) in weightMap {
            guard let shard = value as? String, !shard.isEmpty, !shard.hasPrefix("/"), !shard.split(separator: "/").contains("..") else {
                throw Diagnostic(file: path, "weight_map: tensor \"\(name)\" must map to a shard file name beside the index")
            }
            shardOf[name] = shard
        }
        var total: Int?
        if let metadata = object["metadata"] as? [String: Any], let value = metadata["total_parameters"] {
            guard let count = SafetensorsReader.integer(value), count >= 0 else {
                throw Diagnostic(file: path, "metadata.total_parameters must be a non-negative integer, found \(value)")
            }
            total = count
        }
        return Index(shardOf: shardOf, totalParameters: total)
    }

    static func summary(_ path: String, context: CheckpointContext) throws(Diagnostic) -> CheckpointSummary {
        let file = try HeaderFile(path)
        let index = try parse(file.read(at: 0, count: file.size, what: "the index"), path: path)
        let folder = (path as NSString).deletingLastPathComponent
        var rows: [CheckpointSummary.StoredTensor] = []
        var seen: [String: String] = [:]
        let payloads = Payloads()
        let shards = index.shards
        for shard in shards {
            let shardPath = folder.isEmpty ? shard : (folder as NSString).appendingPathComponent(shard)
            let shardFile = try HeaderFile(shardPath)
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
        for (name, shard) in index.shardOf.sorted(by: { $0.key < $1.key }) where seen[name] != shard {
            throw Diagnostic(file: path, "weight_map puts \"\(name)\" in \(shard), but that shard's header does not hold it")
        }
        return try CheckpointReader.summarize(path: path, format: "safetensors index", files: shards.count, tensors: rows,
                                              context: context, declaredParameters: index.totalParameters,
                                              payload: payloads.read)
    }
}
