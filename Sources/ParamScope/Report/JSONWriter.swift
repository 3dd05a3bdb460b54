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
            ])),
            ("parameters", .object([
                ("total", .int(result.total)),
                ("active", .int(result.active)),
                ("seed_approx", .int(result.seed.approx)),
                ("seed_full", .int(result.seed.full)),
                ("components", .object(components)),
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
                ("training_bytes", .int(result.memory.trainingBytes)),
            ])),
        ])
    }
}
