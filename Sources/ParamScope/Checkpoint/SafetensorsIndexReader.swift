import Foundation
import ParamScopeCore

/// Reads a sharded checkpoint through `model.safetensors.index.json`: every shard its
/// `weight_map` names is opened for its header only.
enum SafetensorsIndexReader {
    static func summary(_ path: String) throws(Diagnostic) -> CheckpointSummary {
        let file = try HeaderFile(path)
        let bytes = try file.read(at: 0, count: file.size, what: "the index")
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
        // In file order, never a dictionary's: the same index gives the same first problem every run.
        var shardOf: [(name: String, shard: String)] = []
        for (name, value, _) in entries {
            guard case .string(let shard) = value, !shard.isEmpty, !shard.hasPrefix("/"), !shard.split(separator: "/").contains("..") else {
                throw Diagnostic(file: path, "weight_map: tensor \"\(name)\" must map to a shard file name beside the index")
            }
            shardOf.append((name, shard))
        }
        let folder = (path as NSString).deletingLastPathComponent
        var rows: [(String, String, [Int], Int, Int)] = []
        var seen: [String: String] = [:]
        let shards = Set(shardOf.map(\.shard)).sorted()
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
        for (name, shard) in shardOf where seen[name] != shard {
            throw Diagnostic(file: path, "weight_map puts \"\(name)\" in \(shard), but that shard's header does not hold it")
        }
        return try CheckpointReader.summarize(path: path, format: "safetensors index", files: shards.count, tensors: rows)
    }
}
