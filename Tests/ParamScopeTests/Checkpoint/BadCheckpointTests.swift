import Foundation
import Testing
@testable import ParamScope
@testable import ParamScopeCore

/// Bad checkpoints: a clear error naming the file and the problem, never a crash or an
/// allocation of what the header claims.
@Suite struct BadCheckpointTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var file: String
        var bytes: [UInt8]
        var message: String
        var description: String { name }
    }

    typealias B = CheckpointBytes
    static let f32x4 = "\"dtype\":\"F32\",\"shape\":[2,2]"

    static let safetensorsCases: [Case] = [
        Case(name: "truncated length", file: "a.safetensors", bytes: [1, 2, 3], message: "truncated: the header length needs 8 bytes"),
        Case(name: "length past the end", file: "a.safetensors", bytes: B.safetensors("{}", data: 0, claimedLength: 1000),
             message: "the header length (1000 bytes) runs past the end of the file"),
        Case(name: "length above the cap", file: "a.safetensors", bytes: B.safetensors("{}", data: 0, claimedLength: 1 << 40),
             message: "headers above 100000000 bytes are refused"),
        Case(name: "invalid JSON", file: "a.safetensors", bytes: B.safetensors("{not json", data: 0), message: "the header is not valid JSON"),
        Case(name: "not an object", file: "a.safetensors", bytes: B.safetensors("[1,2]", data: 0), message: "must be a JSON object"),
        Case(name: "negative shape", file: "a.safetensors",
             bytes: B.safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1,4],\"data_offsets\":[0,16]}}", data: 16),
             message: "tensor \"w\": shape"),
        Case(name: "overflowing shape", file: "a.safetensors",
             bytes: B.safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,16]}}", data: 16),
             message: "overflows a 64-bit size"),
        Case(name: "size mismatch", file: "a.safetensors",
             bytes: B.safetensors("{\"w\":{\(f32x4),\"data_offsets\":[0,8]}}", data: 16), message: "hold 8 bytes, but F32 [2, 2] needs 16"),
        Case(name: "overlap", file: "a.safetensors",
             bytes: B.safetensors("{\"a\":{\(f32x4),\"data_offsets\":[0,16]},\"b\":{\(f32x4),\"data_offsets\":[8,24]}}", data: 24),
             message: "tensors \"a\" and \"b\" overlap"),
        Case(name: "past the end", file: "a.safetensors",
             bytes: B.safetensors("{\"w\":{\(f32x4),\"data_offsets\":[0,16]}}", data: 8), message: "past the end of the data (8 bytes)"),
        Case(name: "unknown dtype", file: "a.safetensors",
             bytes: B.safetensors("{\"w\":{\"dtype\":\"Q9\",\"shape\":[2],\"data_offsets\":[0,2]}}", data: 2),
             message: "unknown dtype \"Q9\""),
        Case(name: "bad offsets", file: "a.safetensors",
             bytes: B.safetensors("{\"w\":{\(f32x4),\"data_offsets\":[16,0]}}", data: 16), message: "0 ≤ begin ≤ end"),
    ]

    static let q4 = B.GGUFTensor(name: "w", dimensions: [32, 2], type: 2, offset: 0)  // Q4_0: 2 blocks of 18 bytes

    static let ggufCases: [Case] = [
        Case(name: "truncated magic", file: "a.gguf", bytes: Array("GG".utf8), message: "truncated: the magic"),
        Case(name: "bad magic", file: "a.gguf", bytes: Array("GGML".utf8) + B.u32(3) + B.u64(0) + B.u64(0), message: "not a GGUF file"),
        Case(name: "version 1", file: "a.gguf", bytes: B.gguf(version: 1, tensors: [], data: 0), message: "GGUF version 1 is not supported"),
        Case(name: "big-endian", file: "a.gguf", bytes: B.gguf(version: 0x0300_0000, tensors: [], data: 0), message: "unsupported GGUF version"),
        Case(name: "absurd tensor count", file: "a.gguf", bytes: B.gguf(tensorCount: 1 << 60, tensors: [], data: 0),
             message: "claims 1152921504606846976 tensors"),
        Case(name: "absurd key count", file: "a.gguf", bytes: B.gguf(keyCount: 1 << 50, tensors: [], data: 0),
             message: "claims 1125899906842624 key/value pairs"),
        Case(name: "absurd string array", file: "a.gguf",
             bytes: B.gguf(keys: [B.string("tokenizer.ggml.tokens") + B.u32(9) + B.u32(8) + B.u64(1 << 40)], tensors: [], data: 0),
             message: "an array of 1099511627776 strings is more than the file holds"),
        Case(name: "absurd string", file: "a.gguf", bytes: B.gguf(keys: [B.u64(1 << 62)], tensors: [], data: 64),
             message: "claims a 4611686018427387904-byte name"),
        Case(name: "unknown value type", file: "a.gguf", bytes: B.gguf(keys: [B.string("k") + B.u32(99)], tensors: [], data: 0),
             message: "k: unknown GGUF value type 99"),
        Case(name: "unknown ggml type", file: "a.gguf",
             bytes: B.gguf(tensors: [B.GGUFTensor(name: "w", dimensions: [32], type: 31, offset: 0)], data: 64),
             message: "tensor \"w\": unknown ggml type 31"),
        Case(name: "too many dimensions", file: "a.gguf",
             bytes: B.gguf(tensors: [B.GGUFTensor(name: "w", dimensions: Array(repeating: 2, count: 9), type: 0, offset: 0)], data: 0),
             message: "has 9 dimensions"),
        Case(name: "overflowing shape", file: "a.gguf",
             bytes: B.gguf(tensors: [B.GGUFTensor(name: "w", dimensions: [1 << 40, 1 << 40], type: 0, offset: 0)], data: 0),
             message: "overflows a 64-bit size"),
        Case(name: "row not in blocks", file: "a.gguf",
             bytes: B.gguf(tensors: [B.GGUFTensor(name: "w", dimensions: [33, 2], type: 2, offset: 0)], data: 64),
             message: "a row of 33 does not split into Q4_0 blocks of 32"),
        Case(name: "data past the end", file: "a.gguf", bytes: B.gguf(tensors: [q4], data: 20),
             message: "runs past the end of the file's data (20 bytes)"),
        Case(name: "overlapping data", file: "a.gguf",
             bytes: B.gguf(tensors: [q4, B.GGUFTensor(name: "v", dimensions: [32], type: 2, offset: 32)], data: 64),
             message: "tensors \"w\" and \"v\" overlap"),
        Case(name: "misaligned offset", file: "a.gguf",
             bytes: B.gguf(tensors: [B.GGUFTensor(name: "w", dimensions: [32], type: 2, offset: 5)], data: 64),
             message: "offset 5 is not a multiple of the alignment 32"),
    ]

    @Test(arguments: safetensorsCases + ggufCases)
    func refused(_ c: Case) throws {
        let path = try CheckpointBytes.write(c.bytes, as: c.file)
        do {
            let summary = try CheckpointReader.summary(path)
            Issue.record("read \(summary.tensors) tensors from a bad file")
        } catch {
            #expect(error.file == path)
            #expect(error.description.contains(c.message), "\(error.description)")
        }
    }

    /// The reference writer's GGUF cut short: every prefix is refused, none crashes.
    @Test func everyTruncationOfTheFixtureIsRefused() throws {
        let whole = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(TestSupport.fixtures)/checkpoints/tiny.gguf")))
        for length in stride(from: 0, to: whole.count, by: 97) {
            let path = try CheckpointBytes.write(Array(whole.prefix(length)), as: "cut.gguf")
            #expect(throws: Diagnostic.self, "\(length) bytes") { try CheckpointReader.summary(path) }
        }
    }

    @Test func indexProblems() throws {
        let folder = try TestSupport.temporaryDirectory()
        let shard = CheckpointBytes.safetensors("{\"a\":{\(Self.f32x4),\"data_offsets\":[0,16]}}", data: 16)
        try Data(shard).write(to: URL(fileURLWithPath: "\(folder)/s1.safetensors"))
        let cases: [(String, String)] = [
            ("{\"weight_map\": {\"a\": \"missing.safetensors\"}}", "missing.safetensors: error: no such file"),
            ("{\"weight_map\": {\"b\": \"s1.safetensors\"}}", "weight_map puts \"b\" in s1.safetensors, but that shard's header does not hold it"),
            ("{\"weight_map\": {\"a\": \"../s1.safetensors\"}}", "must map to a shard file name beside the index"),
            ("{\"metadata\": {}}", "the index has no `weight_map` object"),
            ("{nope", "model.safetensors.index.json:1:2: error: the index is not valid JSON: expected a key in double quotes, found `n`"),
            ("[1]", "the index is not a valid JSON object"),
        ]
        for (text, message) in cases {
            let path = "\(folder)/model.safetensors.index.json"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try CheckpointReader.summary(path)
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.description.contains(message), "\(error.description)")
            }
        }
    }
}

