import Testing
@testable import ParamScope

/// Bad config.json files and bad architecture fields in YAML: each an exact message at a
/// JSON path or file:line:column, exit 2, nothing counted.
@Suite struct HFDiagnosticTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var text: String
        var expected: [String]
    }

    static let supported = "RefinedWeb, RefinedWebModel, apertus, bert, bloom, cohere, cohere2, deepseek_v2, deepseek_v3, deepseek_v32, ernie4_5, ernie4_5_moe, exaone4, falcon, falcon_h1, falcon_mamba, gemma, gemma2, gemma3, gemma3_text, glm4, glm4_moe, gpt2, gpt_bigcode, gpt_neox, gpt_oss, gptj, granite, granitemoe, granitemoehybrid, jamba, kimi_k2, lfm2, llama, llama4, llama4_text, llava, mamba, mamba2, minimax_m2, mistral, mistral3, mixtral, mllama, mllama_text_model, olmo2, olmo3, olmoe, opt, phi, phi3, phimoe, qwen2, qwen2_5_vl, qwen2_moe, qwen2_vl, qwen3, qwen3_moe, qwen3_next, qwen3_vl, qwen3_vl_moe, seed_oss, smollm3, starcoder2, t5"
    static let sizes = "\"hidden_size\": 64, \"num_hidden_layers\": 2, \"num_attention_heads\": 4, \"vocab_size\": 10"

    static let json: [Case] = [
        // 23 characters, then the end of the file: line 1, column 24.
        Case(description: "truncated", text: "{\"model_type\": \"llama\",",
             expected: ["FILE:1:24: error: not valid JSON: unexpected end of file inside an object"]),
        // "around character 47" is the 0-based byte offset of the second 64: lines 1–2 are 2 + 25
        // bytes, then 20 bytes of line 3 precede it, so line 3, column 21.
        Case(description: "not JSON", text: "{\n  \"model_type\": \"llama\",\n  \"hidden_size\": 64 64\n}",
             expected: ["FILE:3:21: error: not valid JSON: expected `,` or `}` in an object, found `6`"]),
        Case(description: "not an object", text: "[1, 2]", expected: ["FILE: error: a config.json must be a JSON object"]),
        Case(description: "no model_type", text: "{\"hidden_size\": 64}",
             expected: ["FILE: error: $: missing `model_type`; ParamScope reads it to choose the family (supported: \(supported))"]),
        Case(description: "unsupported model_type", text: "{\"model_type\": \"lama\"}",
             expected: ["FILE: error: $.model_type: unsupported model type \"lama\"; did you mean `llama`? (supported: \(supported))"]),
        Case(description: "missing size", text: "{\"model_type\": \"gpt2\", \"n_embd\": 64}",
             expected: ["FILE: error: $: missing `num_hidden_layers` (or `n_layer`, `num_layers`)"]),
        Case(description: "kv_heads not dividing heads", text: "{\"model_type\": \"llama\", \(sizes), \"num_key_value_heads\": 3}",
             expected: ["FILE: error: $.num_key_value_heads: `kv_heads` (3) must divide `heads` (4)"]),
        Case(description: "defaulted kv_heads", text: "{\"model_type\": \"mixtral\", \(sizes)}",
             expected: ["FILE: error: $: `kv_heads` (8) must divide `heads` (4) (the file has no `num_key_value_heads`, so transformers' mixtral default applies)"]),
        Case(description: "experts_per_token > experts",
             text: "{\"model_type\": \"mixtral\", \(sizes), \"num_key_value_heads\": 2, \"num_local_experts\": 2, \"num_experts_per_tok\": 4}",
             expected: ["FILE: error: $.num_experts_per_tok: `experts_per_token` (4) cannot exceed `experts` (2)"]),
        Case(description: "negative rank", text: "{\"model_type\": \"deepseek_v3\", \(sizes), \"kv_lora_rank\": -8}",
             expected: ["FILE: error: $.kv_lora_rank: expected a non-negative integer, found -8"]),
        Case(description: "layer_types of the wrong length",
             text: "{\"model_type\": \"gemma3_text\", \(sizes), \"layer_types\": [\"full_attention\"]}",
             expected: ["FILE: error: $.layer_types: 1 entries for 2 layers (`num_hidden_layers`); give one per layer"]),
        // A family whose counts never read `layer_types` still refuses a list of the wrong length.
        Case(description: "qwen3 layer_types of the wrong length",
             text: "{\"model_type\": \"qwen3\", \(sizes), \"layer_types\": [\"full_attention\", \"full_attention\", \"full_attention\"]}",
             expected: ["FILE: error: $.layer_types: 3 entries for 2 layers (`num_hidden_layers`); give one per layer"]),
        Case(description: "unknown layer type",
             text: "{\"model_type\": \"olmo3\", \(sizes), \"layer_types\": [\"full_attention\", \"mamba\"]}",
             expected: ["FILE: error: $.layer_types[1]: unsupported layer type \"mamba\" for olmo3 (known: full_attention, sliding_attention, chunked_attention, indexed_attention)"]),
        Case(description: "zero ffn", text: "{\"model_type\": \"llama\", \(sizes), \"intermediate_size\": 0}",
             expected: ["FILE: error: $.intermediate_size: `ffn` must be a positive integer, found 0"]),
        Case(description: "bad layer list", text: "{\"model_type\": \"qwen2_moe\", \(sizes), \"mlp_only_layers\": [0, \"x\"]}",
             expected: ["FILE: error: $.mlp_only_layers[1]: expected a layer index"]),
        Case(description: "wrong type", text: "{\"model_type\": \"gpt_bigcode\", \(sizes), \"multi_query\": \"yes\"}",
             expected: ["FILE: error: $.multi_query: expected true or false, found \"yes\""]),
    ]

    @Test(arguments: json)
    func configJSON(_ c: Case) throws {
        let path = try TestSupport.write(c.text, as: "config.json")
        #expect(TestSupport.diagnostics([path]) == c.expected.map { $0.replacing("FILE", with: path) })
    }

    static let model = "models:\n  - name: M\n    architecture: deepseek_v3\n    layers: 2\n    hidden: 64\n    heads: 4\n    vocab: 10\n    ffn: 8\n"

    static let yaml: [Case] = [
        Case(description: "experts_per_token > experts", text: model + "    experts: 2\n    experts_per_token: 4\n",
             expected: ["LIST:10:24: error: `experts_per_token` (4) cannot exceed `experts` (2)"]),
        Case(description: "negative rank", text: model + "    kv_lora_rank: -8\n",
             expected: ["LIST:9:19: error: `kv_lora_rank` must be a positive integer, found -8"]),
        Case(description: "misspelt architecture field", text: model + "    expert_fnn: 4\n",
             expected: ["LIST:9:5: error: unknown field `expert_fnn`; did you mean `expert_ffn`?"]),
        Case(description: "bad placement", text: model + "    norm_placement: middle\n",
             expected: ["LIST:9:21: error: `norm_placement` must be one of pre, post, sandwich, parallel, parallel_separate, found \"middle\""]),
        Case(description: "dense_layers not a list", text: model + "    dense_layers: 3\n",
             expected: ["LIST:9:19: error: `dense_layers` must be a sequence of layer indices like [0, 3], found `3`"]),
        Case(description: "negative dense layer", text: model + "    dense_layers: [0, -1]\n",
             expected: ["LIST:9:23: error: `dense_layers` must be zero or more, found -1"]),
        Case(description: "bad hf_config", text: "models:\n  - name: M\n    hf_config: missing.json\n",
             expected: ["LIST:3:16: error: cannot import hf_config \"missing.json\": cannot read this file (missing or no permission)"]),
    ]

    @Test(arguments: yaml)
    func yamlFields(_ c: Case) throws {
        let path = try TestSupport.write(c.text)
        #expect(TestSupport.diagnostics([path]) == c.expected.map { $0.replacing("LIST", with: path) })
    }
}
