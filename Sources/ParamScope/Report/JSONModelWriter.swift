import ParamScopeCore

extension JSONWriter {
    /// One model's object of `report.json`, written straight into a buffer: the same bytes as
    /// `model(model)` serialized at `indent`, without building a `JSONValue` tree (enums, arrays of
    /// key/value tuples, Strings) per model first.
    ///
    /// - Parameter indent: the nesting level the object starts at (two spaces each); the first
    ///   byte written is its `{`, the last its `}`.
    func writeModel(_ model: ModelReport, into out: inout OutputBuffer, indent: Int) {
        let result = model.result
        let spec = model.entry.spec
        var object = JSONObjectWriter(out, indent: indent)
        object.string("name", spec.name)
        object.string("file", model.file)
        object.key("anchor")
        object.out.append(byte: UInt8(ascii: "\""))
        object.out.append(model.page, escaping: JSONValue.jsonEscaped, JSONValue.escape)
        object.out.append(".html#")
        object.out.append(model.anchor, escaping: JSONValue.jsonEscaped, JSONValue.escape)
        object.out.append(byte: UInt8(ascii: "\""))
        object.string("architecture", spec.architecture)
        object.string("source", model.entry.source)
        object.string("notes", model.entry.notes)
        object.object("config") { config in
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
        object.object("parameters") { parameters in
            parameters.int("total", result.total)
            parameters.int("active", result.active)
            parameters.int("seed_approx", result.seed.approx)
            parameters.int("seed_full", result.seed.full)
            parameters.object("components") { components in
                for component in Component.allCases {
                    components.int(component.rawValue, result.components[component] ?? 0)
                }
            }
            parameters.object("exact_vs_seed") { versus in
                versus.double("approx", Self.relative(result.total, result.seed.approx))
                versus.double("full", Self.relative(result.total, result.seed.full))
            }
        }
        object.array("worked", result.worked.steps) { step, item in
            item.string("label", step.label)
            item.string("formula", step.formula)
            item.int("delta", step.delta)
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
        if let deviation = result.deviation {
            object.object("deviation") { value in
                value.double("relative", deviation.relative)
                value.bool("consistent", deviation.consistent)
            }
        } else {
            object.null("deviation")
        }
        object.array("storage", result.storage) { entry, item in
            item.string("precision", entry.format)
            item.string("label", entry.label)
            item.int("bytes", entry.bytes)
        }
        object.object("memory") { memory in
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
        if let comparison = result.checkpoint {
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

    /// (exact − figure) / figure, nil for a zero figure (as `model(_:)` writes it).
    private static func relative(_ exact: Int, _ figure: Int) -> Double? {
        figure == 0 ? nil : (Double(exact) - Double(figure)) / Double(figure)
    }
}

/// Writes one JSON object member by member as `JSONValue.write` prints an `.object` at `indent`:
/// `{`, each member on its own line two spaces deeper, `,` between them, `}` on its own line
/// (`{}` when it has none).
///
/// It appends to the buffer it was given (an `OutputBuffer` copy shares its bytes).
struct JSONObjectWriter {
    var out: OutputBuffer
    let indent: Int
    private var empty = true

    init(_ out: OutputBuffer, indent: Int) {
        self.out = out
        self.indent = indent
    }

    /// The separator, indentation and `"name": ` of the next member (`name` needs no escaping),
    /// written in one piece.
    mutating func key(_ name: StaticString) {
        let spaces = 2 * (indent + 1), count = name.utf8CodeUnitCount
        let first = empty
        empty = false
        out.appendReserved(2 + spaces + count + 4) { start in
            start[0] = first ? UInt8(ascii: "{") : UInt8(ascii: ",")
            start[1] = UInt8(ascii: "\n")
            (start + 2).initialize(repeating: UInt8(ascii: " "), count: spaces)
            var position = start + 2 + spaces
            position[0] = UInt8(ascii: "\"")
            (position + 1).initialize(from: name.utf8Start, count: count)
            position += 1 + count
            position[0] = UInt8(ascii: "\"")
            position[1] = UInt8(ascii: ":")
            position[2] = UInt8(ascii: " ")
        }
    }

    /// A member whose name is data (escaped).
    mutating func key(_ name: String) {
        separate()
        JSONValue.writeString(name, into: &out)
        out.append(": ")
    }

    @inline(__always)
    private mutating func separate() {
        out.append(empty ? "{\n" : ",\n")
        empty = false
        out.append(spaces: 2 * (indent + 1))
    }

    mutating func int(_ name: StaticString, _ value: Int) {
        key(name)
        out.append(int: value)
    }

    mutating func int(_ name: String, _ value: Int) {
        key(name)
        out.append(int: value)
    }

    mutating func int(_ name: StaticString, _ value: Int?) {
        guard let value else { return null(name) }
        int(name, value)
    }

    mutating func string(_ name: StaticString, _ value: String) {
        key(name)
        JSONValue.writeString(value, into: &out)
    }

    mutating func string(_ name: StaticString, _ value: String?) {
        guard let value else { return null(name) }
        string(name, value)
    }

    mutating func bool(_ name: StaticString, _ value: Bool) {
        key(name)
        out.append(value ? "true" : "false")
    }

    /// As `JSONValue.double`: `description`, or null when not finite (or absent).
    mutating func double(_ name: StaticString, _ value: Double?) {
        key(name)
        if let value, value.isFinite { out.append(value.description) } else { out.append("null") }
    }

    mutating func null(_ name: StaticString) {
        key(name)
        out.append("null")
    }

    mutating func object(_ name: StaticString, _ body: (inout JSONObjectWriter) -> Void) {
        key(name)
        var inner = JSONObjectWriter(out, indent: indent + 1)
        body(&inner)
        inner.end()
    }

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
            out.append("\n")
            out.append(spaces: 2 * indent)
            out.append("}")
        }
    }
}
