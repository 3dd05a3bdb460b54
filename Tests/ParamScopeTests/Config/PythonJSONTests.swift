import Testing
@testable import ParamScope

/// config.json as Python writes it: NaN / Infinity tokens, floats for sizes, keys ParamScope
/// does not read — accepted where they do not decide a size, an error at the JSON path where they do.
@Suite struct PythonJSONTests {
    static let sizes = "\"hidden_size\": 64, \"num_hidden_layers\": 2, \"num_attention_heads\": 4, \"vocab_size\": 10, \"intermediate_size\": 128"
    /// 2 × (4·64² + 3·64·128 + 2·64) + 64 + 2 × 10·64 = 2 × 65,664 + 64 + 1,280.
    static let llamaTotal = 2 * (4 * 64 * 64 + 3 * 64 * 128 + 2 * 64) + 64 + 2 * 10 * 64

    static func count(_ json: String) throws -> Int {
        let file = try TestSupport.write(json, as: "config.json")
        return try HFCorpusTests.result([file]).total
    }

    static func diagnostics(_ json: String) throws -> [String] {
        let file = try TestSupport.write(json, as: "config.json")
        return TestSupport.diagnostics([file]).map { $0.replacing(file, with: "FILE") }
    }

    @Test func pythonTokensWhereNoSizeIsRead() throws {
        let json = """
        {"model_type": "llama", \(Self.sizes), "time_step_limit": [0.0, Infinity], "clip": -Infinity, "eps": NaN,
         "note": "NaN and Infinity stay text inside strings", "rope_parameters": {"rope_type": "default", "rope_theta": 10000.0},
         "quantization_config": {"quant_method": "fp8", "weight_block_size": [128, 128]},
         "auto_map": {"AutoModelForCausalLM": "modeling_x.XForCausalLM"}, "some_future_key": {"nested": [1, {"a": null}]}}
        """
        #expect(try Self.count(json) == Self.llamaTotal)
    }

    @Test func aSizeThatIsNotANumber() throws {
        let json = "{\"model_type\": \"llama\", \"hidden_size\": NaN, \"num_hidden_layers\": 2, \"num_attention_heads\": 4, \"vocab_size\": 10}"
        #expect(try Self.diagnostics(json) == ["FILE: error: $.hidden_size: expected a non-negative integer, found NaN"])
        let infinite = "{\"model_type\": \"llama\", \(Self.sizes), \"num_key_value_heads\": -Infinity}"
        #expect(try Self.diagnostics(infinite) == ["FILE: error: $.num_key_value_heads: expected a non-negative integer, found -Infinity"])
    }

    /// A syntax error after a replaced token on the same line is reported at its column in the
    /// file as written: `[0.0, Infinity] 7` — the stray 7 is at column 37 of line 2.
    @Test func diagnosticsAfterATokenKeepTheirColumn() throws {
        let json = "{\"model_type\": \"llama\",\n \"time_step_limit\": [0.0, Infinity] 7}"
        let lines = try Self.diagnostics(json)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("FILE:2:37: error: not valid JSON") == true)
    }

    @Test func wholeFloatsAreSizes() throws {
        let json = "{\"model_type\": \"llama\", \"hidden_size\": 64.0, \"num_hidden_layers\": 2.0, \"num_attention_heads\": 4, \"vocab_size\": 10, \"intermediate_size\": 128.0}"
        #expect(try Self.count(json) == Self.llamaTotal)
        let half = "{\"model_type\": \"llama\", \(Self.sizes.replacing("\"hidden_size\": 64", with: "\"hidden_size\": 64.5"))}"
        #expect(try Self.diagnostics(half) == ["FILE: error: $.hidden_size: expected a non-negative integer, found 64.5"])
    }
}
