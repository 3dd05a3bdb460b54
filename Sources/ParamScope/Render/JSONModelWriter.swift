import ParamScopeCore

extension JSONWriter {
    /// One model's object of `report.json`, written straight into a buffer: the same bytes as
    /// `model(model)` serialized at `indent`, without building a `JSONValue` tree (enums, arrays of
    /// key/value tuples, Strings) per model first.
    ///
    /// - Parameter indent: the nesting level the object starts at (two spaces each); the first
    ///   byte written is its `{`, the last its `}`.
    func writeModel(_ model: ModelReport, into out: inout OutputBuffer, indent: Int) {
        var heads = StorageHeads()
        writeModel(model, into: &out, indent: indent, heads: &heads)
    }

    /// - Parameter heads: the storage entries' bytes before their byte count, kept from one
    ///   model to the next (every model of a report has the same formats).
    func writeModel(_ model: ModelReport, into out: inout OutputBuffer, indent: Int, heads: inout StorageHeads) {
        // `model.result` and `model.entry.spec` are read in place: a `let` of either was a copy
        // (and its release) of every array and string it holds, per model.
        var object = JSONObjectWriter(out, indent: indent)
        object.string("name", model.entry.spec.name)
        object.string("file", model.file)
        object.key("anchor")
        object.out.append(byte: UInt8(ascii: "\""))
        object.out.append(model.page, escaping: JSONValue.jsonEscaped, JSONValue.escape)
        object.out.append(".html#")
        object.out.append(model.anchor, escaping: JSONValue.jsonEscaped, JSONValue.escape)
        object.out.append(byte: UInt8(ascii: "\""))
        object.string("architecture", model.entry.spec.architecture)
        object.string("source", model.entry.source)
        object.string("notes", model.entry.notes)
        object.object("config") { config in Self.writeConfig(model.entry.spec, into: &config) }
        object.object("parameters") { parameters in Self.writeParameters(model.result, into: &parameters) }
        model.result.worked.steps.withUnsafeBufferPointer { steps in
            object.array("worked", count: steps.count) { index, item in
                item.string("label", steps[index].label)
                item.string("formula", steps[index].formula)
                item.int("delta", steps[index].delta)
            }
        }
        if let figure = model.entry.published {
            object.object("published") { published in
                published.string("text", figure.total.text)
                published.int("total", figure.total.value)
                published.int("active", figure.active?.value)
                published.string("active_text", figure.active?.text)
                published.string("basis", figure.basis.rawValue)
                published.string("source", figure.source)
            }
        } else {
            object.null("published")
        }
        if let deviation = model.result.deviation {
            object.object("deviation") { value in
                value.double("relative", deviation.relative)
                value.bool("consistent", deviation.consistent)
            }
        } else {
            object.null("deviation")
        }
        model.result.storage.withUnsafeBufferPointer { entries in
            object.array("storage", count: entries.count) { index, item in
                heads.write(entries, at: index, into: &item)
                item.out.append(int: entries[index].bytes)
            }
        }
        object.object("memory") { memory in Self.writeMemory(model.result, into: &memory) }
        if let comparison = model.result.checkpoint {
            let summary = comparison.summary
            object.object("checkpoint") { checkpoint in
                checkpoint.string("path", summary.path)
                checkpoint.string("format", summary.format)
                checkpoint.int("tensors", summary.tensors)
                checkpoint.int("parameters", summary.parameters)
                checkpoint.int("bytes", summary.bytes)
                checkpoint.object("dtypes") { dtypes in
                    for dtype in summary.dtypes {
                        dtypes.object(dtype.name) { entry in
                            entry.int("tensors", dtype.tensors)
                            entry.int("parameters", dtype.parameters)
                            entry.int("bytes", dtype.bytes)
                        }
                    }
                }
                checkpoint.int("estimated_parameters", comparison.estimatedParameters)
                checkpoint.int("estimated_bytes", comparison.estimatedBytes)
                checkpoint.string("estimated_precision", comparison.estimatedFormat)
                checkpoint.strings("only_in_estimate", comparison.onlyInEstimate)
                checkpoint.strings("only_in_file", comparison.onlyInFile)
                checkpoint.bool("tied_stored_twice", comparison.tiedStoredTwice)
                checkpoint.bool("matches", comparison.matches)
            }
        }
        object.end()
    }

