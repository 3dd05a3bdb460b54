import Foundation
import ParamScopeCore

/// Opens a checkpoint by its kind: a `.safetensors` file, a sharded `*.index.json`, a `.gguf`,
/// or a model directory holding one of them. Headers only, never the weights.
public enum CheckpointReader {
    public static func summary(_ path: String) throws(Diagnostic) -> CheckpointSummary {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            guard let found = checkpoint(inDirectory: path) else {
                throw Diagnostic(file: path, "no model.safetensors, model.safetensors.index.json or *.gguf in this directory")
            }
            return try summary(found)
        }
        if path.hasSuffix(".index.json") { return try SafetensorsIndexReader.summary(path) }
        if path.hasSuffix(".gguf") { return try GGUFReader.summary(path) }
        if path.hasSuffix(".safetensors") { return try SafetensorsReader.summary(path) }
        // Unknown extension: the magic decides.
        let file = try HeaderFile(path)
        if file.size >= 4, try file.read(at: 0, count: 4, what: "the magic") == Array("GGUF".utf8) {
            return try GGUFReader.summary(path)
        }
        return try SafetensorsReader.summary(path)
    }

    /// The checkpoint a model directory holds: the sharded index, else `model.safetensors`, else
    /// the first `*.gguf` by name.
    public static func checkpoint(inDirectory directory: String) -> String? {
        let manager = FileManager.default
        for name in ["model.safetensors.index.json", "model.safetensors"] {
            let candidate = (directory as NSString).appendingPathComponent(name)
            if manager.fileExists(atPath: candidate) { return candidate }
        }
        let ggufs = ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".gguf") }.sorted()
        return ggufs.first.map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Folds validated tensor rows into a summary: per-dtype counts and an inventory.
    ///
    /// - Throws: when the parameters or bytes of all tensors together overflow 64 bits (each
    ///   tensor fits, their sum need not): the summary's totals are then safe to add up.
    static func summarize(
        path: String, format: String, files: Int, tensors: [(name: String, dtype: String, shape: [Int], elements: Int, bytes: Int)],
        fileType: Int? = nil
    ) throws(Diagnostic) -> CheckpointSummary {
        var byType: [String: CheckpointSummary.DType] = [:]
        var inventory = Inventory()
        var totalParameters = 0, totalBytes = 0
        for tensor in tensors {
            var row = byType[tensor.dtype] ?? .init(name: tensor.dtype, tensors: 0, parameters: 0, bytes: 0)
            let parameters = totalParameters.addingReportingOverflow(tensor.elements)
            let bytes = totalBytes.addingReportingOverflow(tensor.bytes)
            guard !parameters.overflow, !bytes.overflow else {
                throw Diagnostic(file: path, "the tensors' sizes add up to more than a 64-bit count (at \"\(tensor.name)\")")
            }
            (totalParameters, totalBytes) = (parameters.partialValue, bytes.partialValue)
            // Cannot overflow: each is at most the checked total above.
            row.tensors += 1
            row.parameters += tensor.elements
            row.bytes += tensor.bytes
            byType[tensor.dtype] = row
            inventory.append(TensorNaming.entry(name: tensor.name, shape: tensor.shape))
        }
        return CheckpointSummary(path: path, format: format, files: files, inventory: inventory,
                                 dtypes: Array(byType.values), fileType: fileType)
    }
}
