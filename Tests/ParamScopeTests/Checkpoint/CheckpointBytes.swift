import Foundation

/// Builds checkpoint files byte by byte, for the bad-input tests.
enum CheckpointBytes {
    static func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    static func u64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    static func string(_ text: String) -> [UInt8] { u64(UInt64(text.utf8.count)) + Array(text.utf8) }

    /// A safetensors file: the header's length, the header, then `data` zero bytes.
    static func safetensors(_ header: String, data: Int, claimedLength: UInt64? = nil) -> [UInt8] {
        let bytes = Array(header.utf8)
        return u64(claimedLength ?? UInt64(bytes.count)) + bytes + [UInt8](repeating: 0, count: data)
    }

    struct GGUFTensor {
        var name: String
        var dimensions: [UInt64]
        var type: UInt32
        var offset: UInt64
    }

    /// A GGUF file: magic, version, counts, key/values, tensor infos, padding to 32, then `data` zeros.
    static func gguf(version: UInt32 = 3, tensorCount: UInt64? = nil, keyCount: UInt64? = nil,
                     keys: [[UInt8]] = [], tensors: [GGUFTensor], data: Int) -> [UInt8] {
        var out = Array("GGUF".utf8) + u32(version)
        out += u64(tensorCount ?? UInt64(tensors.count)) + u64(keyCount ?? UInt64(keys.count))
        for key in keys { out += key }
        for tensor in tensors {
            out += string(tensor.name) + u32(UInt32(tensor.dimensions.count))
            for dimension in tensor.dimensions { out += u64(dimension) }
            out += u32(tensor.type) + u64(tensor.offset)
        }
        while out.count % 32 != 0 { out.append(0) }
        return out + [UInt8](repeating: 0, count: data)
    }

    /// Writes `bytes` as `name` in a fresh temporary directory.
    static func write(_ bytes: [UInt8], as name: String) throws -> String {
        let path = (try TestSupport.temporaryDirectory() as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