    private static func writeConfig(_ spec: ModelSpec, into config: inout JSONObjectWriter) {
        config.int("layers", spec.layers)
        config.int("encoder_layers", spec.encoder?.layers ?? 0)
        config.int("hidden", spec.hidden)
        config.int("heads", spec.heads)
        config.int("kv_heads", spec.kvHeads)
        config.int("head_dim", spec.headDim)
        config.int("ffn", spec.ffn)
        config.int("vocab", spec.vocab)
        config.int("max_positions", spec.maxPositions)
        config.bool("tied_embeddings", spec.tiedEmbeddings)
        config.int("experts", spec.experts?.experts ?? 0)
        config.int("experts_per_token", spec.experts?.expertsPerToken ?? 0)
        config.bool("mlp_gated", spec.mlp.gated)
        config.string("norm", spec.norms.kind.rawValue)
        config.int("norms_per_layer", spec.norms.perLayer)
        config.bool("final_norm", spec.norms.final)
        config.string("positions", spec.embedding.positions.rawValue)
    }

    private static func writeParameters(_ result: ModelResult, into parameters: inout JSONObjectWriter) {
        parameters.int("total", result.total)
        parameters.int("active", result.active)
        parameters.int("seed_approx", result.seed.approx)
        parameters.int("seed_full", result.seed.full)
        parameters.object("components") { components in
            // The dictionary read once, in its order, into the components' order: a lookup per
            // component hashed its name (a String raw value) each time.
            let counts = ComponentSlots(result.components)
            for component in Component.allCases {
                components.int(ComponentSlots.name(component), counts[component])
            }
        }
        parameters.object("exact_vs_seed") { versus in
            versus.double("approx", Self.relative(result.total, result.seed.approx))
            versus.double("full", Self.relative(result.total, result.seed.full))
        }
    }

    private static func writeMemory(_ result: ModelResult, into memory: inout JSONObjectWriter) {
        memory.int("context", result.memory.context)
        memory.int("batch", result.memory.batch)
        memory.int("kv_cache_bytes", result.memory.kvCacheBytes)
        memory.int("inference_bytes", ReportTables.inferenceBytes(result))
        memory.int("training_bytes", result.memory.trainingBytes)
        memory.string("kv_cache_dtype", result.memory.kvCacheType.rawValue)
        memory.int("training_fp32_bytes", result.memory.trainingFP32Bytes)
        memory.int("forward_flops_per_token", result.memory.forwardFlopsPerToken)
        memory.int("training_flops_per_token", result.memory.trainingFlopsPerToken)
    }

    /// (exact − figure) / figure, nil for a zero figure (as `model(_:)` writes it).
    private static func relative(_ exact: Int, _ figure: Int) -> Double? {
        figure == 0 ? nil : (Double(exact) - Double(figure)) / Double(figure)
    }
}

/// A model's count per component, read out of its `[Component: Int]` in one pass over the
/// dictionary (no hashing: `Component`'s hash is its String raw value's); absent is 0.
struct ComponentSlots {
    private var counts: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    init(_ components: [Component: Int]) {
        for (component, count) in components { self[component] = count }
    }

    /// `component.rawValue` as a static string (a member key written without escaping).
    static func name(_ component: Component) -> StaticString {
        switch component {
        case .embedding: "embedding"
        case .attention: "attention"
        case .mlp: "mlp"
        case .experts: "experts"
        case .sharedExperts: "shared_experts"
        case .router: "router"
        case .norm: "norm"
        case .head: "head"
        case .vision: "vision"
        case .projector: "projector"
        }
    }

