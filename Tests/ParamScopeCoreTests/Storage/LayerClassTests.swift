import Testing
@testable import ParamScopeCore

/// `LlamaFileType.bytes` looks up the type of each layer class once per tensor; a class must
/// therefore decide the type: every layer of it gets, from `quantizedType` itself, the type of
/// the class's first layer. Checked for every file type and role that reads the layer, at every
/// depth 1...100, dense and 8-expert (Mixtral's rules), Llama, Falcon, and 80-layer GQA (70B).
@Suite struct LayerClassTests {
    static func inventory(layers: Int, experts: Bool, architecture: String) -> Inventory {
        var spec = Preset.spec(architecture == "falcon" ? "falcon" : "llama", name: "m", layers: layers, hidden: 512,
                               heads: 8, ffn: 1024, vocab: 1000)!
        spec.kvHeads = 2
        if experts { spec.experts = ExpertSpec(experts: 8, expertsPerToken: 2, expertFFN: 512) }
        return Inventory(Estimator.layout(for: spec).tensors)
    }

    @Test(arguments: [("llama", false), ("llama", true), ("falcon", false)])
    func aClassDecidesTheType(_ architecture: String, _ experts: Bool) {
        for layers in 1...100 {
            let inventory = Self.inventory(layers: layers, experts: experts, architecture: architecture)
            let context = QuantizationContext(inventory, architecture: architecture)
            for fileType in LlamaFileType.allCases {
                for tensor in inventory.tensors where fileType.readsLayer(tensor.role) && LlamaFileType.quantizes(tensor) {
                    var first: [Int: GGMLType] = [:]
                    for index in 0..<tensor.layers {
                        let layer = tensor.firstLayer + index * tensor.layerStride
                        let type = fileType.quantizedType(of: tensor, layer: layer, context: context)
                        let layerClass = LlamaFileType.layerClass(tensor.role, layer: layer, context: context)
                        #expect(first[layerClass, default: type] == type,
                                "\(fileType) \(tensor.name) layer \(layer) of \(layers) (\(architecture))")
                        first[layerClass] = first[layerClass] ?? type
                    }
                }
            }
        }
    }

    /// Without the lookup: Σ over every layer of quantizedType's bytes, for 1...100 layers.
    @Test func bytesEqualTheLayerByLayerSum() throws {
        for layers in [1, 2, 7, 8, 16, 17, 32, 48, 80, 95] {
            let inventory = Self.inventory(layers: layers, experts: false, architecture: "llama")
            let context = QuantizationContext(inventory, architecture: "llama")
            for fileType in LlamaFileType.allCases {
                var expected = 0
                for tensor in inventory.tensors {
                    for index in 0..<tensor.layers {
                        let type = fileType.type(of: tensor, layer: max(0, tensor.firstLayer + index * tensor.layerStride),
                                                 context: context)
                        let row = type.blockSize == 1 ? 1 : tensor.shape.last!
                        expected += try #require(try type.bytes(elements: tensor.elements(), rowLength: row)) * tensor.experts
                    }
                }
                #expect(try fileType.bytes(of: inventory, architecture: "llama") == expected, "\(fileType) at \(layers) layers")
            }
        }
    }
}
