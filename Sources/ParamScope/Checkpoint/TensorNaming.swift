import ParamScopeCore

/// Component and role of a stored tensor, read off its name (Hugging Face or GGUF spelling), so
/// a checkpoint's inventory folds like an estimate's.
enum TensorNaming {
    static func entry(name: String, shape: [Int]) -> TensorEntry {
        let (component, role) = classify(name, dimensions: shape.count)
        return TensorEntry(name, shape: shape, component: component, role: role)
    }

    static func classify(_ name: String, dimensions: Int) -> (Component, TensorRole) {
        let lower = name.lowercased()
        // A byte search: Foundation's `contains` on Strings was a quarter of `inspect`'s time
        // for a 1,137-tensor checkpoint; plain loops over the bytes (no generic algorithms, which
        // a debug build does not specialize) keep a 94k-tensor DeepSeek-V3 header in seconds.
        let bytes = Array(lower.utf8)
        func has(_ parts: StaticString...) -> Bool {
            bytes.withUnsafeBufferPointer { haystack in
                for part in parts where Self.find(UnsafeBufferPointer(start: part.utf8Start, count: part.utf8CodeUnitCount), in: haystack) {
                    return true
                }
                return false
            }
        }
        if dimensions <= 1 {
            if has("norm", "ln_", "layernorm") { return (has("embed") ? .embedding : .norm, .vector) }
            if has("attn", "attention") { return (.attention, .vector) }
            if has("router", "ffn_gate_inp") { return (.router, .vector) }
            return (has("mlp", "ffn") ? .mlp : .head, .vector)
        }
        if has("embed_tokens", "wte.", "word_embeddings", "token_embd") { return (.embedding, .tokenEmbedding) }
        if has("embed_positions", "wpe.", "position_embd", "position_embeddings") { return (.embedding, .positionEmbedding) }
        if has("token_type", "token_types") { return (.embedding, .tokenTypeEmbedding) }
        if lower == "lm_head.weight" || lower == "output.weight" { return (.head, .output) }
        if has("ffn_gate_inp", "mlp.gate.weight", "router") { return (.router, .router) }
        let expert = has("experts", "_exps")
        let shared = has("shared_expert", "_shexp")
        let mlp: Component = shared ? .sharedExperts : expert ? .experts : .mlp
        if has("q_proj", "attn_q.", "query") { return (.attention, .attentionQuery) }
        if has("k_proj", "attn_k.", ".key") { return (.attention, .attentionKey) }
        if has("v_proj", "attn_v.", ".value") { return (.attention, .attentionValue) }
        if has("qkv", "c_attn") { return (.attention, .attentionQKV) }
        if has("o_proj", "attn_output", "dense.weight", "c_proj") && has("attn", "attention") {
            return (.attention, .attentionOutput)
        }
        if has("kv_a", "kv_b", "q_a", "q_b", "attn_k_b", "attn_v_b") { return (.attention, .attentionLatent) }
        if has("gate_proj", "ffn_gate", "w1") { return (mlp, .ffnGate) }
        if has("up_proj", "ffn_up", "w3", "fc1", "c_fc", "dense_h_to_4h") { return (mlp, .ffnUp) }
        if has("down_proj", "ffn_down", "w2", "fc2", "dense_4h_to_h", "c_proj") { return (mlp, .ffnDown) }
        return (has("attn", "attention") ? .attention : .head, .otherMatrix)
    }

    /// Whether `needle` occurs in `haystack`.
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = needle.count
        guard count <= haystack.count else { return false }
        var start = 0
        while start <= haystack.count - count {
            var offset = 0
            while offset < count && haystack[start + offset] == needle[offset] { offset += 1 }
            if offset == count { return true }
            start += 1
        }
        return false
    }

    /// The part a logical tensor's parameters are reported under when no family describes the
    /// model: its component, except vision towers (`vision`), their connectors (`projector`),
    /// state-space mixers (`ssm`) and names no
    /// pattern recognises (`other`: a matrix or vector outside attention, MLP and norms that is not
    /// an output head).
    static func part(of entry: TensorEntry) -> CheckpointPart {
        let bytes = Array(entry.name.lowercased().utf8)
        // A pattern at the start of the name or after a `.` or `_` (`model.vision_tower.`, `visual.`).
        func has(_ patterns: [StaticString]) -> Bool {
            bytes.withUnsafeBufferPointer { name in
                for pattern in patterns {
                    let needle = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
                    guard needle.count <= name.count else { continue }
                    var start = 0
                    while start <= name.count - needle.count {
                        if start == 0 || name[start - 1] == UInt8(ascii: ".") || name[start - 1] == UInt8(ascii: "_") {
                            var offset = 0
                            while offset < needle.count && name[start + offset] == needle[offset] { offset += 1 }
                            if offset == needle.count { return true }
                        }
                        start += 1
                    }
                }
                return false
            }
        }
        // The connector first: it sits inside the tower's prefix in some checkpoints (`visual.merger.`).
        if has(["multi_modal_projector", "mm_projector", "mm_input_projection", "merger.", "mm."]) { return .projector }
        if has(["vision", "visual", "image_", "img_", "vit.", "patch_embed", "audio", "v.blk."]) { return .vision }
        // State-space and linear-attention mixers (Mamba's `mixer.`, Jamba's and Falcon-H1's `mamba.`,
        // Qwen3-Next's `linear_attn.`, GGUF's `ssm_*`).
        if has(["mixer.", "mamba.", "linear_attn.", "a_log", "conv1d", "ssm_"]) { return .ssm }
        if entry.component == .head {
            return has(["lm_head", "output.", "output_norm", "score.", "pooler", "classifier", "cls.", "qa_outputs", "head."]) ? .head : .other
        }
        if entry.role == .otherMatrix && entry.component != .attention { return .other }
        return CheckpointPart(entry.component) ?? .other
    }

    /// The decoder layer index of a Hugging Face (`model.layers.12.`, `transformer.h.3.`,
    /// `decoder.block.5.`) or GGUF (`blk.12.`) name: the first stack index in it (T5's
    /// `block.0.layer.2` is block 0's third sub-layer); nil outside the layer stack and in an
    /// encoder, whose layers are counted apart from the decoder's.
    static func decoderLayer(_ name: String) -> Int? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.contains("encoder") else { return nil }
        for index in parts.indices.dropLast() where ["layers", "h", "blk", "block", "layer"].contains(parts[index]) {
            return Int(parts[index + 1]).flatMap { $0 >= 0 ? $0 : nil }
        }
        return nil
    }
}
