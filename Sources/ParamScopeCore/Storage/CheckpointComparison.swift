/// An estimate and a checkpoint side by side: parameters, bytes, and the tensors one has and
/// the other lacks.
///
/// The file's side is its logical parameters (`CheckpointSummary.parameters`): packed quantized
/// weights unpacked, quantization metadata and buffers left out, and layers the architecture does
/// not build (multi-token prediction) named in `summary.extraLayers` instead of counted.
public struct CheckpointComparison: Sendable, Equatable {
    public var summary: CheckpointSummary
    public var estimatedParameters: Int
    /// The estimate's bytes in the storage format matching the file's main dtype, when one does.
    public var estimatedBytes: Int?
    public var estimatedFormat: String?
    /// Tensor names (layers and experts spelled out) only in the estimate, and only in the file;
    /// compared for safetensors, whose names are Hugging Face's, not for GGUF.
    public var onlyInEstimate: [String]
    public var onlyInFile: [String]
    public var namesCompared: Bool
    /// The config ties the output head to the embedding, yet the file stores `lm_head.weight`.
    public var tiedStoredTwice: Bool
    /// Parameters of the duplicate head copy, excluded from `fileParameters`.
    public var duplicateParameters: Int
    /// Tensors of a pretraining head the counted model does not build (BERT's `cls.*`: the
    /// checkpoint is `BertForPreTraining`, the count `BertModel`'s), named and not counted.
    public var pretrainingHead: [String] = []
    public var pretrainingHeadParameters = 0

    /// The file's logical parameters, a tied head stored twice counted once, a pretraining head
    /// left out.
    public var fileParameters: Int { summary.parameters &- duplicateParameters &- pretrainingHeadParameters }

    /// Whether the file holds exactly the parameters the estimate counts.
    public var matches: Bool { fileParameters == estimatedParameters }

    public init(estimate inventory: Inventory, total: Int, spec: ModelSpec,
                checkpoint summary: CheckpointSummary) throws(ArithmeticOverflow) {
        self.summary = summary
        estimatedParameters = total
        let formatByDType = ["F32": "fp32", "F16": "fp16", "BF16": "bf16", "F8_E4M3": "fp8_e4m3", "F8_E5M2": "fp8_e5m2"]
        var format = summary.mainDType.flatMap { formatByDType[$0] }
        if summary.format.hasPrefix("gguf"), let fileType = summary.fileType, let type = LlamaFileType(ftype: fileType) {
            format = type.rawValue
        }
        // A quantized safetensors file compares with the storage row of its quantization, or none.
        if summary.quantization != nil { format = summary.storageFormat }
        estimatedFormat = format
        if let format, let known = StorageFormat.named(format) {
            estimatedBytes = try known.bytes(of: inventory, architecture: spec.architecture)
        }
        let fileNames = Set(summary.inventory.tensors.map(\.name))
        namesCompared = !summary.format.hasPrefix("gguf")
        let headName = summary.format.hasPrefix("gguf") ? "output.weight" : "lm_head.weight"
        let head = summary.inventory.tensors.first { $0.name == headName }
        tiedStoredTwice = spec.tiedEmbeddings && head != nil
        duplicateParameters = tiedStoredTwice ? (try head?.parameters() ?? 0) : 0
        if namesCompared {
            var estimateNames = Set<String>()
            for tensor in inventory.tensors { estimateNames.formUnion(tensor.concreteNames()) }
            var inEstimate = estimateNames.subtracting(fileNames)
            var inFile = fileNames.subtracting(estimateNames)
            if !inEstimate.isEmpty, !inFile.isEmpty {
                // A head class saves its base model under a prefix (`transformer.h.0` for GPT-2's
                // LM head, none for a bare BertModel's `embeddings`): the same tensor either way.
                // Experts stored fused (`experts.gate_up_proj [E, ...]`, gpt-oss and transformers 5)
                // are the estimate's per-expert `experts.{e}.gate_proj.weight` and `up_proj` too.
                let fileBases = Set(inFile.map(Self.canonical))
                let estimateBases = Set(inEstimate.map(Self.canonical))
                inEstimate = inEstimate.filter { !fileBases.contains(Self.canonical($0)) }
                inFile = inFile.filter { !estimateBases.contains(Self.canonical($0)) }
            }
            // Only the module a family is known to leave out of its count: never a gap of the estimate.
            if spec.architecture == "bert" {
                pretrainingHead = inFile.filter { $0.hasPrefix("cls.") }.sorted()
                let names = Set(pretrainingHead)
                for tensor in summary.inventory.tensors where names.contains(tensor.name) {
                    pretrainingHeadParameters = try Checked.add(pretrainingHeadParameters, tensor.parameters(), what: "the pretraining head")
                }
                inFile.subtract(names)
            }
            onlyInEstimate = inEstimate.sorted()
            onlyInFile = inFile.sorted()
        } else {
            onlyInEstimate = []
            onlyInFile = []
        }
    }
}

