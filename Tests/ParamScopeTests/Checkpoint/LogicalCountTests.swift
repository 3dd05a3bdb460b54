import Foundation
import Testing
@testable import ParamScope
@testable import ParamScopeCore

/// Logical parameters of checkpoints of any form (quantized/make_quantized.py writes them): every
/// quantized copy of the tiny Llama counts what the unquantized one does, buffers and quantization
/// metadata are listed and not counted, unknown families are counted from their tensors.
@Suite struct LogicalCountTests {
    static let folder = "\(TestSupport.fixtures)/checkpoints/quantized"

    /// The unquantized tiny Llama (2 layers, h 64, 4 heads / 2 KV heads of 16, ffn 128, V 256,
    /// untied): 256·64 + 2·(64·64 + 2·32·64 + 64·64 + 3·128·64 + 2·64) + 64 + 256·64 = 106,816,
    /// as CheckpointReaderTests reads it from the BF16 file and transformers builds it.
    static let tinyLlama = 106_816

    struct Quantized: Sendable, CustomStringConvertible {
        var directory: String
        var method: String
        /// Quantization tensors: 14 linear layers (7 per layer × 2) × the tensors each form adds.
        var metadata: Int
        var storageFormat: String?
        var description: String { directory }
    }

    static let quantized: [Quantized] = [
        Quantized(directory: "tiny-llama-gptq", method: "gptq", metadata: 14 * 3),           // qzeros, scales, g_idx
        Quantized(directory: "tiny-llama-awq", method: "awq", metadata: 14 * 2),             // qzeros, scales
        // absmax, quant_map, nested_absmax, nested_quant_map, quant_state.bitsandbytes__nf4
        Quantized(directory: "tiny-llama-bnb4", method: "bitsandbytes 4-bit", metadata: 14 * 5, storageFormat: "nf4_dq"),
        Quantized(directory: "tiny-llama-bnb8", method: "bitsandbytes 8-bit", metadata: 14 * 2, storageFormat: "int8"),  // SCB, weight_format
        Quantized(directory: "tiny-llama-fp8", method: "fp8", metadata: 14, storageFormat: "fp8_e4m3"),  // weight_scale_inv
        Quantized(directory: "tiny-llama-compressed", method: "compressed-tensors", metadata: 14 * 2),  // weight_scale, weight_shape
        // weight_scale, weight_scale_2, input_scale
        Quantized(directory: "tiny-llama-nvfp4", method: "modelopt (nvfp4)", metadata: 14 * 3),
    ]

    @Test(arguments: quantized)
    func quantizedCountsTheUnquantizedModel(_ expected: Quantized) throws {
        let summary = try CheckpointReader.summary("\(Self.folder)/\(expected.directory)")
        #expect(summary.parameters == Self.tinyLlama)
        #expect(try summary.inventory.total() == Self.tinyLlama)
        #expect(summary.quantization == expected.method)
        #expect(summary.metadata.count == expected.metadata)
        #expect(summary.buffers.isEmpty)
        #expect(summary.storageFormat == expected.storageFormat)
        // Stored: fewer elements than the logical count (packed), and every tensor in a dtype row.
        #expect(summary.tensors == 21 + expected.metadata)
        // The logical names are the unquantized model's: the estimate finds every one.
        let model = try #require(try TestSupport.report(["\(Self.folder)/\(expected.directory)"]).models.first)
        #expect(model.result.basis == .architecture)
        let comparison = try #require(model.result.checkpoint)
        #expect(comparison.estimatedParameters == Self.tinyLlama && comparison.matches)
        #expect(comparison.onlyInEstimate.isEmpty && comparison.onlyInFile.isEmpty)
    }

    /// The GPTQ qweight [in/8, out] and AWQ qweight [in, out/8] unpack to the same [out, in].
    @Test func packedShapesUnpackToLinearShapes() throws {
        let gptq = try CheckpointReader.summary("\(Self.folder)/tiny-llama-gptq")
        let awq = try CheckpointReader.summary("\(Self.folder)/tiny-llama-awq")
        let bnb = try CheckpointReader.summary("\(Self.folder)/tiny-llama-bnb4")
        for summary in [gptq, awq, bnb] {
            let down = try #require(summary.inventory.tensors.first { $0.name == "model.layers.0.mlp.down_proj.weight" })
            #expect(down.shape == [64, 128])  // bitsandbytes: the quant state's `shape`
        }
    }

