import Testing
@testable import ParamScopeCore

/// Each storage rule against hand arithmetic on one or two tensors.
@Suite struct StorageRuleTests {
    /// One 4096×4096 attention projection, and its model with a 4096-wide norm beside it.
    static let matrix = TensorEntry("model.layers.{layer}.self_attn.q_proj.weight", shape: [4096, 4096],
                                    component: .attention, role: .attentionQuery, layers: 1, firstLayer: 0)
    static let norm = TensorEntry("model.layers.{layer}.input_layernorm.weight", shape: [4096],
                                  component: .norm, role: .vector, layers: 1, firstLayer: 0)
    static let n = 4096 * 4096

    struct Case: Sendable, CustomStringConvertible {
        var format: String
        var bytes: Int
        var description: String { format }
    }

    /// The matrix alone.
    static let matrixCases: [Case] = [
        Case(format: "fp32", bytes: n * 4),
        Case(format: "bf16", bytes: n * 2),
        Case(format: "fp16", bytes: n * 2),
        Case(format: "int8", bytes: n),
        Case(format: "int4", bytes: n / 2),
        // FP8: one byte per weight + one FP32 scale.
        Case(format: "fp8_e4m3", bytes: n + 4),
        Case(format: "fp8_e5m2", bytes: n + 4),
        // NF4: n/2 bytes of codes + 4 bytes of absmax per 64 weights.
        Case(format: "nf4", bytes: n / 2 + n / 64 * 4),
        // Double quant: 1-byte absmax per 64 weights, FP32 per 256 blocks, one FP32 offset.
        Case(format: "nf4_dq", bytes: n / 2 + n / 64 + n / 64 / 256 * 4 + 4),
        // GPTQ: qweight in/8·out int32, scales in/128·out FP16, qzeros in/128·out/8 int32, g_idx in int32.
        Case(format: "gptq_int4_g128", bytes: 4096 / 8 * 4096 * 4 + 4096 / 128 * 4096 * 2 + 4096 / 128 * 4096 / 8 * 4 + 4096 * 4),
        Case(format: "awq_int4_g128", bytes: 4096 / 8 * 4096 * 4 + 4096 / 128 * 4096 * 2 + 4096 / 128 * 4096 / 8 * 4),
        // GGUF block types (pure) and file types whose default applies to an attn_q: blocks × bytes.
        Case(format: "q4_0", bytes: n / 32 * 18),
        Case(format: "q4_1", bytes: n / 32 * 20),
        Case(format: "q5_0", bytes: n / 32 * 22),
        Case(format: "q5_1", bytes: n / 32 * 24),
        Case(format: "q8_0", bytes: n / 32 * 34),
        Case(format: "q2_k", bytes: n / 256 * 84),
        Case(format: "q3_k", bytes: n / 256 * 110),
        Case(format: "q4_k", bytes: n / 256 * 144),
        Case(format: "q5_k", bytes: n / 256 * 176),
        Case(format: "q6_k", bytes: n / 256 * 210),
        Case(format: "iq4_xs", bytes: n / 256 * 136),
        Case(format: "q4_k_m", bytes: n / 256 * 144),
        Case(format: "q5_k_m", bytes: n / 256 * 176),
    ]

    @Test(arguments: matrixCases)
    func matrixAlone(_ c: Case) throws {
        let format = try #require(StorageFormat.named(c.format))
        #expect(try format.bytes(of: Inventory([Self.matrix])) == c.bytes)
    }

    /// The 4096-wide norm beside it: 16-bit in the formats that keep the rest in 16 bits, F32 in
    /// GGUF, and quantized like everything else only in the naive uniform formats.
    static let normCases: [Case] = [
        Case(format: "fp32", bytes: 4096 * 4),
        Case(format: "bf16", bytes: 4096 * 2),
        Case(format: "int4", bytes: 4096 / 2),
        Case(format: "fp8_e4m3", bytes: 4096 * 2),
        Case(format: "nf4", bytes: 4096 * 2),
        Case(format: "gptq_int4_g128", bytes: 4096 * 2),
        Case(format: "q4_0", bytes: 4096 * 4),
        Case(format: "q4_k_m", bytes: 4096 * 4),
    ]

    @Test(arguments: normCases)
    func normBeside(_ c: Case) throws {
        let format = try #require(StorageFormat.named(c.format))
        let both = try format.bytes(of: Inventory([Self.matrix, Self.norm]))
        let alone = try format.bytes(of: Inventory([Self.matrix]))
        #expect(both - alone == c.bytes)
    }

    @Test func ggmlBlockTable() throws {
        // ggml's type_traits: Q4_0 32/18 ... IQ4_XS 256/136.
        let expected: [(GGMLType, Int, Int)] = [
            (.q4_0, 32, 18), (.q4_1, 32, 20), (.q5_0, 32, 22), (.q5_1, 32, 24), (.q8_0, 32, 34),
            (.q2_K, 256, 84), (.q3_K, 256, 110), (.q4_K, 256, 144), (.q5_K, 256, 176), (.q6_K, 256, 210),
            (.iq4_xs, 256, 136), (.iq4_nl, 32, 18), (.f32, 1, 4), (.f16, 1, 2), (.bf16, 1, 2),
        ]
        for (type, block, bytes) in expected {
            #expect(type.blockSize == block && type.blockBytes == bytes, "\(type.name)")
        }
        // Q4_0 of a 4096×4096 matrix = 4096·4096/32·18 bytes; a 4544-long row does not split into Q4_K.
        #expect(try GGMLType.q4_0.bytes(elements: 4096 * 4096, rowLength: 4096) == 4096 * 4096 / 32 * 18)
        #expect(try GGMLType.q4_K.bytes(elements: 4544 * 4544, rowLength: 4544) == nil)
    }

    @Test func namesAreLowerCaseAndUnique() {
        let names = StorageFormat.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0 == $0.lowercased() })
        for required in ["fp32", "fp16", "bf16", "fp8_e4m3", "fp8_e5m2", "int8", "int4", "nf4", "nf4_dq",
                         "gptq_int4_g128", "awq_int4_g128", "q4_0", "q4_1", "q5_0", "q5_1", "q8_0", "q2_k",
                         "q3_k", "q4_k", "q5_k", "q6_k", "iq4_xs", "q4_k_m", "q5_k_m", "q4_k_s", "q3_k_m"] {
            #expect(names.contains(required), "\(required)")
        }
        #expect(StorageFormat.shipped.map(\.name) == ["bf16", "q8_0", "q4_k_m", "nf4"])
    }

    @Test func overflowIsAnError() {
        let huge = TensorEntry("x", shape: [1 << 40, 1 << 20], component: .mlp, role: .ffnUp, layers: 1 << 10, firstLayer: 0)
        for format in StorageFormat.all {
            #expect(throws: ArithmeticOverflow.self, "\(format.name)") { try format.bytes(of: Inventory([huge])) }
        }
    }
}
