/// A llama.cpp file type (`llama-quantize ... Q4_K_M`): a default block type plus llama.cpp's
/// per-tensor choices.
///
/// The choices follow `llama_tensor_get_type` in llama.cpp's `src/llama-quant.cpp` (ggml-org,
/// commit 007dbbf, no importance matrix, no overrides): the output head (and a tied embedding)
/// goes to Q6_K, or Q8_0 when its row does not split into the default type's blocks (and always
/// for Falcon); `attn_v` and `ffn_down` get more bits in the layers `use_more_bits` picks; a row
/// that does not split into blocks falls back (Q4_K → Q5_0, Q5_K → Q5_1, Q6_K → Q8_0, Q2_K/Q3_K →
/// Q4_0, IQ4_XS → IQ4_NL, then F16). Tensors llama.cpp never quantizes — 1-D tensors, norms, the
/// router, position and token-type embeddings — stay F32 as `convert_hf_to_gguf.py` writes them.
public enum LlamaFileType: String, CaseIterable, Sendable {
    case q4_0, q4_1, q5_0, q5_1, q8_0
    case q2_K = "q2_k", q3_K_S = "q3_k_s", q3_K_M = "q3_k_m", q3_K_L = "q3_k_l"
    case q4_K_S = "q4_k_s", q4_K_M = "q4_k_m", q5_K_S = "q5_k_s", q5_K_M = "q5_k_m", q6_K = "q6_k"
    case iq4_xs

    /// The type every tensor gets unless a rule says otherwise (`llama_ftype_get_default_type`).
    public var defaultType: GGMLType {
        switch self {
        case .q4_0: return .q4_0
        case .q4_1: return .q4_1
        case .q5_0: return .q5_0
        case .q5_1: return .q5_1
        case .q8_0: return .q8_0
        case .q2_K: return .q2_K
        case .q3_K_S, .q3_K_M, .q3_K_L: return .q3_K
        case .q4_K_S, .q4_K_M: return .q4_K
        case .q5_K_S, .q5_K_M: return .q5_K
        case .q6_K: return .q6_K
        case .iq4_xs: return .iq4_xs
        }
    }

    /// The name llama.cpp prints (`Q4_K_M`).
    public var label: String { rawValue.uppercased() }
}

/// Consecutive layers of one tensor with the same `LlamaFileType.layerClass`, from `layer` on.
struct LayerClassRun: Sendable, Equatable {
    var layerClass: Int
    var layer: Int
    var count: Int
}

/// What llama.cpp's type choices read from the model, derived from the inventory alone.
public struct QuantizationContext: Sendable, Equatable {
    /// `n_layer`: one more than the highest layer index of any tensor.
    public var layers: Int
    /// `n_expert`: routed experts per sparse layer (1 for a dense model).
    public var experts: Int
    /// `n_gqa()`: query heads per key/value head, from the widths of `attn_q` and `attn_k`.
    public var gqa: Int
    /// Whether the output head is the token embedding (no `output` tensor).
    public var tied: Bool
    /// The layers holding an `attn_v`-like tensor, in file order: `i_attention_wv` counts them.
    public var valueLayers: [Int]
    /// The family, for the rules llama.cpp keys on it (Falcon; 70B-class Llama/Qwen2).
    public var architecture: String? {
        didSet { isFalcon = architecture == "falcon" }
    }
    /// Read once: the rules ask for every tensor and layer.
    private(set) var isFalcon = false
    /// What every storage format reads of each tensor of the inventory, in its order.
    private(set) var facts: [TensorFacts] = []
    /// The layers of each per-layer tensor (`attn_v`-like, `ffn_down`) as runs of one
    /// `LlamaFileType.layerClass`, found once per model instead of once per file type
    /// (`TensorFacts.classRuns` indexes them).
    private(set) var classRuns: [LayerClassRun] = []

