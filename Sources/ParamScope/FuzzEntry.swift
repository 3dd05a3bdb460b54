import ParamScopeCore

/// The input readers as the fuzz targets call them: bytes in memory through exactly the code the
/// command line runs on a file's bytes. Each returns normally or throws a `Diagnostic`; anything
/// else (a trap, a hang, unbounded memory) is a finding.
public enum FuzzEntry {
    /// A config.json's bytes → the spec `paramscope estimate config.json` would count, and its count.
    public static func hfConfig(_ bytes: [UInt8]) throws(Diagnostic) -> ModelSpec {
        let spec = try HFConfigImporter.spec(from: HFConfig.parse(bytes, file: "config.json"), name: "fuzz")
        // What the report does next with the spec: count it (overflow throws, never traps).
        _ = try? ModelResult(spec: spec, published: nil, formats: StorageFormat.all, context: 4096, batch: 1,
                             kvCacheType: .bf16)
        return spec
    }

    /// A `.safetensors` file's bytes → its checkpoint summary.
    public static func safetensors(_ bytes: [UInt8]) throws(Diagnostic) -> CheckpointSummary {
        try CheckpointReader.safetensors(HeaderFile(bytes: bytes, path: "fuzz.safetensors"), context: CheckpointContext())
    }

    /// A `.gguf` file's bytes → its checkpoint summary.
    public static func gguf(_ bytes: [UInt8]) throws(Diagnostic) -> CheckpointSummary {
        try GGUFReader.summary(of: HeaderFile(bytes: bytes, path: "fuzz.gguf"))
    }

    /// A config.json with nested configs (`text_config`, `vision_config`, ...): the whole file as
    /// `estimate` imports it, then each nested object through the importer as a tower of its own
    /// (what a vision-language family does with its text model).
    public static func nestedConfig(_ bytes: [UInt8]) throws(Diagnostic) -> [ModelSpec] {
        let config = try HFConfig.parse(bytes, file: "config.json")
        var specs: [ModelSpec] = []
        if let spec = try? HFConfigImporter.spec(from: config, name: "fuzz") { specs.append(spec) }
        for key in ["text_config", "vision_config", "language_config", "llm_config", "audio_config"] {
            // A tower whose family ParamScope does not read yet is a diagnostic, not a finding.
            guard let nested = try config.object(key), let spec = try? HFConfigImporter.spec(from: nested, name: "fuzz.\(key)") else { continue }
            _ = try? ModelResult(spec: spec, published: nil, formats: StorageFormat.all, context: 4096, batch: 1, kvCacheType: .bf16)
            specs.append(spec)
        }
        return specs
    }

    /// A `model.safetensors.index.json`'s bytes → its weight map (shards are not opened).
    public static func safetensorsIndex(_ bytes: [UInt8]) throws(Diagnostic) -> Int {
        try SafetensorsIndexReader.parse(bytes, path: "model.safetensors.index.json").shardOf.count
    }

    /// User prose → the `.md` text; traps (a finding) when cmark still finds raw HTML or a
    /// dangerous link in it.
    public static func markdownProse(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let safe = MarkdownProse.safe(text)
        guard let outline = CmarkOutline(safe) else { return }
        for node in outline.nodes {
            precondition(node.kind != .htmlBlock && node.kind != .htmlInline, "raw HTML survived: \(safe.debugDescription)")
            precondition(!MarkdownProse.isDangerous(node.url), "a dangerous link survived: \(safe.debugDescription)")
        }
    }

    /// A page template's bytes → checked, compiled and rendered with the longest navigation a
    /// page has; what is not refused must render (bounded) without hanging.
    public static func pageTemplate(_ bytes: [UInt8]) throws(Diagnostic) -> Int {
        guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
        let template = try PageTemplate(text: text, style: "body{}", file: "page.html.mustache")
        let navigation = (0...Navigation.fullLimit).map { (title: "List \($0)", href: "l\($0).html", current: $0 == 1) }
        let page = template.page(title: "T", body: "<p>body</p>", navigation: navigation)
        precondition(page.utf8.count <= TemplateBounds.maxOutput + 1024, "a template wrote \(page.utf8.count) bytes")
        return page.utf8.count
    }

    /// A GGUF file's bytes as a model: the spec its metadata describes (llama.cpp's keys), counted.
    public static func ggufModel(_ bytes: [UInt8]) throws(Diagnostic) -> ModelSpec? {
        let file = try GGUFReader.read(HeaderFile(bytes: bytes, path: "fuzz.gguf"))
        guard let spec = GGUFModel.spec(file, name: "fuzz") else { return nil }
        _ = try? ModelResult(spec: spec, published: nil, formats: StorageFormat.all, context: 4096, batch: 1, kvCacheType: .bf16)
        return spec
    }

    /// Splits a `quantized` input: a config.json, this line, then a `.safetensors` file.
    public static let quantizedSeparator = Array("\n#safetensors\n".utf8)

    /// A quantized checkpoint: the config.json beside it (its `quantization_config` and layer
    /// count) and the safetensors bytes → the summary, packed tensors decoded to logical ones.
    public static func quantized(_ bytes: [UInt8]) throws(Diagnostic) -> CheckpointSummary {
        var split = bytes.count
        if bytes.count >= quantizedSeparator.count {
            for start in 0...(bytes.count - quantizedSeparator.count) where bytes[start..<start + quantizedSeparator.count].elementsEqual(quantizedSeparator) {
                split = start
                break
            }
        }
        let config = Array(bytes[..<split])
        let weights = split < bytes.count ? Array(bytes[(split + quantizedSeparator.count)...]) : []
        let context = try CheckpointContext(config: HFConfig.parse(config, file: "config.json"))
        return try CheckpointReader.safetensors(HeaderFile(bytes: weights, path: "fuzz.safetensors"), context: context)
    }
}
