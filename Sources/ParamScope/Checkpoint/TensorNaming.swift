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
        // for a 1,137-tensor checkpoint.
        let bytes = Array(lower.utf8)
        func has(_ parts: StaticString...) -> Bool {
            parts.contains { part in
                let needle = UnsafeBufferPointer(start: part.utf8Start, count: part.utf8CodeUnitCount)
                guard needle.count <= bytes.count else { return false }
                return (0...(bytes.count - needle.count)).contains { start in
                    needle.indices.allSatisfy { bytes[start + $0] == needle[$0] }
                }
            }
        }
        if dimensions <= 1 {
            if has("norm", "ln_", "layernorm") { return (has("embed") ? .embedding : .norm, .vector) }
            if has("attn", "attention") { return (.attention, .vector) }
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
}
