/// The element type of a KV cache: 16-bit by default; llama.cpp's `--cache-type-k/v` and vLLM's
/// `kv_cache_dtype=fp8` store less.
public enum KVCacheType: String, CaseIterable, Sendable {
    case fp32, fp16, bf16, fp8
    /// llama.cpp block types (34 bytes per 32 values; 18 per 32).
    case q8_0, q4_0

    /// Bytes of `elements` values, rounded up to whole blocks.
    func bytes(_ elements: Int, what: @autoclosure () -> String) throws(ArithmeticOverflow) -> Int {
        let (block, blockBytes): (Int, Int)
        switch self {
        case .fp32: (block, blockBytes) = (1, 4)
        case .fp16, .bf16: (block, blockBytes) = (1, 2)
        case .fp8: (block, blockBytes) = (1, 1)
        case .q8_0: (block, blockBytes) = (32, 34)
        case .q4_0: (block, blockBytes) = (32, 18)
        }
        return try Checked.multiply(ceilDiv(elements, block), blockBytes, what: what())
    }
}
