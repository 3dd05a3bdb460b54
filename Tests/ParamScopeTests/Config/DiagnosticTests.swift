import Testing
@testable import ParamScope

/// Bad config lists: every problem, each at its file:line:column, with the exact message.
@Suite struct DiagnosticTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var yaml: String
        var expected: [String]
    }

    static let model = "models:\n  - name: M\n    layers: 2\n    hidden: 8\n    heads: 2\n    vocab: 10\n"

    static let cases: [Case] = [
        Case(description: "syntax error", yaml: "models: [\n  - name: x\n",
             expected: ["LIST:2:3: error: invalid YAML: did not find expected node content (while parsing a flow node at line 2)"]),
        Case(description: "anchor", yaml: "defaults: &d\n  vocab: 10\nmodels: []\n",
             expected: ["LIST:1:11: error: anchors (`&d`) are not supported; use `defaults:` for shared values"]),
        Case(description: "alias", yaml: "a: 1\nmodels:\n  - *x\n",
             expected: ["LIST:3:5: error: aliases (`*name`) are not supported; write the value out"]),
        Case(description: "tag", yaml: "models: !!seq []\n",
             expected: ["LIST:1:9: error: tags (`tag:yaml.org,2002:seq`) are not supported; write a plain value"]),
        Case(description: "missing fields", yaml: "models:\n  - name: M\n    layers: 2\n",
             expected: ["LIST:2:5: error: model \"M\" is missing `hidden`, `heads`, `vocab` (or give `hf_config:` to import them)"]),
        Case(description: "wrong type", yaml: model.replacing("layers: 2", with: "layers: two"),
             expected: ["LIST:3:13: error: `layers` must be an integer, found `two`"]),
        Case(description: "zero and negative", yaml: model.replacing("layers: 2", with: "layers: 0").replacing("vocab: 10", with: "vocab: -5"),
             expected: ["LIST:3:13: error: `layers` must be a positive integer, found 0",
                        "LIST:6:12: error: `vocab` must be a positive integer, found -5"]),
        Case(description: "heads not dividing hidden", yaml: model.replacing("heads: 2", with: "heads: 3"),
             expected: ["LIST:5:12: error: `heads` (3) must divide `hidden` (8), or set `head_dim`"]),
        Case(description: "unknown field", yaml: model + "    kv_head: 1\n",
             expected: ["LIST:7:5: error: unknown field `kv_head`; did you mean `kv_heads`?"]),
        Case(description: "kv_heads not dividing heads", yaml: model + "    kv_heads: 3\n",
             expected: ["LIST:7:15: error: `kv_heads` (3) must divide `heads` (2)"]),
        Case(description: "bad published", yaml: model + "    published: lots\n",
             expected: ["LIST:7:16: error: `published` must be a parameter count like 6.7B, 124M, 1.5T or 6,738,415,616, found `lots`"]),
        Case(description: "two problems in two models",
             yaml: "models:\n  - name: A\n    layers: x\n    hidden: 8\n    heads: 2\n    vocab: 10\n  - name: B\n    layers: 2\n    hidden: 8\n    heads: 2\n    vocab: 10\n    ffn: -1\n",
             expected: ["LIST:3:13: error: `layers` must be an integer, found `x`",
                        "LIST:12:10: error: `ffn` must be a positive integer, found -1"]),
        Case(description: "duplicate names", yaml: model + "  - name: M\n    layers: 2\n    hidden: 8\n    heads: 2\n    vocab: 10\n",
             expected: ["LIST:7:5: error: duplicate model name \"M\" (first at line 2); names must be unique within a list"]),
        Case(description: "empty file", yaml: "",
             expected: ["LIST:1:1: error: the file is empty; expected a mapping with `models:`"]),
        Case(description: "unknown architecture", yaml: model + "    architecture: lama\n",
             expected: ["LIST:7:19: error: unknown architecture \"lama\"; did you mean `llama`? (known: apertus, bert, bloom, cohere, cohere2, deepseek_v2, deepseek_v3, deepseek_v32, ernie4_5, ernie4_5_moe, exaone4, falcon, falcon_h1, falcon_mamba, gemma, gemma2, gemma3_text, generic, glm4, glm4_moe, gpt2, gpt_bigcode, gpt_neox, gpt_oss, gptj, granite, granitemoe, granitemoehybrid, jamba, kimi_k2, lfm2, llama, llama4_text, mamba, mamba2, minimax_m2, mistral, mixtral, mllama_text_model, olmo2, olmo3, olmoe, opt, phi, phi3, phimoe, qwen2, qwen2_moe, qwen3, qwen3_moe, qwen3_next, seed_oss, smollm3, starcoder2, t5)"]),
    ]

    @Test(arguments: cases)
    func diagnostics(_ c: Case) throws {
        let path = try TestSupport.write(c.yaml)
        let expected = c.expected.map { $0.replacing("LIST", with: path) }
        #expect(TestSupport.diagnostics([path]) == expected)
    }

    @Test func missingFile() {
        #expect(TestSupport.diagnostics(["/nonexistent/list.yaml"]) == ["/nonexistent/list.yaml: error: no such file or directory"])
    }

    @Test func caretUnderTheColumn() throws {
        let path = try TestSupport.write(Self.model.replacing("layers: 2", with: "layers: two"))
        guard case .failure(let problems) = Pipeline.run([path]) else {
            Issue.record("expected a failure")
            return
        }
        var printer = DiagnosticPrinter(color: false)
        #expect(printer.format(problems.items[0]) == "\(path):3:13: error: `layers` must be an integer, found `two`\n    layers: two\n            ^")
    }
}
