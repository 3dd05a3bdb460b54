import Foundation
import Testing
@testable import ParamScope
@testable import ParamScopeCore

/// `inspect` against files written by the formats' reference writers (make_fixtures.py).
@Suite struct CheckpointReaderTests {
    static let folder = "\(TestSupport.fixtures)/checkpoints"

    struct Expected: Sendable, CustomStringConvertible {
        var path: String
        var format: String
        var files: Int
        /// dtype → (tensors, parameters, bytes)
        var dtypes: [String: [Int]]
        var description: String { path }
    }

    /// Tiny Llama: 2 layers, h 64, 4 heads / 2 KV heads of 16, ffn 128, V 256, untied:
    /// 256·64 embedding + 2·(64·64 + 2·32·64 + 64·64 + 3·128·64 + 2·64) + 64 + 256·64 head
    /// = 16,384 + 73,984 + 64 + 16,384 = 106,816 parameters in 21 tensors.
    static let cases: [Expected] = [
        Expected(path: "tiny-llama/model.safetensors", format: "safetensors", files: 1,
                 dtypes: ["BF16": [21, 106_816, 213_632]]),
        // Shards in F16 (16 matrices) and F32 (5 norms: 2 per layer + final = 5 · 64 = 320).
        Expected(path: "tiny-llama-sharded/model.safetensors.index.json", format: "safetensors index", files: 2,
                 dtypes: ["F16": [16, 106_496, 212_992], "F32": [5, 320, 1_280]]),
        // Q8_0 256×64 = 16,384/32·34; Q4_0 64×128 = 8,192/32·18; Q4_K 2×256 = 2·144; F16 64×64; F32 64.
        Expected(path: "tiny.gguf", format: "gguf v3", files: 1,
                 dtypes: ["Q8_0": [1, 16_384, 17_408], "Q4_0": [1, 8_192, 4_608], "Q4_K": [1, 512, 288],
                          "F16": [1, 4_096, 8_192], "F32": [1, 64, 256]]),
        Expected(path: "tiny-v2.gguf", format: "gguf v2", files: 1,
                 dtypes: ["Q8_0": [1, 16_384, 17_408], "Q4_0": [1, 8_192, 4_608], "Q4_K": [1, 512, 288],
                          "F16": [1, 4_096, 8_192], "F32": [1, 64, 256]]),
        // A model directory: its model.safetensors.
        Expected(path: "tiny-llama", format: "safetensors", files: 1, dtypes: ["BF16": [21, 106_816, 213_632]]),
    ]

    @Test(arguments: cases)
    func readsReferenceFiles(_ expected: Expected) throws {
        let summary = try CheckpointReader.summary("\(Self.folder)/\(expected.path)")
        #expect(summary.format == expected.format)
        #expect(summary.files == expected.files)
        var found: [String: [Int]] = [:]
        for dtype in summary.dtypes { found[dtype.name] = [dtype.tensors, dtype.parameters, dtype.bytes] }
        #expect(found == expected.dtypes)
        #expect(summary.tensors == expected.dtypes.values.reduce(0) { $0 + $1[0] })
        #expect(try summary.inventory.total() == summary.parameters)
    }

    @Test func ggufShapesArePyTorchOrderAndFileTypeIsRead() throws {
        let summary = try CheckpointReader.summary("\(Self.folder)/tiny.gguf")
        let down = try #require(summary.inventory.tensors.first { $0.name == "blk.0.ffn_down.weight" })
        // gguf lists ne = [128, 64] (row first); PyTorch order is [64, 128].
        #expect(down.shape == [64, 128])
        #expect(down.role == .ffnDown)
        #expect(summary.fileType == 7)  // LLAMA_FTYPE_MOSTLY_Q8_0, as make_fixtures.py wrote
    }

    @Test func inspectJSONHasTheContractKeys() throws {
        let summary = try CheckpointReader.summary("\(Self.folder)/tiny-llama/model.safetensors")
        let json = InspectFormat.json.render(summary)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["tensors"] as? Int == 21)
        #expect(object["parameters"] as? Int == 106_816)
        #expect(object["bytes"] as? Int == 213_632)
        let dtypes = try #require(object["dtypes"] as? [String: [String: Int]])
        #expect(dtypes == ["BF16": ["tensors": 21, "parameters": 106_816, "bytes": 213_632]])
    }

    /// A 20 GB checkpoint (a sparse file: no disk used) reads in header time: only the header
    /// bytes are touched.
    @Test func hugeFileReadsOnlyItsHeader() throws {
        let elements = 10_000_000_000
        let header = "{\"w\":{\"dtype\":\"BF16\",\"shape\":[100000,100000],\"data_offsets\":[0,\(elements * 2)]}}"
        let path = try CheckpointBytes.write(CheckpointBytes.safetensors(header, data: 0), as: "huge.safetensors")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(8 + header.utf8.count + elements * 2))
        try handle.close()
        let start = Date()
        let summary = try CheckpointReader.summary(path)
        #expect(summary.bytes == 20_000_000_000)
        #expect(Date().timeIntervalSince(start) < 5)
    }
}