    subscript(component: Component) -> Int {
        get {
            switch component {
            case .embedding: counts.0
            case .attention: counts.1
            case .mlp: counts.2
            case .experts: counts.3
            case .sharedExperts: counts.4
            case .router: counts.5
            case .norm: counts.6
            case .head: counts.7
            case .vision: counts.8
            case .projector: counts.9
            }
        }
        set {
            switch component {
            case .embedding: counts.0 = newValue
            case .attention: counts.1 = newValue
            case .mlp: counts.2 = newValue
            case .experts: counts.3 = newValue
            case .sharedExperts: counts.4 = newValue
            case .router: counts.5 = newValue
            case .norm: counts.6 = newValue
            case .head: counts.7 = newValue
            case .vision: counts.8 = newValue
            case .projector: counts.9 = newValue
            }
        }
    }
}

/// What a storage entry of `report.json` prints before its byte count — `{`, its precision and
/// label members and the `"bytes": ` key — for each entry index, kept from model to model: every
/// model of a report has the same formats, so an entry is one copy of these bytes and its count
/// (writing the three members each time was most of a model's JSON).
struct StorageHeads {
    private var indent = -1
    /// Per entry index: the format and label the head was built from, and the head.
    private var heads: [(format: String, label: String, bytes: [UInt8])] = []

    /// Entry `index`'s head written into `item` (empty so far); built again when the entry's
    /// format or label differs from the kept head's (the same String storage compares at once).
    mutating func write(_ entries: UnsafeBufferPointer<StorageEntry>, at index: Int, into item: inout JSONObjectWriter) {
        if indent != item.indent {
            indent = item.indent
            heads.removeAll()
        }
        let kept = index < heads.count && heads[index].format == entries[index].format
            && heads[index].label == entries[index].label
        if !kept {
            let entry = entries[index]
            var scratch = JSONObjectWriter(OutputBuffer(capacity: 128), indent: item.indent)
            scratch.string("precision", entry.format)
            scratch.string("label", entry.label)
            scratch.key("bytes")
            let head = (entry.format, entry.label, scratch.out.withUnsafeBytes { Array($0) })
            if index < heads.count {
                heads[index] = head
            } else {
                // Entries come in index order: index == heads.count.
                heads.append(head)
            }
        }
        item.members(heads[index].bytes)
    }
}

/// Writes one JSON object member by member as `JSONValue.write` prints an `.object` at `indent`:
/// `{`, each member on its own line two spaces deeper, `,` between them, `}` on its own line
/// (`{}` when it has none).
///
/// It appends to the buffer it was given (an `OutputBuffer` copy shares its bytes). A member —
/// separator, indentation, key and value — is written with one capacity check straight into the
/// buffer's block (a piece at a time it cost ~14 instructions per byte of `report.json`).
struct JSONObjectWriter {
    var out: OutputBuffer
    let indent: Int
    private var empty = true

    init(_ out: OutputBuffer, indent: Int) {
        self.out = out
        self.indent = indent
    }

    /// Room for a member's separator, indentation and quoted key of `count` bytes, and the
    /// 8 bytes `fillSpaces` may store past the indentation.
    @inline(__always)
    private func prefixLength(_ count: Int) -> Int { 2 + 2 * (indent + 1) + 8 + count + 4 }

    /// Writes the separator, indentation and `"name": ` at `start`; returns the end.
    @inline(__always)
    private mutating func writePrefix(
        _ name: UnsafePointer<UInt8>, _ count: Int, at start: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        start[0] = empty ? UInt8(ascii: "{") : UInt8(ascii: ",")
        empty = false
        start[1] = UInt8(ascii: "\n")
        var position = Self.fillSpaces(2 * (indent + 1), at: start + 2)
        position[0] = UInt8(ascii: "\"")
        (position + 1).initialize(from: name, count: count)
        position += 1 + count
        position[0] = UInt8(ascii: "\"")
        position[1] = UInt8(ascii: ":")
        position[2] = UInt8(ascii: " ")
        return position + 3
    }

