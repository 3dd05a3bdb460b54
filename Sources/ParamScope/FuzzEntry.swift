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
}