extension CheckpointComparison {
    /// transformers' `base_model_prefix` values a checkpoint may or may not put before its names.
    static let basePrefixes: Set<Substring> = ["transformer", "bert", "model", "roberta", "gpt_neox", "base_model"]

    /// A name as both spellings of one tensor agree on: no base-model prefix, `gamma`/`beta` as
    /// `weight`/`bias`, and routed experts
    /// folded (`mlp.experts.3.up_proj.weight` and `mlp.experts.gate_up_proj` both
    /// `mlp.experts.gate_up_proj`; a bias `..._bias`).
    static func canonical(_ name: String) -> String {
        var parts = withoutBasePrefix(name).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        // TensorFlow-era names (BERT's `LayerNorm.gamma` / `.beta`), renamed by transformers on load.
        if parts.last == "gamma" { parts[parts.count - 1] = "weight" } else if parts.last == "beta" { parts[parts.count - 1] = "bias" }
        guard let experts = parts.firstIndex(of: "experts"), experts + 1 < parts.count else { return parts.joined(separator: ".") }
        if Int(parts[experts + 1]) != nil { parts.remove(at: experts + 1) }
        guard experts + 1 < parts.count else { return parts.joined(separator: ".") }
        var tail = Array(parts[(experts + 1)...])
        if tail.count == 2, tail[1] == "weight" || tail[1] == "bias" {
            tail = [tail[1] == "bias" ? "\(tail[0])_bias" : tail[0]]
        }
        if var projection = tail.first {
            for half in ["gate_proj", "up_proj"] where projection.hasPrefix(half) {
                projection = "gate_up_proj" + projection.dropFirst(half.count)
            }
            tail[0] = projection
        }
        return (parts[...experts] + tail).joined(separator: ".")
    }

    static func withoutBasePrefix(_ name: String) -> Substring {
        guard let dot = name.firstIndex(of: "."), basePrefixes.contains(name[..<dot]) else { return Substring(name) }
        return name[name.index(after: dot)...]
    }
}

extension TensorEntry {
    /// The names of every copy: `{layer}` and `{expert}` spelled out.
    public func concreteNames() -> [String] {
        var names: [String] = []
        let layerIndices = firstLayer >= 0 ? (0..<max(0, layers)).map { firstLayer &+ $0 &* layerStride } : [-1]
        for layer in layerIndices {
            let withLayer = layer >= 0 ? name.replacing("{layer}", with: String(layer)) : name
            if withLayer.contains("{expert}") {
                for expert in 0..<max(0, experts) { names.append(withLayer.replacing("{expert}", with: String(expert))) }
            } else {
                names.append(withLayer)
            }
        }
        return names
    }
}

extension LlamaFileType {
    /// llama.cpp's `LLAMA_FTYPE_MOSTLY_*` number (GGUF `general.file_type`).
    public init?(ftype: Int) {
        let table: [Int: LlamaFileType] = [
            2: .q4_0, 3: .q4_1, 7: .q8_0, 8: .q5_0, 9: .q5_1, 10: .q2_K, 11: .q3_K_S, 12: .q3_K_M, 13: .q3_K_L,
            14: .q4_K_S, 15: .q4_K_M, 16: .q5_K_S, 17: .q5_K_M, 18: .q6_K, 30: .iq4_xs,
        ]
        guard let type = table[ftype] else { return nil }
        self = type
    }
}
