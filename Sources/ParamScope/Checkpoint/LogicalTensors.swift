import Foundation
import ParamScopeCore

/// A checkpoint's stored tensors sorted into what the unquantized model has — its parameters, with
/// packed weights unpacked to their logical shapes — and what it does not: quantization metadata
/// and buffers. Pure: the stored tensors (and, for two small tensors a header does not describe,
/// their bytes) in, values out; a header fetched over HTTP sorts here as one read from disk.
///
/// Layouts (the formats' public writers; NOTES.md):
/// - GPTQ `qweight` I32 `[in·bits/32, out]`, AWQ (GEMM) `qweight` I32 `[in, out·bits/32]`, AWQ GEMV
///   `[out, in·bits/32]`; `qzeros`, `scales`, `g_idx` metadata.
/// - bitsandbytes 4-bit: `weight` U8 `[⌈n/2⌉, 1]` with `weight.absmax`, `weight.quant_map`,
///   `weight.nested_*` and `weight.quant_state.bitsandbytes__nf4|fp4` (a JSON object whose `shape`
///   is the logical one); 8-bit: `weight` I8 as is, `SCB` and `weight_format` metadata.
/// - FP8: `weight` as is, `weight_scale_inv` (block scales), `weight_scale`, `input_scale` metadata.
/// - MXFP4 (gpt-oss): `X_blocks` U8 `[E, out, in/32, 16]` (two 4-bit values a byte) + `X_scales`
///   → the parameter `X` of transformers' shape `[E, in, out]`.
/// - NVFP4 (ModelOpt): `weight` U8 `[out, in/2]` beside `weight_scale` F8 → `weight [out, in]`.
/// - compressed-tensors: `weight_packed` `[out, in·bits/w]` (w the dtype's bits) with
///   `weight_shape` (the logical shape, in its data), `weight_scale`, `weight_zero_point`, ...
enum LogicalTensors {
    typealias Stored = CheckpointSummary.StoredTensor

    struct Parameter {
        var name: String
        var shape: [Int]
    }

    struct Sorted {
        var parameters: [Parameter] = []
        var metadata: [Stored] = []
        var buffers: [Stored] = []
        /// The method the tensors were read as (nil: nothing packed or quantized).
        var method: String?
    }

    /// Payloads above this are never fetched: a quant state is a few hundred bytes, a shape 16.
    static let payloadCap = 1 << 16

