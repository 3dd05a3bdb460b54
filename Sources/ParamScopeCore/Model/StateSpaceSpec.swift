/// The sizes of a stack's recurrent mixers (`RecurrentMixer`), as `AttentionSpec` is attention's.
///
/// One struct for the four kinds: each reads the fields it has (Mamba-1: inner, N, dt_rank;
/// Mamba-2: inner, N, heads, groups; Gated DeltaNet: value heads × value head dim as inner, key
/// heads as groups, key head dim as N; short convolution: the kernel and biases only).
public struct StateSpaceSpec: Sendable, Equatable {
    /// The width of the scanned stream: Mamba's `d_inner` (expand·h, or Falcon-H1's
    /// `mamba_d_ssm`); Gated DeltaNet's value width (value heads × value head dim).
    public var inner: Int
    /// The state per channel `N` (`d_state`); Gated DeltaNet: the key head dim.
    public var stateSize: Int
    /// Taps of the depthwise causal convolution (`d_conv`, `conv_L_cache`).
    public var convKernel: Int
    /// Mamba-1's rank of the time-step projection (`dt_rank`, ⌈h/16⌉ by default).
    public var dtRank: Int
    /// Mamba-2's heads (one dt, A and D each); Gated DeltaNet's value heads.
    public var heads: Int
    /// Mamba-2's groups sharing B and C (`n_groups`); Gated DeltaNet's key heads.
    public var groups: Int
    /// Bias on the convolution.
    public var convBias: Bool
    /// Bias on the input projection(s).
    public var inputBias: Bool
    /// Bias on the output projection.
    public var outputBias: Bool
    /// Jamba's RMSNorms on dt (dt_rank), B and C (N each) inside Mamba-1.
    public var timeStepNorms: Bool
    /// Mamba-2's gated RMSNorm before out_proj (`inner` wide; Gated DeltaNet's one head wide).
    public var gatedNorm: Bool

    public init(
        inner: Int, stateSize: Int, convKernel: Int = 4, dtRank: Int = 0, heads: Int = 0, groups: Int = 1,
        convBias: Bool = true, inputBias: Bool = false, outputBias: Bool = false, timeStepNorms: Bool = false,
        gatedNorm: Bool = true
    ) {
        self.inner = inner
        self.stateSize = stateSize
        self.convKernel = convKernel
        self.dtRank = dtRank
        self.heads = heads
        self.groups = groups
        self.convBias = convBias
        self.inputBias = inputBias
        self.outputBias = outputBias
        self.timeStepNorms = timeStepNorms
        self.gatedNorm = gatedNorm
    }

    /// Channels of the depthwise convolution of `mixer` in a stack `hidden` wide: Mamba-1 convolves
    /// x (inner); Mamba-2 x, B and C (inner + 2·groups·N); Gated DeltaNet q, k and v
    /// (2·key heads·key dim + value width); the short convolution the hidden stream.
    public func convChannels(_ mixer: RecurrentMixer, hidden: Int) -> Int {
        switch mixer {
        case .mamba: inner
        case .mamba2: inner &+ 2 &* groups &* stateSize
        case .gatedDeltaNet: 2 &* groups &* stateSize &+ inner
        case .shortConvolution: hidden
        }
    }

    /// Elements of one sequence's recurrent state in a layer of `mixer`: the SSM state (Mamba-1
    /// inner × N; Mamba-2 inner × N, i.e. heads × head dim × N; Gated DeltaNet value heads × key
    /// dim × value dim; none for the short convolution) plus the conv state (channels × kernel,
    /// the window transformers' caches keep).
    public func stateElements(_ mixer: RecurrentMixer, hidden: Int) -> (ssm: Int, conv: Int) {
        let conv = convChannels(mixer, hidden: hidden) &* convKernel
        switch mixer {
        case .mamba, .mamba2, .gatedDeltaNet: return (inner &* stateSize, conv)
        case .shortConvolution: return (0, conv)
        }
    }
}
