import Foundation

/// A sharded safetensors checkpoint of hundreds of gigabytes that takes no disk: each shard is
/// a real header followed by a hole (a sparse file), and `model.safetensors.index.json` names
/// them. `paramscope inspect` reads headers only, so this is what it sees of a 405B model.
enum ShardedCheckpoint {
    /// Llama-3.1-405B's layout in round numbers: 126 layers, hidden 16,384, MLP 53,248, GQA with
    /// 8 KV heads of 128, BF16; one shard per layer, plus one for the embedding and head.
    static let layers = 126
    static let hidden = 16_384
    static let ffn = 53_248
    static let kvWidth = 8 * 128
    static let vocab = 128_256

    /// Writes the index and shards into `directory`.
    ///
    /// - Returns: the index path, the number of shards and their total size in bytes.
    static func write(into directory: String) throws -> (index: String, shards: Int, bytes: Int) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var shards: [[(name: String, shape: [Int])]] = [[
            ("model.embed_tokens.weight", [vocab, hidden]), ("model.norm.weight", [hidden]), ("lm_head.weight", [vocab, hidden]),
        ]]
        for layer in 0..<layers {
            let prefix = "model.layers.\(layer)"
            shards.append([
                ("\(prefix).self_attn.q_proj.weight", [hidden, hidden]),
                ("\(prefix).self_attn.k_proj.weight", [kvWidth, hidden]),
                ("\(prefix).self_attn.v_proj.weight", [kvWidth, hidden]),
                ("\(prefix).self_attn.o_proj.weight", [hidden, hidden]),
                ("\(prefix).mlp.gate_proj.weight", [ffn, hidden]),
                ("\(prefix).mlp.up_proj.weight", [ffn, hidden]),
                ("\(prefix).mlp.down_proj.weight", [hidden, ffn]),
                ("\(prefix).input_layernorm.weight", [hidden]),
                ("\(prefix).post_attention_layernorm.weight", [hidden]),
            ])
        }
        var weightMap: [String: String] = [:]
        var total = 0
        for (index, tensors) in shards.enumerated() {
            let file = String(format: "model-%05d-of-%05d.safetensors", index + 1, shards.count)
            total += try writeShard("\(directory)/\(file)", tensors)
            for tensor in tensors { weightMap[tensor.name] = file }
        }
        let index: [String: Any] = ["metadata": ["total_size": total], "weight_map": weightMap]
        let path = "\(directory)/model.safetensors.index.json"
        try JSONSerialization.data(withJSONObject: index, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
        return (path, shards.count, total)
    }

    /// One shard: 8-byte little-endian header length, the JSON header, then the BF16 data as a
    /// hole. Returns the data bytes.
    private static func writeShard(_ path: String, _ tensors: [(name: String, shape: [Int])]) throws -> Int {
        var offset = 0
        var entries: [String] = []
        for tensor in tensors {
            let bytes = tensor.shape.reduce(2, *)
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\"\(tensor.name)\":{\"dtype\":\"BF16\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        let header = Array("{\(entries.joined(separator: ","))}".utf8)
        var file = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) }
        file += header
        FileManager.default.createFile(atPath: path, contents: Data(file))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(file.count + offset))
        try handle.close()
        return offset
    }
}
