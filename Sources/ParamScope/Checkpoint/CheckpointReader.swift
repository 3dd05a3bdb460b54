import Foundation
import ParamScopeCore

/// Opens a checkpoint by its kind: a `.safetensors` file, a sharded `*.index.json`, a `.gguf`,
/// or a model directory holding one of them. Headers only, never the weights (two kinds of tiny
/// tensor a header cannot describe are read: a bitsandbytes quant state and a compressed-tensors
/// `weight_shape`, each bounded to 64 KB).
public enum CheckpointReader {
    /// - Parameter layers: the decoder layers the architecture builds, when a family says
    ///   (otherwise the config.json beside the checkpoint says, if there is one).
    public static func summary(_ path: String, layers: Int? = nil) throws(Diagnostic) -> CheckpointSummary {
        var context = try CheckpointContext.beside(path)
        if let layers { context.layers = layers }
        return try summary(path, context: context)
    }

    /// The summary with the config's facts given (a Hub caller reads config.json itself).
    public static func summary(_ path: String, context: CheckpointContext) throws(Diagnostic) -> CheckpointSummary {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            guard let found = checkpoint(inDirectory: path) else {
                throw Diagnostic(file: path, "no model.safetensors, model.safetensors.index.json or *.gguf in this directory")
            }
            return try summary(found, context: context)
        }
        if path.hasSuffix(".index.json") { return try SafetensorsIndexReader.summary(path, context: context) }
        if path.hasSuffix(".gguf") { return try GGUFReader.read(HeaderFile(path)).summary(context: context) }
        if path.hasSuffix(".safetensors") { return try safetensors(HeaderFile(path), context: context) }
        // Unknown extension: the magic decides.
        let file = try HeaderFile(path)
        if file.size >= 4, try file.read(at: 0, count: 4, what: "the magic") == Array("GGUF".utf8) {
            return try GGUFReader.read(file).summary(context: context)
        }
        return try safetensors(file, context: context)
    }

    /// One `.safetensors` file (on disk or in memory).
    static func safetensors(_ file: HeaderFile, context: CheckpointContext) throws(Diagnostic) -> CheckpointSummary {
        let header = try SafetensorsReader.header(in: file)
        let payload = Payloads()
        payload.add(header, of: file)
        return try summarize(path: file.path, format: "safetensors", files: 1, tensors: header.tensors.map(\.stored),
                             context: context, payload: payload.read)
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

    /// Folds validated stored tensors into a summary: per-dtype counts as stored, and the logical
    /// parameters (packed forms unpacked, metadata, buffers and extra layers set aside) as an
    /// inventory with its parts by name pattern. Pure but for `payload`.
    ///
    /// - Throws: when the sizes of all tensors together overflow 64 bits (each tensor fits, their
    ///   sum need not), or a packed layout does not add up.
    public static func summarize(
        path: String, format: String, files: Int, tensors: [CheckpointSummary.StoredTensor], fileType: Int? = nil,
        context: CheckpointContext, declaredParameters: Int? = nil,
        payload: (CheckpointSummary.StoredTensor) -> [UInt8]? = { _ in nil }
    ) throws(Diagnostic) -> CheckpointSummary {
        var byType: [String: CheckpointSummary.DType] = [:]
        var totalElements = 0, totalBytes = 0
        for tensor in tensors {
            var row = byType[tensor.dtype] ?? .init(name: tensor.dtype, tensors: 0, parameters: 0, bytes: 0)
            let elements = totalElements.addingReportingOverflow(tensor.elements)
            let bytes = totalBytes.addingReportingOverflow(tensor.bytes)
            guard !elements.overflow, !bytes.overflow else {
                throw Diagnostic(file: path, "the tensors' sizes add up to more than a 64-bit count (at \"\(tensor.name)\")")
            }
            (totalElements, totalBytes) = (elements.partialValue, bytes.partialValue)
            // Cannot overflow: each is at most the checked total above.
            row.tensors += 1
            row.parameters += tensor.elements
            row.bytes += tensor.bytes
            byType[tensor.dtype] = row
        }
        let sorted: LogicalTensors.Sorted
        do {
            sorted = try LogicalTensors.sort(tensors, quantization: context.quantization, payload: payload)
        } catch {
            throw Diagnostic(file: path, "tensor \"\(error.tensor)\": \(error.message)")
        }
        var inventory = Inventory()
        var parts: [CheckpointPart: Int] = [:]
        var total = 0
        var extra: (layers: Set<Int>, tensors: Int, parameters: Int) = ([], 0, 0)
        for parameter in sorted.parameters {
            let entry = TensorNaming.entry(name: parameter.name, shape: parameter.shape)
            // Each logical tensor holds at most the elements its packed form stores × 32.
            guard let count = try? entry.parameters(), case let (sum, false) = total.addingReportingOverflow(count) else {
                throw Diagnostic(file: path, "tensor \"\(parameter.name)\": the logical shape \(parameter.shape) overflows a 64-bit count")
            }
            let part = TensorNaming.part(of: entry)
            if let layers = context.layers, part != .vision, let layer = TensorNaming.decoderLayer(parameter.name), layer >= layers {
                extra.layers.insert(layer)
                extra.tensors += 1
                extra.parameters &+= count
                continue
            }
            total = sum
            parts[part, default: 0] &+= count
            inventory.append(entry)
        }
        var extraLayers: CheckpointSummary.ExtraLayers?
        if !extra.layers.isEmpty {
            let reason = context.declaredExtraLayers > 0
                ? "multi-token prediction (num_nextn_predict_layers: \(context.declaredExtraLayers))"
                : "layers beyond the \(context.layers ?? 0) the architecture builds"
            extraLayers = .init(layers: extra.layers.sorted(), tensors: extra.tensors, parameters: extra.parameters, reason: reason)
        }
        var summary = CheckpointSummary(path: path, format: format, files: files, inventory: inventory,
                                        dtypes: Array(byType.values), fileType: fileType, quantization: sorted.method,
                                        buffers: sorted.buffers, metadata: sorted.metadata, extraLayers: extraLayers,
                                        declaredParameters: declaredParameters, parts: parts, parameters: total)
        if let method = sorted.method {
            summary.storageFormat = (context.quantization ?? QuantizationConfig(method: method)).storageFormat(method: method)
        }
        return summary
    }
}

/// Where each small stored tensor's bytes are, so the sorter can read a quant state or a shape
/// without the reader knowing which it will need. Reads are bounded by `LogicalTensors.payloadCap`.
final class Payloads {
    private var places: [String: (file: HeaderFile, offset: Int)] = [:]

    func add(_ header: SafetensorsReader.Header, of file: HeaderFile) {
        for tensor in header.tensors { places[tensor.name] = (file, header.dataStart + tensor.begin) }
    }

    func read(_ tensor: CheckpointSummary.StoredTensor) -> [UInt8]? {
        guard tensor.bytes <= LogicalTensors.payloadCap, let place = places[tensor.name] else { return nil }
        return try? place.file.read(at: place.offset, count: tensor.bytes, what: "tensor \(tensor.name)")
    }
}

extension SafetensorsReader.Tensor {
    var stored: CheckpointSummary.StoredTensor {
        .init(name: name, dtype: dtype, shape: shape, elements: elements, bytes: bytes)
    }
}
