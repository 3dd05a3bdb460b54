/// Formats that quantize the linear layers and keep the rest in 16 bits.
extension StorageFormat {
    /// FP8 weights (Micikevicius et al. 2022, "FP8 Formats for Deep Learning": E4M3 and E5M2,
    /// one byte each) with one FP32 scale per tensor, as llm-compressor / vLLM's FP8 checkpoints
    /// store `weight_scale`; embeddings, the output head, the router and 1-D tensors stay BF16.
    public static let fp8E4M3 = fp8("fp8_e4m3", label: "FP8 E4M3")
    public static let fp8E5M2 = fp8("fp8_e5m2", label: "FP8 E5M2")

    static func fp8(_ name: String, label: String) -> StorageFormat {
        StorageFormat(name: name, label: label,
                      rule: "linear layers 1 byte per weight + a 4-byte scale per tensor; the rest 2 bytes") { inventory, context throws(ArithmeticOverflow) in
            try context.sum(name, inventory) { tensor, tensorName throws(ArithmeticOverflow) in
                let elements = try tensor.elements(tensorName)
                let one = tensor.isLayerLinear ? try Checked.add(elements, 4, what: "the \(name) size")
                    : try Checked.multiply(elements, 2, what: "the \(name) size")
                return try Checked.multiply(one, tensor.copies, what: "the \(name) size of \(tensorName())")
            }
        }
    }

    /// bitsandbytes NF4 (Dettmers et al. 2023, QLoRA): every `nn.Linear` but the output head as
    /// 4-bit codes (two per byte) + an FP32 absmax per block of 64 weights; embeddings, the head
    /// and 1-D tensors stay 16-bit. The per-tensor 16-entry code table and serialized quant state
    /// are not counted.
    public static let nf4: StorageFormat = bitsAndBytes(
        "nf4", label: "NF4 (bitsandbytes)",
        rule: "linear layers: 4 bits per weight + FP32 absmax per 64 weights; the rest 2 bytes"
    ) { elements throws(ArithmeticOverflow) in
        let blocks = ceilDiv(elements, 64)
        return try Checked.add(ceilDiv(elements, 2), Checked.multiply(blocks, 4, what: "nf4 absmax"), what: "the nf4 size")
    }

    /// NF4 with double quantization (`bnb_4bit_use_double_quant`): the absmax of each 64-weight
    /// block as one 8-bit code, an FP32 absmax per 256 blocks, and one FP32 offset per tensor.
    public static let nf4DoubleQuant: StorageFormat = bitsAndBytes(
        "nf4_dq", label: "NF4 + double quant",
        rule: "linear layers: 4 bits per weight + 8-bit absmax per 64 weights + FP32 per 256 blocks; the rest 2 bytes"
    ) { elements throws(ArithmeticOverflow) in
        let blocks = ceilDiv(elements, 64)
        return try Checked.add(ceilDiv(elements, 2), blocks, ceilDiv(blocks, 256) * 4, 4, what: "the nf4_dq size")
    }

    /// A bitsandbytes format: every `nn.Linear` but the output head as `quantized(elements)`
    /// bytes per copy; embeddings, the head and 1-D tensors 16-bit.
    static func bitsAndBytes(
        _ name: String, label: String, rule: String,
        quantized: @escaping @Sendable (Int) throws(ArithmeticOverflow) -> Int
    ) -> StorageFormat {
        StorageFormat(name: name, label: label, rule: rule) { inventory, context throws(ArithmeticOverflow) in
            try context.sum(name, inventory) { tensor, tensorName throws(ArithmeticOverflow) in
                let elements = try tensor.elements(tensorName)
                guard tensor.isBitsAndBytesLinear else {
                    return try Checked.multiply(elements, 2, tensor.copies, what: "the \(name) size of \(tensorName())")
                }
                return try Checked.multiply(quantized(elements), tensor.copies, what: "the \(name) size of \(tensorName())")
            }
        }
    }

    /// GPTQ 4-bit, group size 128, as AutoGPTQ / GPTQModel save it: `qweight` int32 packing 8
    /// weights, `scales` FP16 per group and output, `qzeros` int32 packing 8 zero points per group,
    /// and `g_idx` int32 per input column. Linear layers inside the blocks only; embeddings, head,
    /// router and 1-D tensors FP16.
    public static let gptqInt4 = groupQuantized("gptq_int4_g128", label: "GPTQ int4 g128", gIdx: true)

    /// AWQ 4-bit, group size 128 (AutoAWQ GEMM): the same packing without `g_idx`.
    public static let awqInt4 = groupQuantized("awq_int4_g128", label: "AWQ int4 g128", gIdx: false)

    static func groupQuantized(_ name: String, label: String, gIdx: Bool) -> StorageFormat {
        StorageFormat(name: name, label: label,
                      rule: "linear layers: 4 bits per weight + per 128 inputs FP16 scale and packed 4-bit zero per output\(gIdx ? " + int32 g_idx per input" : ""); the rest 2 bytes") { inventory, context throws(ArithmeticOverflow) in
            try context.sum(name, inventory) { tensor, tensorName throws(ArithmeticOverflow) in
                let elements = try tensor.elements(tensorName)
                guard tensor.isLayerLinear, tensor.rank == 2 else {
                    return try Checked.multiply(elements, 2, tensor.copies, what: "the \(name) size of \(tensorName())")
                }
                let outputs = tensor.rows, inputs = tensor.columns
                let groups = ceilDiv(inputs, 128)
                let qweight = try Checked.multiply(ceilDiv(inputs, 8), outputs, 4, what: "\(name) qweight")
                let scales = try Checked.multiply(groups, outputs, 2, what: "\(name) scales")
                let zeros = try Checked.multiply(groups, ceilDiv(outputs, 8), 4, what: "\(name) qzeros")
                let index = gIdx ? try Checked.multiply(inputs, 4, what: "\(name) g_idx") : 0
                let one = try Checked.add(qweight, scales, zeros, index, what: "the \(name) size")
                return try Checked.multiply(one, tensor.copies, what: "the \(name) size of \(tensorName())")
            }
        }
    }
}

/// ⌈a / b⌉ for non-negative `a` and positive `b`.
func ceilDiv(_ a: Int, _ b: Int) -> Int { a / b + (a % b == 0 ? 0 : 1) }

extension TensorEntry {
    /// A linear weight inside the transformer blocks: what GPTQ, AWQ and FP8 recipes quantize.
    var isLayerLinear: Bool { shape.count == 2 && role.isLayerLinear }

    /// Every `nn.Linear` bitsandbytes replaces: the block linears, the router and other
    /// projections, but not embeddings or the output head (transformers keeps it unquantized).
    var isBitsAndBytesLinear: Bool {
        guard shape.count == 2 else { return false }
        return isLayerLinear || role == .router || role == .otherMatrix
    }
}