    /// - Parameter payload: the bytes of a small stored tensor by name, when they can be read
    ///   (nil: not available, the logical shape then follows from the packed one).
    /// - Throws: a message naming the tensor whose layout does not add up.
    static func sort(_ stored: [Stored], quantization: QuantizationConfig?,
                     payload: (Stored) -> [UInt8]?) throws(LayoutError) -> Sorted {
        var byName: [String: Stored] = [:]
        // bitsandbytes 4-bit state tensors by their weight (`X.weight.absmax` → `X.weight`),
        // gathered once: a look-up per weight, not a scan of every name (DeepSeek-V3: 91k tensors).
        var states: [String: [Stored]] = [:]
        for tensor in stored {
            byName[tensor.name] = tensor
            if let range = tensor.name.range(of: ".weight.", options: .backwards) {
                states[String(tensor.name[..<range.lowerBound]) + ".weight", default: []].append(tensor)
            }
        }
        var result = Sorted()
        var taken = Set<String>()
        var metadataNames = Set<String>()
        var detected: String?
        // A name sorted before its weight (`g_idx` before `qweight`) may have been taken as a
        // parameter already: it moves to the metadata, and out of the parameters at the end.
        func metadata(_ name: String) {
            guard let tensor = byName[name], !metadataNames.contains(name) else { return }
            taken.insert(name)
            metadataNames.insert(name)
            result.metadata.append(tensor)
        }
        let scaleSuffixes = ["weight_scale", "weight_scale_inv", "weight_scale_2", "weight_zero_point", "weight_g_idx",
                             "weight_global_scale", "weight_shape", "input_scale", "input_zero_point", "input_global_scale",
                             "output_scale", "activation_scale"]
        let method = quantization?.method

        for tensor in stored where !taken.contains(tensor.name) {
            let name = tensor.name
            if isBuffer(tensor) {
                taken.insert(name)
                result.buffers.append(tensor)
                continue
            }
            if let prefix = name.strip(suffix: ".qweight") {
                let (parameter, awq) = try packedInteger(tensor, prefix: prefix, byName: byName, quantization: quantization)
                taken.insert(name)
                for suffix in ["qzeros", "scales", "g_idx"] { metadata("\(prefix).\(suffix)") }
                result.parameters.append(parameter)
                detected = detected ?? (awq ? "awq" : "gptq")
                continue
            }
            if let prefix = name.strip(suffix: ".weight_packed") {
                let bits = quantization?.bits ?? 4
                guard tensor.shape.count == 2, let width = SafetensorsReader.dtypeBits[tensor.dtype], width % bits == 0,
                      case let (columns, false) = tensor.shape[1].multipliedReportingOverflow(by: width / bits) else {
                    throw LayoutError(name, "a packed weight \(tensor.dtype) \(tensor.shape) does not unpack at \(bits) bits")
                }
                var shape = [tensor.shape[0], columns]
                // `weight_shape` (in the data) is the exact one: the packed columns, less padding.
                if let shapeTensor = byName["\(prefix).weight_shape"], let stored = payload(shapeTensor).flatMap({ integers($0, dtype: shapeTensor.dtype) }) {
                    guard stored.count == 2, stored[0] == shape[0], stored[1] <= columns, stored[1] > columns - width / bits else {
                        throw LayoutError(shapeTensor.name, "weight_shape \(stored) does not fit the packed weight \(tensor.dtype) \(tensor.shape) at \(bits) bits")
                    }
                    shape = stored
                }
                taken.insert(name)
                for suffix in scaleSuffixes { metadata("\(prefix).\(suffix)") }
                result.parameters.append(Parameter(name: "\(prefix).weight", shape: shape))
                detected = detected ?? "compressed-tensors"
                continue
            }
            if let prefix = name.strip(suffix: ".weight"), let form = bitsandbytes(prefix, states: states[name] ?? [], byName: byName) {
                taken.insert(name)
                for other in states[name] ?? [] { metadata(other.name) }
                metadata("\(prefix).SCB")
                metadata("\(prefix).weight_format")
                if form == "8-bit" {
                    result.parameters.append(Parameter(name: name, shape: tensor.shape))
                } else {
                    let state = (states[name] ?? []).first { $0.name.hasPrefix("\(prefix).weight.quant_state.") }
                    // Two 4-bit values a byte (quant_storage uint8): the packed bytes are half the
                    // elements (exact for an even count, every linear layer of a released model);
                    // the quant state's `shape` is the exact one, and must fit those bytes.
                    var shape = [tensor.elements * 2, 1]
                    if let state, let stored = payload(state).flatMap(quantStateShape) {
                        let product = stored.reduce(into: (value: 1, overflow: false)) { result, size in
                            let (value, overflow) = result.value.multipliedReportingOverflow(by: size)
                            result = (value, result.overflow || overflow)
                        }
                        guard !product.overflow, (product.value + 1) / 2 == tensor.elements else {
                            throw LayoutError(state.name, "the quant state's shape \(stored) does not fit the \(tensor.elements) packed bytes of \(name)")
                        }
                        shape = stored
                    }
                    result.parameters.append(Parameter(name: name, shape: shape))
                }
                detected = detected ?? "bitsandbytes \(form)"
                continue
            }
            if let prefix = name.strip(suffix: "_blocks"), let scales = byName["\(prefix)_scales"] {
                // MXFP4: 16 bytes a block of 32 values; transformers' parameter is [E, in, out].
                guard tensor.shape.count >= 3, tensor.shape.last == 16, scales.shape == Array(tensor.shape.dropLast()) else {
                    throw LayoutError(name, "MXFP4 blocks \(tensor.shape) with scales \(scales.shape) (expected [..., out, in/32, 16] and [..., out, in/32])")
                }
                let count = tensor.shape.count
                let (outer, out, blocks) = (Array(tensor.shape.prefix(count - 3)), tensor.shape[count - 3], tensor.shape[count - 2])
                let (inner, overflow) = blocks.multipliedReportingOverflow(by: 32)
                guard !overflow else { throw LayoutError(name, "\(blocks) blocks of 32 overflow") }
                taken.insert(name)
                metadata(scales.name)
                result.parameters.append(Parameter(name: prefix, shape: outer + [inner, out]))
                detected = detected ?? "mxfp4"
                continue
            }
            if let prefix = name.strip(suffix: ".weight"),
               scaleSuffixes.contains(where: { byName["\(prefix).\($0)"] != nil }) {
                taken.insert(name)
                for suffix in scaleSuffixes { metadata("\(prefix).\(suffix)") }
                if tensor.dtype == "U8", tensor.shape.count == 2 {
                    // A byte weight with scales is packed FP4, two values a byte (NVFP4 of ModelOpt:
                    // `weight` U8 [out, in/2], `weight_scale` F8 [out, in/16], `weight_scale_2`).
                    guard case let (columns, false) = tensor.shape[1].multipliedReportingOverflow(by: 2) else {
                        throw LayoutError(name, "a packed FP4 weight \(tensor.shape) overflows")
                    }
                    result.parameters.append(Parameter(name: name, shape: [tensor.shape[0], columns]))
                    detected = detected ?? "nvfp4"
                    continue
                }
                result.parameters.append(Parameter(name: name, shape: tensor.shape))
                detected = detected ?? (byName["\(prefix).weight_scale_inv"] != nil || tensor.dtype.hasPrefix("F8") ? "fp8" : method ?? "quantized")
                continue
            }
            // Per-tensor scales of a quantized KV cache (`self_attn.k_scale`) are metadata.
            if method != nil || detected != nil,
               ["k_scale", "v_scale", "q_scale", "prob_scale"].contains(where: { name.hasSuffix(".\($0)") }) {
                metadata(name)
                continue
            }
            taken.insert(name)
            result.parameters.append(Parameter(name: name, shape: tensor.shape))
        }
        result.parameters.removeAll { metadataNames.contains($0.name) }
        result.method = detected.map { found in method.map { $0 == found || found.hasPrefix($0) ? found : "\($0) (\(found))" } ?? found }
        return result
    }