    public init(_ inventory: Inventory, architecture: String? = nil) {
        var highest = -1
        var experts = 1
        var queryRows: Int?
        var keyRows: Int?
        var tied = true
        var valueLayers: [Int] = []
        var facts: [TensorFacts] = []
        facts.reserveCapacity(inventory.tensors.count)
        for tensor in inventory.tensors {
            facts.append(TensorFacts(tensor))
            if tensor.firstLayer >= 0 {
                highest = max(highest, tensor.firstLayer &+ (tensor.layers &- 1) &* tensor.layerStride)
            }
            experts = max(experts, tensor.experts)
            switch tensor.role {
            case .attentionQuery where !tensor.isVector: queryRows = tensor.shape.first
            case .attentionKey where !tensor.isVector: keyRows = tensor.shape.first
            case .output: tied = false
            case .attentionValue, .attentionQKV:
                guard !tensor.isVector else { break }
                valueLayers.reserveCapacity(valueLayers.count &+ max(0, tensor.layers))
                for index in 0..<max(0, tensor.layers) {
                    valueLayers.append(tensor.firstLayer &+ index &* tensor.layerStride)
                }
            default: break
            }
        }
        layers = highest + 1
        self.experts = experts
        if let queryRows, let keyRows, keyRows > 0 { gqa = queryRows / keyRows } else { gqa = 1 }
        self.tied = tied
        self.valueLayers = valueLayers.sorted()
        self.architecture = architecture
        isFalcon = architecture == "falcon"
        // Per-layer classes need the sorted value layers: a second pass, over the few tensors
        // whose llama.cpp type may change with the layer.
        var classRuns: [LayerClassRun] = []
        var perLayer = 0
        for tensor in facts where tensor.role == .attentionValue || tensor.role == .attentionQKV || tensor.role == .ffnDown {
            perLayer &+= max(0, tensor.layers)
        }
        classRuns.reserveCapacity(perLayer)
        for index in facts.indices {
            let tensor = facts[index]
            guard tensor.quantizes, tensor.firstLayer >= 0,
                  tensor.role == .attentionValue || tensor.role == .attentionQKV || tensor.role == .ffnDown else { continue }
            let start = classRuns.count
            for layerIndex in 0..<max(0, tensor.layers) {
                let layer = tensor.firstLayer &+ layerIndex &* tensor.layerStride
                let layerClass = LlamaFileType.layerClass(tensor.role, layer: layer, context: self)
                if let last = classRuns.last, classRuns.count > start, last.layerClass == layerClass {
                    classRuns[classRuns.count - 1].count += 1
                } else {
                    classRuns.append(LayerClassRun(layerClass: layerClass, layer: layer, count: 1))
                }
            }
            facts[index].classRuns = start..<classRuns.count
        }
        self.facts = facts
        self.classRuns = classRuns
    }

    /// `i_attention_wv` for the value tensor of `layer`: its position among `valueLayers`
    /// (a binary search: this runs once per layer, per tensor, per file type; `firstIndex`
    /// froze the importer on a 612-layer T5 config, found by fuzz/hfconfig).
    func valueOrdinal(_ layer: Int) -> Int {
        var low = 0, high = valueLayers.count
        while low < high {
            let middle = (low + high) / 2
            if valueLayers[middle] < layer { low = middle + 1 } else { high = middle }
        }
        return low < valueLayers.count && valueLayers[low] == layer ? low : 0
    }

    /// llama.cpp's `LLM_TYPE_70B` for the families whose 80-layer GQA models it names so.
    var is70B: Bool {
        guard layers == 80 else { return false }
        switch architecture {
        case "llama": return gqa > 1
        case "qwen2": return true
        default: return false
        }
    }
}

extension LlamaFileType {
    /// `use_more_bits`: the first and last eighth of the layers, and every third in between.
    static func useMoreBits(_ layer: Int, _ layers: Int) -> Bool {
        layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2
    }

    /// Whether llama.cpp quantizes a tensor of this role at all (`tensor_allows_quantization`).
    static func quantizes(_ tensor: TensorEntry) -> Bool {
        guard tensor.shape.count >= 2 else { return false }
        switch tensor.role {
        case .vector, .router, .positionEmbedding, .tokenTypeEmbedding: return false
        // T5's relative-position table (a small embedding llama.cpp keeps as it is).
        default: return !tensor.spelling.hasSuffix(relativeBiasSuffix)
        }
    }

    /// Tested on the name's pieces, without building it (`TensorName.hasSuffix`).
    private static let relativeBiasSuffix: StaticString = "relative_attention_bias.weight"

    /// The type of one copy of `tensor` in layer `layer` (`ordinal` counts `attn_v`-like tensors).
    func type(of tensor: TensorEntry, layer: Int, context: QuantizationContext) -> GGMLType {
        guard Self.quantizes(tensor) else { return .f32 }
        return quantizedType(of: tensor, layer: layer, context: context)
    }

    /// `type(of:layer:context:)` for a tensor llama.cpp quantizes.
    func quantizedType(of tensor: TensorEntry, layer: Int, context: QuantizationContext) -> GGMLType {
        quantizedType(role: tensor.role, rowLength: tensor.shape.last ?? 0, layer: layer, context: context)
    }

