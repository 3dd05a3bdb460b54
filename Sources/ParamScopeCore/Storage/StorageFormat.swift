/// A way of storing weights, and the exact bytes it takes for an inventory.
public struct StorageFormat: Sendable {
    /// Lower-case key used in JSON and on the command line (`fp32`, `bf16`, `q4_k_m`).
    public var name: String
    /// What a reader sees in a table.
    public var label: String
    /// Where the byte rule comes from, for the README and reports.
    public var rule: String
    /// The rule, reading the inventory through a context read once per model (its tensors'
    /// `TensorFacts`, the llama.cpp model facts).
    let bytesOf: @Sendable (Inventory, QuantizationContext) throws(ArithmeticOverflow) -> Int

    public init(name: String, label: String, rule: String,
                bytes: @escaping @Sendable (Inventory, String?) throws(ArithmeticOverflow) -> Int) {
        self.init(name: name, label: label, rule: rule) { inventory, context throws(ArithmeticOverflow) in
            try bytes(inventory, context.architecture)
        }
    }

    /// A built-in rule, over the tensors' facts.
    init(name: String, label: String, rule: String,
         facts: @escaping @Sendable (Inventory, QuantizationContext) throws(ArithmeticOverflow) -> Int) {
        self.name = name
        self.label = label
        self.rule = rule
        self.bytesOf = facts
    }

    /// Exact bytes of the weights of `inventory` in this format; `architecture` matters only to
    /// the llama.cpp file types, whose rules name Falcon and 70B-class models.
    public func bytes(of inventory: Inventory, architecture: String? = nil) throws(ArithmeticOverflow) -> Int {
        try bytesOf(inventory, QuantizationContext(inventory, architecture: architecture))
    }

    /// `bytes(of:architecture:)` for a report's many formats of one model, with the context of
    /// `inventory` read once.
    func bytes(of inventory: Inventory, context: QuantizationContext) throws(ArithmeticOverflow) -> Int {
        guard context.facts.count == inventory.tensors.count else {
            return try bytes(of: inventory, architecture: context.architecture)  // not this inventory's context
        }
        return try bytesOf(inventory, context)
    }

    /// Every tensor at `bits` per element, each tensor's copies rounded up to whole bytes.
    public static func uniform(_ name: String, label: String, bits: Int, rule: String) -> StorageFormat {
        StorageFormat(name: name, label: label, rule: rule) { inventory, context throws(ArithmeticOverflow) in
            try context.sum(name, inventory) { tensor, tensorName throws(ArithmeticOverflow) in
                let totalBits = try Checked.multiply(tensor.parameters(tensorName), bits, what: "the \(name) size of \(tensorName())")
                return totalBits / 8 + (totalBits % 8 == 0 ? 0 : 1)
            }
        }
    }
}

extension StorageFormat {
    public static let fp32 = uniform("fp32", label: "FP32", bits: 32, rule: "4 bytes per parameter")
    public static let fp16 = uniform("fp16", label: "FP16", bits: 16, rule: "2 bytes per parameter")
    public static let bf16 = uniform("bf16", label: "BF16", bits: 16, rule: "2 bytes per parameter")
    public static let int8 = uniform("int8", label: "INT8", bits: 8, rule: "1 byte per parameter, scales not counted")
    public static let int4 = uniform("int4", label: "INT4", bits: 4, rule: "half a byte per parameter, scales not counted")

    /// A llama.cpp file type as a storage format (tensor data only: metadata and the tokenizer
    /// add a few MB to a real `.gguf`).
    public static func gguf(_ fileType: LlamaFileType) -> StorageFormat {
        StorageFormat(name: fileType.rawValue, label: "GGUF \(fileType.label)",
                      rule: "llama.cpp \(fileType.label): \(fileType.defaultType.name) blocks with llama.cpp's per-tensor choices") { inventory, context throws(ArithmeticOverflow) in
            try fileType.bytes(of: inventory, context: context)
        }
    }

    /// Every matrix in one ggml block type (`llama-quantize --pure`), rows that do not split
    /// into blocks falling back as llama.cpp does; 1-D tensors F32.
    public static func ggmlPure(_ type: GGMLType) -> StorageFormat {
        let key = type.key  // `key` prints the case's name: once, not per model
        return StorageFormat(name: type.key, label: "GGUF \(type.name) (pure)",
                      rule: "every matrix \(type.name) (\(type.blockSize) weights in \(type.blockBytes) bytes), 1-D tensors F32") { inventory, context throws(ArithmeticOverflow) in
            try context.sum(key, inventory) { tensor, name throws(ArithmeticOverflow) in
                let chosen = tensor.quantizes ? LlamaFileType.fallback(type, rowLength: tensor.last) : .f32
                let rowLength = chosen.blockSize == 1 ? 1 : tensor.last
                let one = try chosen.bytes(elements: tensor.elements(name), rowLength: rowLength) ?? 0
                return try Checked.multiply(one, tensor.copies, what: "the \(key) size of \(name())")
            }
        }
    }

    /// Every format, in report order.
    public static let all: [StorageFormat] = [
        .fp32, .fp16, .bf16, .fp8E4M3, .fp8E5M2, .int8, .int4, .nf4, .nf4DoubleQuant, .gptqInt4, .awqInt4,
    ] + LlamaFileType.allCases.map(gguf) + [GGMLType.q3_K, .q4_K, .q5_K].map(ggmlPure)

    /// What people ship (DESIGN: bf16, int8/q8_0, q4_k_m, nf4): what `estimate` shows in a
    /// terminal table and in Markdown unless `--precisions` says otherwise.
    public static let shipped: [StorageFormat] = [.bf16, gguf(.q8_0), gguf(.q4_K_M), .nf4]

    /// The format called `name`, if there is one.
    public static func named(_ name: String) -> StorageFormat? {
        all.first { $0.name == name.lowercased() }
    }
}