    /// A name the model registers as a buffer, not a parameter: rotary frequencies, causal masks,
    /// position and token-type id tables; booleans are never parameters.
    static func isBuffer(_ tensor: Stored) -> Bool {
        let name = tensor.name
        if tensor.dtype == "BOOL" { return true }
        // llama.cpp's rope frequencies and Phi-3's long/short rope factors.
        if ["rope_freqs.weight", "rope_factors_long.weight", "rope_factors_short.weight"].contains(name) { return true }
        // llama.cpp's name for DeepSeek-V3's router correction bias (a buffer in transformers).
        if name.hasSuffix(".exp_probs_b.bias") { return true }
        // transformers' `nn.Buffer`s and `register_buffer`s that checkpoints carry: rotary
        // frequencies (`inv_freq`, `original_inv_freq`, Gemma 3's `sliding_attention_inv_freq`),
        // id tables, DeepSeek-V3's router `e_score_correction_bias`, BART's `final_logits_bias`,
        // batch-norm statistics.
        if name.hasSuffix("inv_freq") { return true }
        for suffix in [".position_ids", ".token_type_ids", ".masked_bias", ".cos_cached", ".sin_cached", "._float_tensor",
                       ".causal_mask", ".e_score_correction_bias", ".final_logits_bias", ".embed_scale",
                       ".relative_position_index", ".running_mean", ".running_var", ".num_batches_tracked"]
        where name.hasSuffix(suffix) || name == String(suffix.dropFirst()) {
            return true
        }
        // GPT-2, GPT-J, GPT-Neo: `attn.bias` is the [1, 1, n, n] causal mask (c_attn.bias is a parameter).
        if tensor.shape.count >= 3, name.hasSuffix("attn.bias") || name.hasSuffix("attention.bias") { return true }
        return false
    }

