import ParamScopeCore

extension JSONWriter {
    /// One model's object of `report.json`, written straight into a buffer.
    ///
    /// - Parameter indent: the nesting level the object starts at (two spaces each); the first
    ///   byte written is its `{`, the last its `}`.
    func writeModel(_ model: ModelReport, into out: OutputBuffer, indent: Int) {
        // `model.result` and `model.entry.spec` are read in place: a `let` of either was a copy
        // (and its release) of every array and string it holds, per model.
        var object = JSONObjectWriter(out, indent: indent)
        object.string("name", model.entry.spec.name)
        object.string("file", model.file)
        object.key("anchor")
        out.append(byte: UInt8(ascii: "\""))
        out.append(string: model.page, escaping: JSONString.escaped, JSONString.escape)
        out.append(".html#")
        out.append(string: model.anchor, escaping: JSONString.escaped, JSONString.escape)
        out.append(byte: UInt8(ascii: "\""))
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
                item.string("precision", entries[index].format)
                item.string("label", entries[index].label)
                item.int("bytes", entries[index].bytes)
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
                InspectFormat.writeDtypes(summary, elementsAs: "parameters", into: &checkpoint)
                checkpoint.int("estimated_parameters", comparison.estimatedParameters)
                checkpoint.int("estimated_bytes", comparison.estimatedBytes)
                checkpoint.string("estimated_precision", comparison.estimatedFormat)
                checkpoint.strings("only_in_estimate", comparison.onlyInEstimate)
                checkpoint.strings("only_in_file", comparison.onlyInFile)
                checkpoint.bool("tied_stored_twice", comparison.tiedStoredTwice)
                checkpoint.bool("matches", comparison.matches)
                checkpoint.strings("pretraining_head", comparison.pretrainingHead)
                // The members `inspect --format json` has beside `parameters`, from its one printer.
                InspectFormat.writeStored(summary, into: &checkpoint)
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
        parameters.string("basis", result.basis.rawValue)
        parameters.int("active", result.active)
        parameters.int("seed_approx", result.seed.approx)
        parameters.int("seed_full", result.seed.full)
        parameters.object("components") { components in
            if let parts = ReportTables.checkpointParts(result) {
                // Counted from a checkpoint: the breakdown keys, plus `vision` and `other`.
                for part in CheckpointPart.allCases { components.int(named: part.rawValue, parts[part] ?? 0) }
                return
            }
            for (component, count) in result.components {
                components.int(named: component.rawValue, count)
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
        memory.int("recurrent_state_bytes", result.memory.recurrentStateBytes)
        memory.int("inference_bytes", ReportTables.inferenceBytes(result))
        memory.int("training_bytes", result.memory.trainingBytes)
        memory.string("kv_cache_dtype", result.memory.kvCacheType.rawValue)
        memory.int("training_fp32_bytes", result.memory.trainingFP32Bytes)
        memory.int("forward_flops_per_token", result.memory.forwardFlopsPerToken)
        memory.int("training_flops_per_token", result.memory.trainingFlopsPerToken)
    }

    /// (exact − figure) / figure, nil (JSON null) for a zero figure.
    private static func relative(_ exact: Int, _ figure: Int) -> Double? {
        figure == 0 ? nil : (Double(exact) - Double(figure)) / Double(figure)
    }
}
