extension Estimator {
    /// The recurrent mixer `mixer` of every layer in `ranges`, sized by the stack's
    /// `StateSpaceSpec`: each kind's projections, its depthwise convolution (`[channels, 1, kernel]`),
    /// its per-channel or per-head parameters (A_log, D, dt_bias) and inner norms, all in the
    /// `ssm` component, as one part of the worked calculation.
    static func recurrent<Sink: TensorSink>(
        _ spec: ModelSpec, _ ssm: StateSpaceSpec, _ mixer: RecurrentMixer, names: StackNames, layers ranges: LayerRuns,
        into sink: inout Sink
    ) throws(ArithmeticOverflow) {
        let h = spec.hidden, inner = ssm.inner, n = ssm.stateSize
        // Names are read only inside autoclosures: the counting sink never evaluates them.
        func prefix() -> String { names.layer }
        func linear(_ name: @autoclosure () -> String, _ inputs: Int, _ outputs: Int, _ bias: Bool) throws(ArithmeticOverflow) {
            try Estimator.linear(TensorPath(prefix(), name()), in: inputs, out: outputs, bias: bias, component: .ssm,
                                 role: .otherMatrix, layers: ranges, spec: spec, into: &sink)
        }
        /// A parameter registered without `.weight` (A_log, D, dt_bias), kept in high precision.
        func parameter(_ name: @autoclosure () -> String, _ shape: TensorShape) throws(ArithmeticOverflow) {
            try ranges.forEach { range throws(ArithmeticOverflow) in
                try sink.tensor(TensorName(TensorPath(prefix(), name()), .none), shape, component: .ssm, role: .vector, in: range,
                                experts: 1, activeExperts: 1)
            }
        }
        /// The depthwise causal convolution over `channels` (PyTorch's Conv1d with groups = channels).
        func convolution(_ name: @autoclosure () -> String, channels: Int) throws(ArithmeticOverflow) {
            try ranges.forEach { range throws(ArithmeticOverflow) in
                try sink.tensor(TensorName(TensorPath(prefix(), name()), .weight), TensorShape(channels, 1, ssm.convKernel),
                                component: .ssm, role: .vector, in: range, experts: 1, activeExperts: 1)
                if ssm.convBias {
                    try sink.tensor(TensorName(TensorPath(prefix(), name()), .bias), TensorShape(channels), component: .ssm,
                                    role: .vector, in: range, experts: 1, activeExperts: 1)
                }
            }
        }
        func norm(_ name: @autoclosure () -> String, width: Int) throws(ArithmeticOverflow) {
            try Estimator.norm(TensorPath(prefix(), name()), width: width, kind: .rmsNorm, component: .ssm, layers: ranges,
                               into: &sink)
        }
        let names = names.recurrent
        let channels = ssm.convChannels(mixer, hidden: h)
        switch mixer {
        case .mamba:
            sink.part(.mamba)
            try linear(names.inProj, h, 2 &* inner, ssm.inputBias)
            try convolution(names.conv, channels: channels)
            try linear(names.xProj, inner, ssm.dtRank &+ 2 &* n, false)
            try linear(names.dtProj, ssm.dtRank, inner, true)
            try parameter(names.aLog, TensorShape(inner, n))
            try parameter(names.d, TensorShape(inner))
            try linear(names.outProj, inner, h, ssm.outputBias)
            if ssm.timeStepNorms {
                try norm(names.dtNorm, width: ssm.dtRank)
                try norm(names.bNorm, width: n)
                try norm(names.cNorm, width: n)
            }
        case .mamba2:
            sink.part(.mamba2)
            // z and x (inner each), B and C (groups·N each), one dt per head.
            try linear(names.inProj, h, inner &+ channels &+ ssm.heads, ssm.inputBias)
            try convolution(names.conv, channels: channels)
            try parameter(names.dtBias, TensorShape(ssm.heads))
            try parameter(names.aLog, TensorShape(ssm.heads))
            try parameter(names.d, TensorShape(ssm.heads))
            if ssm.gatedNorm { try norm(names.norm, width: inner) }
            try linear(names.outProj, inner, h, ssm.outputBias)
        case .gatedDeltaNet:
            sink.part(.gatedDeltaNet)
            // q and k (key heads × key dim each), v and the gate z (value width each); b and a per value head.
            try linear(names.qkvz, h, 2 &* ssm.groups &* n &+ 2 &* inner, ssm.inputBias)
            try linear(names.ba, h, 2 &* ssm.heads, ssm.inputBias)
            try convolution(names.conv, channels: channels)
            try parameter(names.dtBias, TensorShape(ssm.heads))
            try parameter(names.aLog, TensorShape(ssm.heads))
            if ssm.gatedNorm { try norm(names.norm, width: ssm.heads > 0 ? inner / ssm.heads : 0) }
            try linear(names.outProj, inner, h, ssm.outputBias)
        case .shortConvolution:
            sink.part(.shortConvolution)
            // B, C and x, each h wide; the conv over B·x; out_proj of C·conv.
            try linear(names.inProj, h, 3 &* h, ssm.inputBias)
            try convolution(names.conv, channels: channels)
            try linear(names.outProj, h, h, ssm.outputBias)
        }
    }
}