/// Deterministic byte mutations of the reference fixtures: each is read or refused, never a crash.
@Suite struct MutatedCheckpointTests {
    /// A small linear congruential generator (Knuth's MMIX constants), so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
    }

    /// The quantized fixtures too: their packed layouts, quant states and weight shapes are read.
    @Test(arguments: ["tiny.gguf", "tiny-llama/model.safetensors", "quantized/tiny-llama-bnb4/model.safetensors",
                      "quantized/tiny-llama-compressed/model.safetensors", "quantized/tiny-llama-gptq/model.safetensors",
                      "quantized/tiny-gpt-oss-mxfp4/model.safetensors", "quantized/tiny-deepseek-v3.gguf"])
    func mutationsNeverCrash(_ fixture: String) throws {
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(TestSupport.fixtures)/checkpoints/\(fixture)")))
        let name = (fixture as NSString).lastPathComponent
        var random = Generator(state: 42)
        // Mutate within the header, where the reader looks.
        let headerSpan = name.hasSuffix(".gguf") ? 600 : min(original.count, 8 + Int(original.prefix(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }))
        var refused = 0
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let index = Int(random.next() % UInt64(headerSpan))
                bytes[index] = UInt8(truncatingIfNeeded: random.next())
            }
            let path = try CheckpointBytes.write(bytes, as: name)
            do {
                _ = try CheckpointReader.summary(path)
            } catch {
                refused += 1
                #expect(error.file == path)
            }
        }
        #expect(refused > 0)
    }
}
