import ParamScopeCore

/// `report.json` and `--format json`: the contract other programs read (schema 1, DESIGN's keys,
/// integers for counts and bytes).
struct JSONWriter {
    static let schema = 1

    func document(_ models: [ModelReport]) -> String {
        JSONValue.object([
            ("schema", .int(Self.schema)),
            ("models", .array(models.map(model))),
        ]).serialized()
    }

    /// The whole report: the models, and the lists (pages) they were read from.
    func document(_ report: Report) -> String {
        let pages = report.lists.map(\.page)
        let modelCount = pages.reduce(0) { $0 + $1.modelNames.count }
        var out = documentHead(pages, modelCount: modelCount)
        var written = 0
        for list in report.lists {
            models(list.models, endingDocument: written + list.models.count == modelCount, into: &out)
            written += list.models.count
        }
        documentTail(modelCount: modelCount, into: &out)
        return out.string
    }

    /// `report.json` up to its first model: the document is written a list at a time (its
    /// models are tens of megabytes in a 10,000-model report), in three parts that join into
    /// exactly what one `JSONValue` of the whole document would print.
    func documentHead(_ pages: [ListPage], modelCount: Int) -> OutputBuffer {
        var out = OutputBuffer(capacity: 4096 + modelCount * 64)
        out.append("{\n  \"schema\": ")
        out.append(int: Self.schema)
        out.append(",\n  \"generator\": \"ParamScope\",\n  \"lists\": ")
        JSONValue.array(pages.map(list)).write(into: &out, indent: 1)
        out.append(",\n  \"models\": ")
        out.append(modelCount == 0 ? "[]" : "[\n")
        return out
    }

    /// A list's models, each an element of the document's `models` array.
    ///
    /// - Parameter endingDocument: the last of them is the report's last model (no comma).
    func models(_ models: [ModelReport], endingDocument: Bool, into out: inout OutputBuffer) {
        for (index, report) in models.enumerated() {
            out.append(spaces: 4)
            model(report).write(into: &out, indent: 2)
            out.append(endingDocument && index == models.count - 1 ? "\n" : ",\n")
        }
    }

    func documentTail(modelCount: Int, into out: inout OutputBuffer) {
        out.append(modelCount == 0 ? "\n}\n" : "  ]\n}\n")
    }

    /// A config list: its page and the names of its models, in order.
    func list(_ list: ListPage) -> JSONValue {
        .object([
            ("title", .string(list.title)),
            ("description", list.description.map(JSONValue.string) ?? .null),
            ("file", .string(list.file)),
            ("page", .string("\(list.slug).html")),
            ("models", .array(list.modelNames.map { .string($0) })),
        ])
    }

