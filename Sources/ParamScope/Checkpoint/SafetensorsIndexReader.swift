import Foundation
import ParamScopeCore

/// Reads a sharded checkpoint through `model.safetensors.index.json`: every shard its
/// `weight_map` names is opened for its header only.
enum SafetensorsIndexReader {
    static func summary(_ path: String) throws(Diagnostic) -> CheckpointSummary {
        let file = try HeaderFile(path)
        let bytes = try file.read(at: 0, count: file.size, what: "the index")
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
        let folder = (path as NSString).deletingLastPathComponent
        var rows: [(String, String, [Int], Int, Int)] = []
        var seen: [String: String] = [:]
        let shards = Set(shardOf.values).sorted()
        for shard in shards {
            let shardPath = folder.isEmpty ? shard : (folder as NSString).appendingPathComponent(shard)
            for tensor in try SafetensorsReader.tensors(shardPath) {
                if let other = seen[tensor.name] {
                    throw Diagnostic(file: path, "tensor \"\(tensor.name)\" is stored in both \(other) and \(shard)")
                }
                seen[tensor.name] = shard
                rows.append((tensor.name, tensor.dtype, tensor.shape, tensor.elements, tensor.bytes))
            }
        }
        for (name, shard) in shardOf.sorted(by: { $0.key < $1.key }) where seen[name] != shard {
            throw Diagnostic(file: path, "weight_map puts \"\(name)\" in \(shard), but that shard's header does not hold it")
        }
        return try CheckpointReader.summarize(path: path, format: "safetensors index", files: shards.count, tensors: rows)
    }
}