    /// `quantizedType(of:layer:context:)` from the tensor's role and row length.
    func quantizedType(role: TensorRole, rowLength: Int, layer: Int, context: QuantizationContext) -> GGMLType {
        var chosen = defaultType
        if role == .output || (context.tied && role == .tokenEmbedding) {
            if rowLength % defaultType.blockSize != 0 || context.isFalcon {
                chosen = .q8_0
            } else if chosen != .q8_0 {
                chosen = .q6_K
            }
        } else if role == .tokenEmbedding {
            // No rule for the file types here: the embedding takes the default type.
        } else if role == .attentionValue || role == .attentionQKV {
            let ordinal = context.valueOrdinal(layer)
            let count = context.valueLayers.count
            switch self {
            case .q2_K: chosen = context.gqa >= 4 ? .q4_K : .q3_K
            case .q3_K_M: chosen = ordinal < 2 ? .q5_K : .q4_K
            case .q3_K_L: chosen = .q5_K
            case .iq4_xs where context.gqa >= 4: chosen = .q5_K
            case .q4_K_M, .q5_K_M: if Self.useMoreBits(ordinal, count) { chosen = .q6_K }
            case .q4_K_S: if ordinal < 4 { chosen = .q5_K }
            default: break
            }
            if context.is70B && (chosen == .q3_K || chosen == .q4_K) { chosen = .q5_K }
            if context.experts == 8 { chosen = .q8_0 }
        } else if role == .attentionKey {
            if context.experts == 8 { chosen = .q8_0 }
        } else if role == .ffnDown {
            let layers = context.layers
            switch self {
            case .q2_K: chosen = .q3_K
            case .q3_K_M:
                chosen = layer < layers / 16 ? .q5_K
                    : (!context.isFalcon || Self.useMoreBits(layer, layers)) ? .q4_K : .q3_K
            case .q3_K_L: chosen = context.isFalcon ? .q4_K : .q5_K
            case .q4_K_M:
                if context.isFalcon {
                    chosen = layer < layers / 16 ? .q6_K : Self.useMoreBits(layer, layers) ? .q5_K : .q4_K
                } else if Self.useMoreBits(layer, layers) {
                    chosen = .q6_K
                }
            case .iq4_xs: if layer < layers / 8 { chosen = .q5_K }
            case .q5_K_M: if Self.useMoreBits(layer, layers) { chosen = .q6_K }
            case .q4_K_S: if !context.isFalcon && layer < layers / 8 { chosen = .q5_K }
            default: break
            }
        } else if role == .attentionOutput {
            if !context.isFalcon {
                if context.experts == 8 {
                    switch self {
                    case .q2_K, .q3_K_S, .q3_K_M, .q4_K_S, .q4_K_M, .iq4_xs: chosen = .q5_K
                    default: break
                    }
                } else {
                    switch self {
                    case .q2_K: chosen = .q3_K
                    case .q3_K_M: chosen = .q4_K
                    case .q3_K_L: chosen = .q5_K
                    default: break
                    }
                }
            } else if self == .q3_K_L {
                chosen = .q4_K
            }
        }
        return Self.fallback(chosen, rowLength: rowLength)
    }

    /// Whether `quantizedType` reads the layer (or the value-tensor ordinal) for a tensor of
    /// `role` in this file type: the branches below that compare `layer` or `ordinal`. The
    /// other file types give every layer the same type, so it is looked up once per tensor.
    func readsLayer(_ role: TensorRole) -> Bool {
        switch role {
        case .attentionValue, .attentionQKV:
            switch self {
            case .q3_K_M, .q4_K_M, .q5_K_M, .q4_K_S: return true
            default: return false
            }
        case .ffnDown:
            switch self {
            case .q3_K_M, .q4_K_M, .iq4_xs, .q5_K_M, .q4_K_S: return true
            default: return false
            }
        default:
            return false
        }
    }

    /// Everything `quantizedType` asks of the layer, for a tensor of `role` (a layer-reading role):
    /// the position `x` it compares — the value-tensor ordinal for `attn_v`-like tensors, the
    /// layer for `ffn_down` — against the count `n` it compares with. Two layers with the same
    /// class get the same type, so the type of each class is looked up once per tensor; a new
    /// comparison in `quantizedType` must be added here (`LayerClassTests` checks every layer
    /// of many depths against `quantizedType` itself).
    static func layerClass(_ role: TensorRole, layer: Int, context: QuantizationContext) -> Int {
        let value = role != .ffnDown
        let x = value ? context.valueOrdinal(layer) : layer
        let n = value ? context.valueLayers.count : context.layers
        var key = useMoreBits(x, n) ? 1 : 0
        if x < n / 16 { key |= 2 }
        if x < n / 8 { key |= 4 }
        if x < 2 { key |= 8 }
        if x < 4 { key |= 16 }
        return key
    }