    @Test func buffersAreListedNotCounted() throws {
        let llama = try CheckpointReader.summary("\(Self.folder)/tiny-llama-buffers")
        #expect(llama.parameters == Self.tinyLlama)
        #expect(llama.buffers.map(\.name).sorted() == ["model.layers.0.self_attn.rotary_emb.inv_freq",
                                                         "model.layers.1.self_attn.rotary_emb.inv_freq"])
        // GPT-2 (h 32, 2 layers, 16 positions, V 64, tied): 64·32 + 16·32 + 2·(2·64 + 32·96 + 96 +
        // 32·32 + 32 + 32·128 + 128 + 128·32 + 32) + 64 = 28,032; attn.bias [1, 1, 16, 16] and
        // attn.masked_bias are the causal-mask buffers.
        let gpt2 = try CheckpointReader.summary("\(Self.folder)/tiny-gpt2-buffers")
        #expect(gpt2.parameters == 28_032)
        #expect(gpt2.buffers.count == 4 && gpt2.buffers.allSatisfy { $0.name.hasSuffix("attn.bias") || $0.name.hasSuffix("masked_bias") })
        let model = try #require(try TestSupport.report(["\(Self.folder)/tiny-gpt2-buffers"]).models.first)
        #expect(model.result.total == 28_032 && model.result.checkpoint?.matches == true)
    }

    @Test(arguments: ["tiny-unknown", "tiny-noconfig", "tiny-noconfig/model.safetensors"])
    func unknownFamilyIsCountedFromTheCheckpoint(_ path: String) throws {
        let (lists, diagnostics) = ConfigLoader().load(["\(Self.folder)/\(path)"])
        let warnings = diagnostics.filter { $0.severity == .warning }.map(\.message)
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        if path == "tiny-unknown" {
            #expect(warnings.count == 1 && warnings[0].contains("\"tinyfoo_lm\"") && warnings[0].contains("basis: checkpoint"))
        } else {
            #expect(warnings.isEmpty)
        }
        let report = try ReportBuilder.build(lists).get()
        let model = try #require(report.models.first)
        #expect(model.result.basis == .checkpoint)
        #expect(model.result.total == Self.tinyLlama)
        #expect(model.name == (path == "tiny-unknown" ? "tiny-unknown" : "tiny-noconfig"))
        // The sizes the seed formulas need: from config.json, or read off the tensors.
        #expect(model.entry.spec.layers == 2 && model.entry.spec.hidden == 64 && model.entry.spec.vocab == 256)
        #expect(model.entry.spec.heads * model.entry.spec.headDim == 64 && model.entry.spec.kvHeads * model.entry.spec.headDim == 32)
        let parts = try #require(model.result.checkpoint?.summary.parts)
        #expect(parts.values.reduce(0, +) == Self.tinyLlama)
        #expect(parts[.embedding] == 16_384 && parts[.head] == 16_384 && parts[.norm] == 320 && parts[.vision] == 0)
        let json = JSONWriter().document(report)
        #expect(json.contains("\"basis\": \"checkpoint\""))
        #expect(json.contains("\"other\": 0"))
        // Every breakdown key a family-counted model has (keys are only ever added), then `other`.
        let components = try #require(json.components(separatedBy: "\"components\": {").dropFirst().first?.components(separatedBy: "}").first)
        let keys = components.split(separator: ",").map { $0.split(separator: ":")[0].trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(keys == Component.allCases.map { "\"\($0.rawValue)\"" } + ["\"other\""])
        #expect(MarkdownWriter().releaseSection(model, level: 2).contains("counted from the checkpoint's tensors"))
    }

    /// gpt-oss: MXFP4 experts unpack to transformers' [E, in, out]; the count
    /// is transformers' own (GptOssForCausalLM on the meta device, printed by make_quantized.py):
    /// 142,032, of which experts 2 layers × (4·64·128 + 4·128 + 4·64·64 + 4·64) = 99,840.
    @Test func mxfp4Experts() throws {
        let summary = try CheckpointReader.summary("\(Self.folder)/tiny-gpt-oss-mxfp4")
        #expect(summary.parameters == 142_032)
        #expect(summary.quantization == "mxfp4")
        #expect(summary.metadata.count == 4)  // the *_scales of 2 projections × 2 layers
        let gateUp = try #require(summary.inventory.tensors.first { $0.name == "model.layers.0.mlp.experts.gate_up_proj" })
        #expect(gateUp.shape == [4, 64, 128])
        #expect(summary.parts[.experts] == 99_840)
        let model = try #require(try TestSupport.report(["\(Self.folder)/tiny-gpt-oss-mxfp4"]).models.first)
        #expect(model.result.total == 142_032)
    }

    /// DeepSeek-V3 with its multi-token-prediction layer 2 stored beside layers 0 and 1: the
    /// architecture (23,904, transformers' count) matches the file without it, and the layer is
    /// named as extra: a copy of layer 1's 25 tensors plus the MTP head's own 6.
    @Test func multiTokenPredictionLayerIsNamedNotCounted() throws {
        let model = try #require(try TestSupport.report(["\(Self.folder)/tiny-deepseek-v3-mtp"]).models.first)
        let comparison = try #require(model.result.checkpoint)
        #expect(model.result.total == 23_904)
        #expect(comparison.matches && comparison.onlyInFile.isEmpty && comparison.onlyInEstimate.isEmpty)
        let extra = try #require(comparison.summary.extraLayers)
        #expect(extra.layers == [2])
        #expect(extra.reason.hasPrefix("multi-token prediction"))
        // Layer 1 again: latent attention 32·16 + 16 + 32·16 + 32·24 + 16 + 16·32 + 32·16 = 2,848,
        // 2 norms 64, 4 experts · 3 · 16·32 = 6,144, 1 shared 1,536, router 4·32 = 128 (10,720);
        // + enorm 32 + hnorm 32 + eh_proj 32·64 + embed_tokens 64·32 + shared_head norm 32 + head 64·32.
        #expect(extra.parameters == 10_720 + 32 + 32 + 2_048 + 2_048 + 32 + 2_048)
        #expect(extra.tensors == 31)
        #expect(TextWriter().render(try TestSupport.report(["\(Self.folder)/tiny-deepseek-v3-mtp"])).contains("Extra layers (not counted)"))
    }

    /// GLM-4.5 (glm4_moe) with its next-n layer stored as layer 2: the architecture's 24,480
    /// (transformers' count) matches, the layer is named. Layer 1 again: attention with QKV biases
    /// 32·32 + 32 + 16·32 + 16 + 16·32 + 16 + 32·32 = 3,136, norms 64, experts 6,144, shared 1,536,
    /// router 128 (11,008); + enorm, hnorm, eh_proj, embed_tokens, shared_head norm and head 6,240.
    @Test func glmNextNLayerIsNamedNotCounted() throws {
        let model = try #require(try TestSupport.report(["\(Self.folder)/tiny-glm4-moe-mtp"]).models.first)
        let comparison = try #require(model.result.checkpoint)
        #expect(model.result.basis == .architecture && model.result.total == 24_480)
        #expect(comparison.matches && comparison.onlyInFile.isEmpty && comparison.onlyInEstimate.isEmpty)
        let extra = try #require(comparison.summary.extraLayers)
        #expect(extra.layers == [2] && extra.tensors == 31 && extra.parameters == 11_008 + 6_240)
    }

    /// gpt-oss stores its experts fused (`experts.gate_up_proj_blocks`); the estimate names each
    /// expert's `gate_proj` and `up_proj`: the same tensors, so nothing is only on one side.
    @Test func fusedExpertsCompareWithPerExpertNames() throws {
        let model = try #require(try TestSupport.report(["\(Self.folder)/tiny-gpt-oss-mxfp4"]).models.first)
        let comparison = try #require(model.result.checkpoint)
        #expect(comparison.matches && comparison.onlyInFile.isEmpty && comparison.onlyInEstimate.isEmpty)
        #expect(CheckpointComparison.canonical("model.layers.0.mlp.experts.3.up_proj.weight") == "layers.0.mlp.experts.gate_up_proj")
        #expect(CheckpointComparison.canonical("model.layers.0.mlp.experts.gate_up_proj_bias") == "layers.0.mlp.experts.gate_up_proj_bias")
        #expect(CheckpointComparison.canonical("model.layers.0.mlp.experts.1.down_proj.bias") == "layers.0.mlp.experts.down_proj_bias")
    }

    /// T5's `decoder.block.N.layer.2` is block N's feed-forward sub-layer, never an extra layer:
    /// 44,800 (transformers' count, make_quantized.py), everything compared.
    @Test func t5SubLayersAreNotExtraLayers() throws {
        let model = try #require(try TestSupport.report(["\(Self.folder)/tiny-t5"]).models.first)
        let comparison = try #require(model.result.checkpoint)
        #expect(model.result.total == 44_800 && comparison.matches && comparison.summary.extraLayers == nil)
        #expect(comparison.onlyInFile.isEmpty && comparison.onlyInEstimate.isEmpty)
    }

    /// BERT as released (BertForPreTraining): BertModel's 23,520 (transformers' count) matches, the
    /// `cls.*` pretraining head (the MLM transform 32·32 + 32 + 2·32 and bias 100, NSP 2·32 + 2 =
    /// 1,286) is named and not counted, and `position_ids` is a buffer.
    @Test func bertPretrainingHeadIsNamedNotCounted() throws {
        let model = try #require(try TestSupport.report(["\(Self.folder)/tiny-bert-pretraining"]).models.first)
        let comparison = try #require(model.result.checkpoint)
        #expect(model.result.total == 23_520 && comparison.matches && comparison.onlyInFile.isEmpty)
        #expect(comparison.pretrainingHead.count == 7 && comparison.pretrainingHeadParameters == 1_024 + 32 + 64 + 100 + 64 + 2)
        #expect(comparison.summary.buffers.map(\.name) == ["bert.embeddings.position_ids"])
    }

    /// A GGUF as a model: llama.cpp's `llama.*` keys give the spec; the tensor infos the count.
    /// 128·32 + 2·(32·32 + 2·16·32 + 32·32 + 3·64·32 + 2·32) + 32 + 128·32 = 26,784;
    /// `rope_freqs.weight` is a buffer.
    @Test func ggufIsAModel() throws {
        let model = try #require(try TestSupport.report(["\(Self.folder)/tiny-llama.gguf"]).models.first)
        #expect(model.result.basis == .architecture)
        #expect(model.entry.spec.architecture == "llama")
        #expect(model.entry.spec.layers == 2 && model.entry.spec.kvHeads == 2 && model.entry.spec.ffn == 64 && !model.entry.spec.tiedEmbeddings)
        #expect(model.result.total == 26_784)
        let comparison = try #require(model.result.checkpoint)
        #expect(comparison.matches)
        #expect(comparison.summary.buffers.map(\.name) == ["rope_freqs.weight"])
        #expect(comparison.estimatedFormat == "fp16")  // general.file_type 1 (MOSTLY_F16): the F16 row
    }

    /// DeepSeek-V3 as llama.cpp writes it (`deepseek2`, sigmoid gating, `key_length` and
    /// `value_length` per head, experts stacked, the MTP layer as `blk.2.nextn.*` counted in
    /// `block_count` 3 with `nextn_predict_layers` 1): the spec from the keys counts transformers'
    /// 23,904, the tensors agree, and layer 2 (16,960, as in the safetensors fixture) is named.
    @Test func deepseekGGUFWithItsNextNLayer() throws {
        let model = try #require(try TestSupport.report(["\(Self.folder)/tiny-deepseek-v3.gguf"]).models.first)
        #expect(model.entry.spec.architecture == "deepseek_v3" && model.entry.spec.layers == 2)
        #expect(model.result.basis == .architecture && model.result.total == 23_904)
        let comparison = try #require(model.result.checkpoint)
        #expect(comparison.matches)
        let extra = try #require(comparison.summary.extraLayers)
        #expect(extra.layers == [2] && extra.parameters == 16_960 && extra.reason.hasPrefix("multi-token prediction"))
    }

    @Test func indexTotalParametersIsChecked() throws {
        let directory = try TestSupport.temporaryDirectory()
        let source = "\(TestSupport.fixtures)/checkpoints/tiny-llama-sharded"
        for name in try FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: "\(source)/\(name)", toPath: "\(directory)/\(name)")
        }
        let indexPath = "\(directory)/model.safetensors.index.json"
        var index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: indexPath))) as? [String: Any])
        index["metadata"] = ["total_size": 214_272, "total_parameters": 106_496]
        try JSONSerialization.data(withJSONObject: index).write(to: URL(fileURLWithPath: indexPath))
        let summary = try CheckpointReader.summary(indexPath)
        #expect(summary.declaredParameters == 106_496 && summary.parameters == Self.tinyLlama)
        let table = InspectFormat.table.render(summary)
        #expect(table.contains("Declared by the index (total_parameters)") && table.contains("−320 from the headers' count"))
    }

    /// A list entry that is only a checkpoint: counted from it.
    @Test func listEntryWithOnlyACheckpoint() throws {
        let list = """
            title: Checkpoints
            models:
              - name: bare
                checkpoint: \(Self.folder)/tiny-noconfig/model.safetensors
                published: 107K
            """
        let path = try TestSupport.write(list)
        let model = try #require(try TestSupport.report([path]).models.first)
        #expect(model.result.basis == .checkpoint && model.result.total == Self.tinyLlama && model.name == "bare")
        #expect(model.result.deviation?.consistent == true)
    }

    @Test func inspectJSONHasLogicalAndStored() throws {
        let output = try CommandRunner.run(["inspect", "\(Self.folder)/tiny-llama-gptq", "--format", "json"])
        #expect(output.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["parameters"] as? Int == Self.tinyLlama)
        #expect(object["quantization"] as? String == "gptq")
        let stored = try #require(object["stored"] as? [String: Any])
        #expect(stored["tensors"] as? Int == 63)
        let dtypes = try #require(stored["dtypes"] as? [String: [String: Int]])
        #expect(Set(dtypes.keys) == ["F16", "I32"])
        #expect((object["buffers"] as? [Any])?.isEmpty == true)
        #expect((object["quantization_metadata"] as? [String: Int])?["tensors"] == 42)
    }

    /// Packed layouts that do not add up are refused with the tensor named (exit 2).
    @Test(arguments: [
        ("{\"a.qweight\":{\"dtype\":\"I32\",\"shape\":[2,2,2],\"data_offsets\":[0,32]}}", 32,
         "tensor \"a.qweight\": a qweight must have 2 dimensions, found [2, 2, 2]"),
        ("{\"e_blocks\":{\"dtype\":\"U8\",\"shape\":[2,3,16],\"data_offsets\":[0,96]},\"e_scales\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[96,98]}}", 98,
         "tensor \"e_blocks\": MXFP4 blocks [2, 3, 16] with scales [2]"),
    ])
    func badPackedLayouts(_ header: String, _ data: Int, _ message: String) throws {
        let path = try CheckpointBytes.write(CheckpointBytes.safetensors(header, data: data), as: "bad.safetensors")
        let output = try CommandRunner.run(["inspect", path])
        #expect(output.status == 2)
        #expect(output.firstError.contains(path) && output.firstError.contains(message))
    }

    /// A quant state whose header claims more than 64 KB is never read: the 4-bit weight counts
    /// two values a stored byte.
    @Test func oversizedQuantStateIsNotRead() throws {
        let big = 70_000
        let header = """
            {"l.weight":{"dtype":"U8","shape":[8,1],"data_offsets":[0,8]},\
            "l.weight.absmax":{"dtype":"F32","shape":[1],"data_offsets":[8,12]},\
            "l.weight.quant_state.bitsandbytes__nf4":{"dtype":"U8","shape":[\(big)],"data_offsets":[12,\(12 + big)]}}
            """
        let path = try CheckpointBytes.write(CheckpointBytes.safetensors(header, data: 12 + big), as: "nf4.safetensors")
        let summary = try CheckpointReader.summary(path)
        #expect(summary.parameters == 16)
        #expect(summary.quantization == "bitsandbytes 4-bit")
    }

    /// A GGUF whose `llama.*` keys are incomplete (tiny.gguf has only block_count): counted from
    /// its tensors, 16,384 + 64 + 4,096 + 8,192 + 512 = 29,248 (CheckpointReaderTests' dtypes),
    /// with a warning that names the architecture.
    @Test func incompleteGGUFIsCountedFromItsTensors() throws {
        let path = "\(TestSupport.fixtures)/checkpoints/tiny.gguf"
        let (lists, diagnostics) = ConfigLoader().load([path])
        #expect(diagnostics.count == 1 && diagnostics[0].severity == .warning && diagnostics[0].message.contains("\"llama\""))
        let model = try #require(try ReportBuilder.build(lists).get().models.first)
        #expect(model.result.basis == .checkpoint && model.result.total == 29_248)
    }

    /// A base-model prefix on one side only names the same tensor (GPT-2's LM head saves
    /// `transformer.h.0...`, a bare BertModel `embeddings...`).
    @Test func basePrefixIsTheSameTensor() {
        #expect(CheckpointComparison.withoutBasePrefix("transformer.h.0.attn.c_attn.weight") == "h.0.attn.c_attn.weight")
        #expect(CheckpointComparison.withoutBasePrefix("bert.embeddings.word_embeddings.weight") == "embeddings.word_embeddings.weight")
        #expect(CheckpointComparison.withoutBasePrefix("lm_head.weight") == "lm_head.weight")
        #expect(CheckpointComparison.canonical("bert.embeddings.LayerNorm.gamma") == "embeddings.LayerNorm.weight")
    }

    /// The small tensors read from the data must agree with the packed ones: a quant state that
    /// claims more elements than its packed bytes hold, or a `weight_shape` wider than the packed
    /// columns, is refused (exit 2, the tensor named), never counted.
    @Test(arguments: [
        ("l.weight.quant_state.bitsandbytes__nf4", #"{"shape": [1000, 1000]}"#, "U8",
         "the quant state's shape [1000, 1000] does not fit the 8 packed bytes of l.weight"),
        ("l.weight_shape", "", "I64", "weight_shape [4, 64] does not fit the packed weight I32 [4, 2] at 4 bits"),
    ])
    func lyingPayloadsAreRefused(_ name: String, _ json: String, _ dtype: String, _ message: String) throws {
        var data: [UInt8]
        let header: String
        if dtype == "U8" {
            data = [UInt8](repeating: 0, count: 12) + Array(json.utf8)
            header = """
                {"l.weight":{"dtype":"U8","shape":[8,1],"data_offsets":[0,8]},\
                "l.weight.absmax":{"dtype":"F32","shape":[1],"data_offsets":[8,12]},\
                "\(name)":{"dtype":"U8","shape":[\(json.utf8.count)],"data_offsets":[12,\(12 + json.utf8.count)]}}
                """
        } else {
            // compressed-tensors int4: weight_packed I32 [4, 2] holds 4 × 16; weight_shape says 4 × 64.
            data = [UInt8](repeating: 0, count: 32) + CheckpointBytes.u64(4) + CheckpointBytes.u64(64)
            header = """
                {"l.weight_packed":{"dtype":"I32","shape":[4,2],"data_offsets":[0,32]},\
                "\(name)":{"dtype":"I64","shape":[2],"data_offsets":[32,48]}}
                """
        }
        let bytes = CheckpointBytes.u64(UInt64(header.utf8.count)) + Array(header.utf8) + data
        let path = try CheckpointBytes.write(bytes, as: "lying.safetensors")
        let output = try CommandRunner.run(["inspect", path])
        #expect(output.status == 2)
        #expect(output.firstError.contains(path) && output.firstError.contains(message))
    }

    /// An unknown family whose config claims 10¹² layers: the count is still the tensors', and the
    /// seed and memory figures do not walk the claimed layers (sizes bounded as a spec's are).
    @Test func lyingConfigSizesAreBounded() throws {
        let directory = try TestSupport.temporaryDirectory()
        try FileManager.default.copyItem(atPath: "\(Self.folder)/tiny-noconfig/model.safetensors", toPath: "\(directory)/model.safetensors")
        try Data(#"{"model_type": "nobody", "num_hidden_layers": 1000000000000, "hidden_size": 64}"#.utf8)
            .write(to: URL(fileURLWithPath: "\(directory)/config.json"))
        let start = Date()
        let model = try #require(try TestSupport.report([directory]).models.first)
        #expect(model.result.basis == .checkpoint && model.result.total == Self.tinyLlama)
        #expect(model.entry.spec.layers == 2)  // the layers stored, not the claim
        #expect(Date().timeIntervalSince(start) < 10)
    }
}
