import PropertyBased
import Testing
@testable import ParamScopeCore

/// Random specs from every preset, with random sizes (tiny to far beyond 2³⁰, zero and negative)
/// and random overrides: counting one never traps — an overflow throws `ArithmeticOverflow`, an
/// impossible shape is refused by `validate()` — and the folds over the inventory agree.
@Suite struct RandomSpecPropertyTests {
    /// 16 random words decide one spec; shrinking a failure shrinks them towards zero.
    static let words = Gen.int(in: 0...Int.max).array(of: 16)

    @Test func countingNeverTrapsAndTheFoldsAgree() async {
        await propertyCheck(count: 250, input: Self.words) { words in
            let spec = RandomSpec.make(words)
            // The seed formulas are shown for every model: checked, whatever the sizes.
            _ = try? SeedFormula(spec)
            guard spec.validate().isEmpty else { return }
            let context = RandomSpec.size(words[13]), batch = RandomSpec.size(words[14])
            guard context > 0, batch > 0 else { return }
            let inventory: Inventory
            do {
                inventory = try Estimator.inventory(for: spec)
            } catch {
                return  // an overflow, reported as an error naming the tensor
            }
            // Every storage format: bytes ≥ 0 or an overflow, never a trap.
            for format in StorageFormat.all {
                if let bytes = try? format.bytes(of: inventory, architecture: spec.architecture) {
                    #expect(bytes >= 0, "\(format.name) of \(spec)")
                }
            }
            guard let result = try? ModelResult(spec: spec, inventory: inventory, published: nil, formats: StorageFormat.all,
                                                context: context, batch: batch) else { return }
            // total = Σ components = Σ over the inventory of shape product × layers × experts.
            var byTensor = 0
            for tensor in inventory.tensors {
                var product = tensor.layers * tensor.experts
                for dimension in tensor.shape { product *= dimension }
                byTensor += product
            }
            #expect(result.total == byTensor)
            #expect(result.total == result.components.map(\.count).reduce(0, +))
            #expect(result.active >= 0 && result.active <= result.total)
            #expect(result.storage.allSatisfy { $0.bytes >= 0 })
            #expect(result.memory.kvCacheBytes >= 0 && result.memory.trainingBytes >= 0)
        }
    }

    /// Small sizes cannot overflow (every product stays below 2⁶³), so a valid small spec always
    /// counts: the property above does not pass by throwing everything away.
    @Test func smallValidSpecsAlwaysCount() async {
        await propertyCheck(count: 200, input: Self.words) { words in
            let spec = RandomSpec.make(words.map { $0 % 4096 * 16 + 8 })  // sizes of kind 0 (1...64), layers 1...160
            guard spec.validate().isEmpty else { return }
            #expect(throws: Never.self) {
                _ = try ModelResult(spec: spec, published: nil, formats: StorageFormat.all, context: 4096, batch: 1)
            }
        }
    }
}

/// A spec made from random words: the preset, the five sizes, then overrides.
enum RandomSpec {
    /// A size of one of several kinds, chosen by the low bits: tiny, log-uniform up to 2³⁰,
    /// exactly 2³⁰, beyond 2³⁰ (up to Int.max), or zero/negative.
    static func size(_ word: Int) -> Int {
        let rest = word >> 3
        switch word & 7 {
        case 0: return 1 + rest % 64
        case 1, 2, 3: return 1 + (rest >> 5) % (1 << (rest % 31))
        case 4: return 1 + (rest >> 5) % (1 << (rest % 17))
        case 5: return ModelSpec.largestSize
        case 6: return ModelSpec.largestSize + rest
        default: return -(rest % 3)
        }
    }

    /// A layer count: mostly real depths (the estimator walks layers one by one, so a deep
    /// stack is slow to count), sometimes the largest allowed (2¹²), beyond it, or nonpositive.
    static func layers(_ word: Int) -> Int {
        let rest = word >> 4
        switch word & 15 {
        case 0: return ModelSpec.mostLayers
        case 1: return ModelSpec.mostLayers + 1 + rest % ModelSpec.largestSize
        case 2: return size(rest)
        case 3: return -(rest % 3)
        default: return 1 + rest % 160
        }
    }

    static func make(_ words: [Int]) -> ModelSpec {
        let names = Preset.names
        let preset = names[words[0] % names.count]
        let heads = size(words[3])
        // Often a multiple of heads, as real widths are.
        let hidden = words[2] % 2 == 0 && heads > 0 && heads <= 1 << 20 ? heads * max(1, size(words[2] >> 1) % 1024) : size(words[2])
        var spec = Preset.spec(preset, name: "random", layers: layers(words[1]), hidden: hidden, heads: heads,
                               ffn: words[4] % 3 == 0 ? nil : size(words[4]), vocab: size(words[5]))!
        let overrides = words[6]
        if overrides & 1 != 0 { spec.kvHeads = heads > 0 && words[7] % 2 == 0 ? max(1, heads >> (words[7] % 4)) : size(words[7]) }
        if overrides & 2 != 0 { spec.headDim = size(words[8]) }
        if overrides & 4 != 0 { spec.maxPositions = size(words[9]) }
        if overrides & 8 != 0 { spec.tiedEmbeddings.toggle() }
        if overrides & 16 != 0, var experts = spec.experts {
            experts.experts = size(words[10])
            experts.expertsPerToken = max(1, size(words[11]) % 16)
            experts.expertFFN = size(words[12])
            spec.experts = experts
        }
        if overrides & 32 != 0, var latent = spec.attention.latent {
            latent.kvLoraRank = size(words[10])
            latent.qkRopeHeadDim = size(words[11])
            spec.attention.latent = latent
        }
        if overrides & 64 != 0, spec.encoder != nil { spec.encoder = EncoderSpec(layers: layers(words[12])) }
        if overrides & 128 != 0 {
            // A sliding period with a NoPE full layer, and a per-layer list (`layer_types`).
            spec.mixers = words[15] % 2 == 0 || !(1...ModelSpec.mostLayers).contains(spec.layers)
                ? .cycle([.attention(.sliding(size(words[15]))), .attention(AttentionLayer(rope: false))])
                : .list((0..<spec.layers).map { $0 % 3 == 0 ? .attention : .attention(.sliding(size(words[15]))) })
        }
        if overrides & 256 != 0 {
            // Every recurrent kind, alone and beside attention, with random sizes.
            let kinds = RecurrentMixer.allCases
            spec.stateSpace = StateSpaceSpec(inner: size(words[13]), stateSize: size(words[14]), convKernel: size(words[15]) % 8,
                                             dtRank: size(words[12]), heads: size(words[11]), groups: size(words[10]),
                                             convBias: words[9] % 2 == 0, inputBias: words[8] % 2 == 0,
                                             timeStepNorms: words[7] % 2 == 0, gatedNorm: words[6] % 3 == 0)
            spec.mixers = .cycle([.recurrent(kinds[words[13] % 4]), .parallel(.full, kinds[words[14] % 4]), .attention,
                                  .recurrent(kinds[words[15] % 4])])
        }
        return spec
    }
}