    /// `tensor_type_fallback`: a type whose blocks split the row, else F16.
    static func fallback(_ type: GGMLType, rowLength: Int) -> GGMLType {
        guard rowLength % type.blockSize != 0 else { return type }
        let next: GGMLType
        switch type {
        case .iq4_xs: next = .iq4_nl
        case .q2_K, .q3_K: next = .q4_0
        case .q4_K: next = .q5_0
        case .q5_K: next = .q5_1
        case .q6_K: next = .q8_0
        default: next = .f16
        }
        return rowLength % next.blockSize == 0 ? next : .f16
    }

    /// Exact bytes of the tensor data of `inventory` in this file type.
    public func bytes(of inventory: Inventory, architecture: String? = nil) throws(ArithmeticOverflow) -> Int {
        try bytes(of: inventory, context: QuantizationContext(inventory, architecture: architecture))
    }

    /// `bytes(of:architecture:)` with the context read once for every file type of a report.
    ///
    /// Σ over tensors and layers of one copy's bytes × experts. The layers of a per-layer role
    /// that get the same type are counted together (one product instead of one term per layer);
    /// every term is non-negative, so the sum overflows exactly when the per-layer sum did, and
    /// it is reported after every term is checked, as before.
    func bytes(of inventory: Inventory, context: QuantizationContext) throws(ArithmeticOverflow) -> Int {
        var total = 0
        var overflowed = false
        func add(_ term: Int, times count: Int) {
            let (product, productOverflow) = term.multipliedReportingOverflow(by: count)
            let (sum, sumOverflow) = total.addingReportingOverflow(product)
            if productOverflow || sumOverflow { overflowed = true } else { total = sum }
        }
        let facts = context.facts
        for index in facts.indices {
            let tensor = facts[index]
            func name() -> String { inventory.tensors[index].name }
            let elements = try tensor.elements(name)
            guard tensor.quantizes else {
                let one = try GGMLType.f32.bytes(elements: elements, rowLength: 1) ?? 0
                add(try Checked.multiply(one, tensor.layers, tensor.experts, what: "the \(label) size of \(name())"), times: 1)
                continue
            }
            let rowLength = tensor.last
            func term(_ type: GGMLType, count: Int) throws(ArithmeticOverflow) -> Int {
                let one = try type.bytes(elements: elements, rowLength: type.blockSize == 1 ? 1 : rowLength) ?? 0
                return try Checked.multiply(one, count, tensor.experts, what: "the \(label) size of \(name())")
            }
            func typeOf(_ layer: Int) -> GGMLType {
                quantizedType(role: tensor.role, rowLength: rowLength, layer: layer, context: context)
            }
            // Types differ per layer only for the roles whose rules read the layer.
            let perLayer = tensor.role == .attentionValue || tensor.role == .attentionQKV || tensor.role == .ffnDown
            guard perLayer && tensor.firstLayer >= 0 else {
                add(try term(typeOf(max(tensor.firstLayer, 0)), count: tensor.layers), times: 1)
                continue
            }
            guard readsLayer(tensor.role) else {
                // Every layer gets the type of the first: the per-layer term, once per layer.
                if tensor.layers > 0 { add(try term(typeOf(tensor.firstLayer), count: 1), times: tensor.layers) }
                continue
            }
            // Runs of layers with the same type: one term (per layer) checked per run. The type
            // of each layer class is looked up once, at the first layer of the class's first run
            // (`layerClass`: every layer of a class gets the same type); the context holds the
            // runs of classes, layer by layer.
            var known = InlineArray<32, GGMLType?>(repeating: nil)
            var runType: GGMLType?
            var runLength = 0
            for run in tensor.classRuns {
                let classRun = context.classRuns[run]
                let type: GGMLType
                if let seen = known[classRun.layerClass] {
                    type = seen
                } else {
                    type = typeOf(classRun.layer)
                    known[classRun.layerClass] = type
                }
                if type == runType {
                    runLength += classRun.count
                    continue
                }
                if let runType { add(try term(runType, count: 1), times: runLength) }
                runType = type
                runLength = classRun.count
            }
            if let runType { add(try term(runType, count: 1), times: runLength) }
        }
        if overflowed { throw ArithmeticOverflow("the \(label) size") }
        return total
    }
}
