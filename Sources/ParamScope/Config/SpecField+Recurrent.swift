import ParamScopeCore

/// The fields of state-space and hybrid stacks: which layers attend and which are recurrent (a
/// `layer_pattern` list, or attention every n-th layer), and the recurrent mixer's sizes. A
/// preset without a recurrent mixer starts from Mamba-1's defaults (inner 2h, N = 16, kernel 4,
/// dt_rank ⌈h/16⌉) when one of them is set.
extension SpecField {
    static let recurrent: [SpecField] = [
        SpecField(name: "layer_pattern",
                  help: "each layer's mixer (recurrent kinds, or layer_types' attention kinds), one per layer or a repeating period") { spec, node, reader in
            guard let items = node.sequence, !items.isEmpty else {
                reader.fail(node, "`layer_pattern` must be a non-empty sequence of layer kinds like [mamba, attention], found \(node.kindName)")
                return
            }
            let window = spec.mixers.largestWindow(where: { $0 > 0 }) ?? 4096
            var mixers: [Mixer] = []
            for item in items {
                guard let text = reader.string(item, field: "layer_pattern") else { return }
                guard let mixer = mixer(named: text) ?? attentionKind(named: text, window: window) else {
                    reader.fail(item, "unknown layer kind \"\(text)\"\(Suggestion.didYouMean(text, in: mixerNames)) (known: \(mixerNames.joined(separator: ", ")))")
                    return
                }
                mixers.append(mixer)
            }
            guard spec.layers > 0, spec.layers % mixers.count == 0 else {
                reader.fail(node, "`layer_pattern` has \(mixers.count) entries, which do not cover \(spec.layers) layers: give one per layer or a period that divides \(spec.layers)")
                return
            }
            if mixers.contains(where: { $0.recurrent != nil }) { spec.stateSpace = stateSpace(spec) }
            spec.mixers = mixers.count == spec.layers ? .list(mixers) : .cycle(mixers)
        },
        .int("attention_every", "attention in every n-th layer, the recurrent mixer in the others") { spec, period in
            spec.stateSpace = stateSpace(spec)
            let offset = spec.mixers.attentionOffset ?? period - 1
            spec.mixers = .attentionEvery(period, offset: offset % period, otherwise: .recurrent(recurrentKind(spec)))
        },
        .int("attention_offset", "which layer of each `attention_every` attends, 0-based (default n − 1)", allowZero: true) {
            spec, offset in
            guard case .cycle(let period) = spec.mixers, period.count > offset else { return }
            let other = period.first { $0.attentionLayer == nil } ?? .recurrent(recurrentKind(spec))
            let attention = period.compactMap(\.attentionLayer).first ?? .full
            spec.mixers = .attentionEvery(period.count, offset: offset, otherwise: other, attention: attention)
        },
        .choice("recurrent", "the recurrent mixer: mamba, mamba2, gated_deltanet or short_conv", RecurrentMixer.allCases) {
            spec, kind in
            spec.stateSpace = stateSpace(spec)
            spec.mixers = spec.mixers.replacingRecurrent(with: kind)
        },
        .int("ssm_inner", "width of the scanned stream (Mamba's d_inner; Gated DeltaNet's value width)") {
            spec, value in spec.stateSpace = stateSpace(spec) { $0.inner = value }
        },
        .int("state_size", "the state per channel N (d_state; Gated DeltaNet's key head dim)") {
            spec, value in spec.stateSpace = stateSpace(spec) { $0.stateSize = value }
        },
        .int("conv_kernel", "taps of the depthwise causal convolution") {
            spec, value in spec.stateSpace = stateSpace(spec) { $0.convKernel = value }
        },
        .int("dt_rank", "Mamba-1's time-step projection rank") { spec, value in spec.stateSpace = stateSpace(spec) { $0.dtRank = value } },
        .int("ssm_heads", "Mamba-2 heads; Gated DeltaNet value heads") {
            spec, value in spec.stateSpace = stateSpace(spec) { $0.heads = value }
        },
        .int("ssm_groups", "Mamba-2 groups sharing B and C; Gated DeltaNet key heads") {
            spec, value in spec.stateSpace = stateSpace(spec) { $0.groups = value }
        },
        .bool("conv_bias", "a bias on the recurrent mixer's convolution") {
            spec, value in spec.stateSpace = stateSpace(spec) { $0.convBias = value }
        },
        .bool("ssm_bias", "biases on the recurrent mixer's input and output projections") {
            spec, value in spec.stateSpace = stateSpace(spec) { $0.inputBias = value; $0.outputBias = value }
        },
        .bool("ssm_norm", "Mamba-2's gated RMSNorm (Gated DeltaNet's per-head norm)") {
            spec, value in spec.stateSpace = stateSpace(spec) { $0.gatedNorm = value }
        },
        .bool("time_step_norms", "Jamba's RMSNorms on dt, B and C inside Mamba-1") {
            spec, value in spec.stateSpace = stateSpace(spec) { $0.timeStepNorms = value }
        },
    ]

    /// Layer kinds as `layer_pattern` spells them (with `layer_types`' attention names).
    static let mixerNames = ["attention"] + RecurrentMixer.allCases.map(\.rawValue)
        + RecurrentMixer.allCases.map { "attention+" + $0.rawValue } + ["full", "sliding", "chunked", "nope"]

    static func mixer(named text: String) -> Mixer? {
        if text == "attention" { return .attention }
        if text.hasPrefix("attention+"), let kind = RecurrentMixer(rawValue: String(text.dropFirst("attention+".count))) {
            return .parallel(.full, kind)
        }
        return RecurrentMixer(rawValue: text).map { .recurrent($0) }
    }

    /// The spec's recurrent sizes with `change` made; Mamba-1's defaults when it had none.
    static func stateSpace(_ spec: ModelSpec, _ change: (inout StateSpaceSpec) -> Void = { _ in }) -> StateSpaceSpec {
        var ssm = spec.stateSpace
            ?? StateSpaceSpec(inner: 2 &* spec.hidden, stateSize: 16, convKernel: 4, dtRank: Preset.ceilDiv16(spec.hidden),
                              heads: 1, groups: 1, gatedNorm: false)
        change(&ssm)
        return ssm
    }

    /// The recurrent mixer the spec's layers already use, else Mamba-1.
    static func recurrentKind(_ spec: ModelSpec) -> RecurrentMixer {
        switch spec.mixers {
        case .uniform(let mixer): mixer.recurrent ?? .mamba
        case .cycle(let mixers), .list(let mixers): mixers.lazy.compactMap(\.recurrent).first ?? .mamba
        }
    }
}

extension LayerSchedule where Kind == Mixer {
    /// Where attention sits in a period of one attention layer (`attentionEvery`), `nil` otherwise.
    var attentionOffset: Int? {
        guard case .cycle(let period) = self, period.count(where: { $0.attentionLayer != nil }) == 1 else { return nil }
        return period.firstIndex { $0.attentionLayer != nil }
    }

    /// Every recurrent layer's mixer replaced by `kind` (parallel layers keep their attention).
    func replacingRecurrent(with kind: RecurrentMixer) -> LayerSchedule {
        func replace(_ mixer: Mixer) -> Mixer {
            switch mixer {
            case .attention, .imageCrossAttention: mixer
            case .recurrent: .recurrent(kind)
            case .parallel(let attention, _): .parallel(attention, kind)
            }
        }
        switch self {
        case .uniform(let mixer): return .uniform(replace(mixer))
        case .cycle(let mixers): return .cycle(mixers.map(replace))
        case .list(let mixers): return .list(mixers.map(replace))
        }
    }
}