    /// GPTQ or AWQ: the logical `[out, in]` weight of a packed `qweight`.
    static func packedInteger(_ qweight: Stored, prefix: String, byName: [String: Stored],
                              quantization: QuantizationConfig?) throws(LayoutError) -> (Parameter, awq: Bool) {
        let name = qweight.name
        let bits = quantization?.bits ?? 4
        guard qweight.shape.count == 2 else { throw LayoutError(name, "a qweight must have 2 dimensions, found \(qweight.shape)") }
        let (rows, columns) = (qweight.shape[0], qweight.shape[1])
        func unpack(_ words: Int) throws(LayoutError) -> Int {
            let (value, overflow) = words.multipliedReportingOverflow(by: 32)
            guard !overflow, value % bits == 0 else { throw LayoutError(name, "\(words) words do not unpack at \(bits) bits") }
            return value / bits
        }
        let scalesWidth = byName["\(prefix).scales"]?.shape.last
        let method = quantization?.method
        if method == "awq", quantization?.version == "gemv" {
            return (Parameter(name: "\(prefix).weight", shape: [rows, try unpack(columns)]), true)
        }
        // AWQ (GEMM) packs along the output, GPTQ along the input: `scales` is [groups, out] in both.
        let awq = method == "awq" || (method == nil && scalesWidth != nil && scalesWidth != columns)
        if awq {
            return (Parameter(name: "\(prefix).weight", shape: [try unpack(columns), rows]), true)
        }
        var inputs = try unpack(rows)
        if let gIdx = byName["\(prefix).g_idx"], gIdx.shape.count == 1 { inputs = gIdx.shape[0] }
        return (Parameter(name: "\(prefix).weight", shape: [columns, inputs]), false)
    }

    /// `4-bit` or `8-bit` when `prefix.weight` is a bitsandbytes weight (its state tensors beside it).
    static func bitsandbytes(_ prefix: String, states: [Stored], byName: [String: Stored]) -> String? {
        if states.contains(where: { $0.name.hasSuffix(".weight.absmax") || $0.name.contains(".weight.quant_state.") }) {
            return "4-bit"
        }
        return byName["\(prefix).SCB"] != nil ? "8-bit" : nil
    }

    /// The `shape` of a bitsandbytes quant state (a JSON object, stored as U8 bytes).
    static func quantStateShape(_ bytes: [UInt8]) -> [Int]? {
        guard case .object(let members)? = try? JSONReader.parse(bytes),
              case .array(let values)? = members.first(where: { $0.key == "shape" })?.value else { return nil }
        let shape = values.compactMap { SafetensorsReader.integer($0) }
        return shape.count == values.count && shape.allSatisfy({ $0 >= 0 }) && !shape.isEmpty ? shape : nil
    }

    /// Little-endian integers of an I64/I32 tensor's data (compressed-tensors' `weight_shape`).
    static func integers(_ bytes: [UInt8], dtype: String) -> [Int]? {
        let width = dtype == "I64" ? 8 : dtype == "I32" ? 4 : 0
        guard width > 0, !bytes.isEmpty, bytes.count % width == 0, bytes.count <= 8 * width else { return nil }
        let values = stride(from: 0, to: bytes.count, by: width).map { Int(truncatingIfNeeded: bytes.littleEndian(at: $0, width: width)) }
        return values.allSatisfy { $0 >= 0 } ? values : nil
    }
}

/// A packed tensor whose shapes do not add up, named.
struct LayoutError: Error {
    var tensor: String
    var message: String
    init(_ tensor: String, _ message: String) {
        self.tensor = tensor
        self.message = message
    }
}

extension String {
    /// The string without `suffix`, or nil when it does not end with it.
    func strip(suffix: String) -> String? {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : nil
    }
}
