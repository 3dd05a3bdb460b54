/// A way of storing weights, and the exact bytes it takes for an inventory.
public struct StorageFormat: Sendable {
    /// Lower-case key used in JSON and on the command line (`fp32`, `bf16`, `q4_k_m`).
    public var name: String
    /// What a reader sees in a table.
    public var label: String
    /// Where the byte rule comes from, for the README and reports.
    public var rule: String
    let bytesOf: @Sendable (Inventory) throws(ArithmeticOverflow) -> Int

    public init(name: String, label: String, rule: String,
                bytes: @escaping @Sendable (Inventory) throws(ArithmeticOverflow) -> Int) {
        self.name = name
        self.label = label
        self.rule = rule
        self.bytesOf = bytes
    }

    /// Exact bytes of the weights of `inventory` in this format.
    public func bytes(of inventory: Inventory) throws(ArithmeticOverflow) -> Int {
        try bytesOf(inventory)
    }

    /// Every tensor at `bits` per element, each tensor's copies rounded up to whole bytes.
    public static func uniform(_ name: String, label: String, bits: Int, rule: String) -> StorageFormat {
        StorageFormat(name: name, label: label, rule: rule) { inventory throws(ArithmeticOverflow) in
            var terms: [Int] = []
            for tensor in inventory.tensors {
                let elements = try tensor.parameters()
                let totalBits = try Checked.multiply(elements, bits, what: "the \(name) size of \(tensor.name)")
                terms.append(totalBits / 8 + (totalBits % 8 == 0 ? 0 : 1))
            }
            return try Checked.sum(terms, what: "the \(name) size")
        }
    }
}

extension StorageFormat {
    public static let fp32 = uniform("fp32", label: "FP32", bits: 32, rule: "4 bytes per parameter")
    public static let fp16 = uniform("fp16", label: "FP16", bits: 16, rule: "2 bytes per parameter")
    public static let bf16 = uniform("bf16", label: "BF16", bits: 16, rule: "2 bytes per parameter")
    public static let int8 = uniform("int8", label: "INT8", bits: 8, rule: "1 byte per parameter, scales not counted")
    public static let int4 = uniform("int4", label: "INT4", bits: 4, rule: "half a byte per parameter, scales not counted")

    /// Every format, in report order.
    public static let all: [StorageFormat] = [.fp32, .fp16, .bf16, .int8, .int4]

    /// The format called `name`, if there is one.
    public static func named(_ name: String) -> StorageFormat? {
        all.first { $0.name == name.lowercased() }
    }
}