    /// `count` spaces at `start`, eight at a time (up to 7 bytes past them are overwritten: the
    /// caller reserved them); returns the end.
    @inline(__always)
    static func fillSpaces(_ count: Int, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var filled = 0
        while filled < count {
            UnsafeMutableRawPointer(start + filled).storeBytes(of: 0x2020_2020_2020_2020 as UInt64, as: UInt64.self)
            filled &+= 8
        }
        return start + count
    }

    /// A member's separator, indentation and key, then room for `valueLength` more bytes: the
    /// caller writes the value and commits.
    @inline(__always)
    private mutating func beginMember(_ name: StaticString, valueLength: Int) -> UnsafeMutablePointer<UInt8> {
        let count = name.utf8CodeUnitCount
        let start = out.reserveUnsafe(prefixLength(count) + valueLength)
        return writePrefix(name.utf8Start, count, at: start)
    }

    /// The separator, indentation and `"name": ` of the next member (`name` needs no escaping).
    mutating func key(_ name: StaticString) {
        out.commit(upTo: beginMember(name, valueLength: 0))
    }

    /// A member whose name is data (escaped). Disfavoured, as the other `String`-named members: a
    /// literal name would otherwise pick `String` (the default literal type) over `StaticString`
    /// and every member went through escaping its key (callgrind: most of `writeConfig`).
    @_disfavoredOverload
    mutating func key(_ name: String) {
        let start = out.reserveUnsafe(prefixLength(0))
        start[0] = empty ? UInt8(ascii: "{") : UInt8(ascii: ",")
        empty = false
        start[1] = UInt8(ascii: "\n")
        out.commit(upTo: Self.fillSpaces(2 * (indent + 1), at: start + 2))
        JSONValue.writeString(name, into: &out)
        out.append(": ")
    }

    /// Members this writer's indentation already wrote (`StorageHeads`), appended as they are;
    /// the last may be a key whose value the caller appends next.
    mutating func members(_ bytes: [UInt8]) {
        out.append(bytes: bytes)
        empty = false
    }

    mutating func int(_ name: StaticString, _ value: Int) {
        let position = beginMember(name, valueLength: 21)
        out.commit(upTo: OutputBuffer.writeInt(value, at: position))
    }

    @_disfavoredOverload
    mutating func int(_ name: String, _ value: Int) {
        key(name)
        out.append(int: value)
    }

    mutating func int(_ name: StaticString, _ value: Int?) {
        guard let value else { return null(name) }
        int(name, value)
    }

    mutating func string(_ name: StaticString, _ value: String) {
        let written: Void? = value.utf8.withContiguousStorageIfAvailable { bytes in
            // Every byte escaped is at most 6 (`\u00XX`), and the quotes.
            let position = beginMember(name, valueLength: 6 * bytes.count + 2)
            out.commit(upTo: Self.writeQuoted(bytes, at: position))
        }
        if written == nil {
            key(name)
            JSONValue.writeString(value, into: &out)
        }
    }

    /// `bytes` between quotes, escaped as `JSONValue.writeString`, at `start`; returns the end.
    @inline(__always)
    static func writeQuoted(_ bytes: UnsafeBufferPointer<UInt8>, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let escaped = JSONValue.jsonEscaped
        start[0] = UInt8(ascii: "\"")
        var position = start + 1
        for byte in bytes {
            if escaped.contains(byte), let swap = JSONValue.escape(byte) {
                position.initialize(from: swap.utf8Start, count: swap.utf8CodeUnitCount)
                position += swap.utf8CodeUnitCount
            } else {
                position.pointee = byte
                position += 1
            }
        }
        position.pointee = UInt8(ascii: "\"")
        return position + 1
    }

    mutating func string(_ name: StaticString, _ value: String?) {
        guard let value else { return null(name) }
        string(name, value)
    }

    mutating func bool(_ name: StaticString, _ value: Bool) {
        let text: StaticString = value ? "true" : "false"
        literal(name, text)
    }

