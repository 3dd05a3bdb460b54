import Foundation

/// What a config.json says about the checkpoint beside it, as far as counting its tensors needs:
/// the `quantization_config` (how packed tensors unpack) and the decoder's layer count (which
/// stored layers the architecture builds).
public struct CheckpointContext: Sendable, Equatable {
    public var quantization: QuantizationConfig?
    /// Decoder layers the architecture builds (`num_hidden_layers`); layers stored beyond them
    /// are extra (multi-token prediction).
    public var layers: Int?
    /// `num_nextn_predict_layers` (DeepSeek-V3, GLM-4.5): the config declares the extra layers.
    public var declaredExtraLayers: Int

    public init(quantization: QuantizationConfig? = nil, layers: Int? = nil, declaredExtraLayers: Int = 0) {
        self.quantization = quantization
        self.layers = layers
        self.declaredExtraLayers = declaredExtraLayers
    }

    /// Read from a parsed config.json (the top level, or `text_config` for a multimodal one).
    init(config: HFConfig) throws(Diagnostic) {
        let text = try config.object("text_config")
        let layerKeys = ["num_hidden_layers", "n_layer", "num_layers"]
        var layers = try Self.int(config, layerKeys)
        var extra = try config.int("num_nextn_predict_layers")
        if let text {
            if layers == nil { layers = try Self.int(text, layerKeys) }
            if extra == nil { extra = try text.int("num_nextn_predict_layers") }
        }
        self.layers = layers
        declaredExtraLayers = extra ?? 0
        if let quantization = try config.object("quantization_config") {
            self.quantization = try QuantizationConfig(quantization)
        } else {
            self.quantization = nil
        }
    }

    private static func int(_ config: HFConfig, _ keys: [String]) throws(Diagnostic) -> Int? {
        for key in keys { if let value = try config.int(key) { return value } }
        return nil
    }

    /// The config.json beside a checkpoint (in its folder, or in the directory given), if any.
    static func beside(_ path: String) throws(Diagnostic) -> CheckpointContext {
        var isDirectory: ObjCBool = false
        let folder = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? path : (path as NSString).deletingLastPathComponent
        let config = (folder.isEmpty ? "." : folder as NSString).appendingPathComponent("config.json")
        guard FileManager.default.fileExists(atPath: config) else { return CheckpointContext() }
        return try CheckpointContext(config: HFConfig.read(config))
    }
}

/// A config.json's `quantization_config`: the method and the widths packed tensors unpack by.
public struct QuantizationConfig: Sendable, Equatable {
    /// `quant_method` as written: `gptq`, `awq`, `bitsandbytes`, `fp8`, `mxfp4`, `compressed-tensors`, ...
    public var method: String
    /// Bits per packed weight (GPTQ/AWQ `bits`/`w_bit`, compressed-tensors `num_bits`); nil: not said.
    public var bits: Int?
    /// AWQ's kernel layout (`gemm`, `gemv`, ...), lower-cased.
    public var version: String?
    /// bitsandbytes: `load_in_4bit` / `load_in_8bit`, and the 4-bit type (`nf4`, `fp4`).
    public var bitsandbytes4Bit: Bool
    public var bitsandbytes8Bit: Bool
    public var fourBitType: String?
    /// Inputs per scale (GPTQ/AWQ `group_size`/`q_group_size`); bitsandbytes' double quantization.
    public var groupSize: Int?
    public var doubleQuant: Bool = false

    /// The storage row (`StorageFormat` name) this quantization is, when ParamScope has one.
    public func storageFormat(method detected: String) -> String? {
        switch detected {
        case "gptq" where bits == 4 && groupSize == 128: return "gptq_int4_g128"
        case "awq" where bits == 4 && groupSize == 128: return "awq_int4_g128"
        case "bitsandbytes 4-bit" where (fourBitType ?? "fp4") == "nf4": return doubleQuant ? "nf4_dq" : "nf4"
        case "bitsandbytes 8-bit": return "int8"
        case "fp8": return "fp8_e4m3"
        default: return nil
        }
    }

    public init(method: String, bits: Int? = nil, version: String? = nil, bitsandbytes4Bit: Bool = false,
                bitsandbytes8Bit: Bool = false, fourBitType: String? = nil) {
        self.method = method
        self.bits = bits
        self.version = version
        self.bitsandbytes4Bit = bitsandbytes4Bit
        self.bitsandbytes8Bit = bitsandbytes8Bit
        self.fourBitType = fourBitType
    }

    init(_ config: HFConfig) throws(Diagnostic) {
        method = (try config.string("quant_method") ?? "unknown").lowercased()
        var bits = try config.int("bits")
        if bits == nil { bits = try config.int("w_bit") }
        // compressed-tensors: config_groups.<group>.weights.num_bits (the first group that says).
        if bits == nil, let groups = try config.object("config_groups") {
            for key in groups.object.keys.sorted() {
                if let group = try groups.object(key), let weights = try group.object("weights"),
                   let value = try weights.int("num_bits") {
                    bits = value
                    break
                }
            }
        }
        guard bits.map({ (1...32).contains($0) }) ?? true else {
            throw Diagnostic(file: config.file, "\(config.path).bits: \(bits!) bits per weight cannot pack into 32-bit words (1 to 32)")
        }
        self.bits = bits
        version = try config.string("version")?.lowercased()
        bitsandbytes4Bit = try config.bool("load_in_4bit") ?? false
        bitsandbytes8Bit = try config.bool("load_in_8bit") ?? false
        fourBitType = try config.string("bnb_4bit_quant_type")
        groupSize = try config.int("group_size")
        if groupSize == nil { groupSize = try config.int("q_group_size") }
        doubleQuant = try config.bool("bnb_4bit_use_double_quant") ?? false
    }
}