    func model(_ model: ModelReport) -> JSONValue {
        let result = model.result
        let spec = model.entry.spec
        let components = Component.allCases.map { ($0.rawValue, JSONValue.int(result.components[$0] ?? 0)) }
        var published = JSONValue.null
        if let figure = model.entry.published {
            published = .object([
                ("text", .string(figure.total.text)),
                ("total", .int(figure.total.value)),
                ("active", figure.active.map { .int($0.value) } ?? .null),
                ("active_text", figure.active.map { .string($0.text) } ?? .null),
                ("basis", .string(figure.basis.rawValue)),
                ("source", figure.source.map(JSONValue.string) ?? .null),
            ])
        }
        var deviation = JSONValue.null
        if let value = result.deviation {
            deviation = .object([("relative", .double(value.relative)), ("consistent", .bool(value.consistent))])
        }
        return .object([
            ("name", .string(spec.name)),
            ("file", .string(model.file)),
            ("anchor", .string("\(model.page).html#\(model.anchor)")),
            ("architecture", .string(spec.architecture)),
            ("source", model.entry.source.map(JSONValue.string) ?? .null),
            ("notes", model.entry.notes.map(JSONValue.string) ?? .null),
            ("config", .object([
                ("layers", .int(spec.layers)),
                ("encoder_layers", .int(spec.encoder?.layers ?? 0)),
                ("hidden", .int(spec.hidden)),
                ("heads", .int(spec.heads)),
                ("kv_heads", .int(spec.kvHeads)),
                ("head_dim", .int(spec.headDim)),
                ("ffn", .int(spec.ffn)),
                ("vocab", .int(spec.vocab)),
                ("max_positions", .int(spec.maxPositions)),
                ("tied_embeddings", .bool(spec.tiedEmbeddings)),
                ("experts", .int(spec.experts?.experts ?? 0)),
                ("experts_per_token", .int(spec.experts?.expertsPerToken ?? 0)),
                ("mlp_gated", .bool(spec.mlp.gated)),
                ("norm", .string(spec.norms.kind.rawValue)),
                ("norms_per_layer", .int(spec.norms.perLayer)),
                ("final_norm", .bool(spec.norms.final)),
                ("positions", .string(spec.embedding.positions.rawValue)),
            ])),
            ("parameters", .object([
                ("total", .int(result.total)),
                ("active", .int(result.active)),
                ("seed_approx", .int(result.seed.approx)),
                ("seed_full", .int(result.seed.full)),
                ("components", .object(components)),
                ("exact_vs_seed", .object([
                    ("approx", relative(result.total, result.seed.approx)),
                    ("full", relative(result.total, result.seed.full)),
                ])),
            ])),
            ("worked", .array(result.worked.steps.map { step in
                .object([("label", .string(step.label)), ("formula", .string(step.formula)), ("delta", .int(step.delta))])
            })),
            ("published", published),
            ("deviation", deviation),
            ("storage", .array(result.storage.map { entry in
                .object([("precision", .string(entry.format)), ("label", .string(entry.label)), ("bytes", .int(entry.bytes))])
            })),
            ("memory", .object([
                ("context", .int(result.memory.context)),
                ("batch", .int(result.memory.batch)),
                ("kv_cache_bytes", .int(result.memory.kvCacheBytes)),
                ("inference_bytes", ReportTables.inferenceBytes(result).map(JSONValue.int) ?? .null),
                ("training_bytes", .int(result.memory.trainingBytes)),
                ("kv_cache_dtype", .string(result.memory.kvCacheType.rawValue)),
                ("training_fp32_bytes", .int(result.memory.trainingFP32Bytes)),
                ("forward_flops_per_token", .int(result.memory.forwardFlopsPerToken)),
                ("training_flops_per_token", .int(result.memory.trainingFlopsPerToken)),
            ])),
        ] + checkpoint(result.checkpoint))
    }

    /// `checkpoint`: the file's header beside the estimate, only for models that name one.
    private func checkpoint(_ comparison: CheckpointComparison?) -> [(String, JSONValue)] {
        guard let comparison else { return [] }
        let summary = comparison.summary
        let dtypes = summary.dtypes.map { dtype in
            (dtype.name, JSONValue.object([("tensors", .int(dtype.tensors)), ("parameters", .int(dtype.parameters)),
                                           ("bytes", .int(dtype.bytes))]))
        }
        return [("checkpoint", .object([
            ("path", .string(summary.path)),
            ("format", .string(summary.format)),
            ("tensors", .int(summary.tensors)),
            ("parameters", .int(summary.parameters)),
            ("bytes", .int(summary.bytes)),
            ("dtypes", .object(dtypes)),
            ("estimated_parameters", .int(comparison.estimatedParameters)),
            ("estimated_bytes", comparison.estimatedBytes.map { .int($0) } ?? .null),
            ("estimated_precision", comparison.estimatedFormat.map(JSONValue.string) ?? .null),
            ("only_in_estimate", .array(comparison.onlyInEstimate.map(JSONValue.string))),
            ("only_in_file", .array(comparison.onlyInFile.map(JSONValue.string))),
            ("tied_stored_twice", .bool(comparison.tiedStoredTwice)),
            ("matches", .bool(comparison.matches)),
        ]))]
    }

    /// (exact − figure) / figure, as the HTML's "Exact vs this" column shows it.
    private func relative(_ exact: Int, _ figure: Int) -> JSONValue {
        figure == 0 ? .null : .double((Double(exact) - Double(figure)) / Double(figure))
    }
}