    /// A member whose value is `text` as is.
    @inline(__always)
    private mutating func literal(_ name: StaticString, _ text: StaticString) {
        let position = beginMember(name, valueLength: text.utf8CodeUnitCount)
        position.initialize(from: text.utf8Start, count: text.utf8CodeUnitCount)
        out.commit(upTo: position + text.utf8CodeUnitCount)
    }

    /// As `JSONValue.double`: `description`, or null when not finite (or absent).
    mutating func double(_ name: StaticString, _ value: Double?) {
        key(name)
        if let value, value.isFinite { out.append(value.description) } else { out.append("null") }
    }

    mutating func null(_ name: StaticString) {
        literal(name, "null")
    }

    mutating func object(_ name: StaticString, _ body: (inout JSONObjectWriter) -> Void) {
        key(name)
        var inner = JSONObjectWriter(out, indent: indent + 1)
        body(&inner)
        inner.end()
    }

    @_disfavoredOverload
    mutating func object(_ name: String, _ body: (inout JSONObjectWriter) -> Void) {
        key(name)
        var inner = JSONObjectWriter(out, indent: indent + 1)
        body(&inner)
        inner.end()
    }

    /// An array of objects, one per element.
    mutating func array<Elements: Collection>(
        _ name: StaticString, _ elements: Elements, _ body: (Elements.Element, inout JSONObjectWriter) -> Void
    ) {
        key(name)
        // As `items`, in one loop over the elements (no closure per element).
        guard !elements.isEmpty else { out.append("[]"); return }
        out.append("[\n")
        var first = true
        for element in elements {
            if !first { out.append(",\n") }
            first = false
            out.append(spaces: 2 * (indent + 2))
            var item = JSONObjectWriter(out, indent: indent + 2)
            body(element, &item)
            item.end()
        }
        out.append("\n")
        out.append(spaces: 2 * (indent + 1))
        out.append("]")
    }

    /// An array of objects, one per index of `count` (the elements are read in place by
    /// `body`, not copied out of their array one by one).
    mutating func array(_ name: StaticString, count: Int, _ body: (Int, inout JSONObjectWriter) -> Void) {
        key(name)
        guard count > 0 else { out.append("[]"); return }
        out.append("[\n")
        let itemIndent = 2 * (indent + 2)
        for index in 0..<count {
            let start = out.reserveUnsafe(2 + itemIndent + 8)
            var position = start
            if index > 0 {
                position[0] = UInt8(ascii: ",")
                position[1] = UInt8(ascii: "\n")
                position += 2
            }
            out.commit(upTo: Self.fillSpaces(itemIndent, at: position))
            var item = JSONObjectWriter(out, indent: indent + 2)
            body(index, &item)
            item.end()
        }
        out.append("\n")
        out.append(spaces: 2 * (indent + 1))
        out.append("]")
    }

    /// An array of strings.
    mutating func strings(_ name: StaticString, _ values: [String]) {
        key(name)
        items(values.count) { index, out in JSONValue.writeString(values[index], into: &out) }
    }

    /// `[`, each item on its own line one level deeper than the member, `]` (`[]` when empty).
    private mutating func items(_ count: Int, _ write: (Int, inout OutputBuffer) -> Void) {
        guard count > 0 else { out.append("[]"); return }
        out.append("[\n")
        for index in 0..<count {
            if index > 0 { out.append(",\n") }
            out.append(spaces: 2 * (indent + 2))
            write(index, &out)
        }
        out.append("\n")
        out.append(spaces: 2 * (indent + 1))
        out.append("]")
    }

    mutating func end() {
        if empty {
            out.append("{}")
        } else {
            let start = out.reserveUnsafe(2 + 2 * indent + 8)
            start[0] = UInt8(ascii: "\n")
            let position = Self.fillSpaces(2 * indent, at: start + 1)
            position[0] = UInt8(ascii: "}")
            out.commit(upTo: position + 1)
        }
    }
}
