import ParamScopeCore

/// Reads a GGUF header (versions 2 and 3; ggml's `docs/gguf.md`): magic, version, tensor and
/// key/value counts, the key/values (skipped but for `general.alignment` and
/// `general.file_type`), then each tensor's name, dimensions, ggml type and data offset.
///
/// Reading is sequential and proportional to the header; counts and lengths are checked against
/// the bytes the file has left before anything is read or allocated for them.
enum GGUFReader {
    static let maxTensors = 1 << 24
    static let maxKeys = 1 << 24
    static let maxDimensions = 4

    /// A GGUF header as read: its tensors as stored and the key/values a model needs.
    struct File {
        var path: String
        var version: Int
        var tensors: [CheckpointSummary.StoredTensor]
        var fileType: Int?
        var metadata: [String: GGUFValue]

        func summary(context: CheckpointContext) throws(Diagnostic) -> CheckpointSummary {
            var context = context
            // llama.cpp counts next-n (multi-token prediction) layers in block_count.
            if let architecture = metadata["general.architecture"]?.string,
               let blocks = metadata["\(architecture).block_count"]?.int, blocks >= 0 {
                let nextN = max(0, metadata["\(architecture).nextn_predict_layers"]?.int ?? 0)
                if context.layers == nil { context.layers = blocks - min(nextN, blocks) }
                if context.declaredExtraLayers == 0 { context.declaredExtraLayers = nextN }
            }
            return try CheckpointReader.summarize(path: path, format: "gguf v\(version)", files: 1, tensors: tensors,
                                                  fileType: fileType, context: context)
        }
    }

    static func summary(_ path: String) throws(Diagnostic) -> CheckpointSummary {
        try read(HeaderFile(path)).summary(context: CheckpointContext())
    }

    /// The summary of an opened file (on disk or in memory).
    static func summary(of file: HeaderFile) throws(Diagnostic) -> CheckpointSummary {
        try read(file).summary(context: CheckpointContext())
    }

    /// The header of an opened file (on disk, in memory, or the first bytes of one fetched over
    /// HTTP: every read is bounded by `file.size`).
    static func read(_ file: HeaderFile) throws(Diagnostic) -> File {
        let path = file.path
        var stream = GGUFStream(file)
        let magic = try stream.bytes(4, "the magic")
        guard magic == Array("GGUF".utf8) else { throw Diagnostic(file: path, "not a GGUF file (no \"GGUF\" magic)") }
        let version = try stream.u32("the version")
        guard version == 2 || version == 3 else {
            if version == 1 { throw Diagnostic(file: path, "GGUF version 1 is not supported (only 2 and 3)") }
            throw Diagnostic(file: path, "unsupported GGUF version \(version) (a big-endian file, or not GGUF; only little-endian 2 and 3 are read)")
        }
        let tensorCount = try stream.u64("the tensor count")
        let keyCount = try stream.u64("the key/value count")
        // Each tensor takes at least 8 + 4 + 4 + 8 bytes of header, each key/value at least 8 + 4 + 1.
        guard tensorCount <= UInt64(maxTensors), tensorCount * 24 <= UInt64(stream.remaining) else {
            throw Diagnostic(file: path, "the header claims \(tensorCount) tensors, more than the file can describe")
        }
        guard keyCount <= UInt64(maxKeys), keyCount * 13 <= UInt64(stream.remaining) else {
            throw Diagnostic(file: path, "the header claims \(keyCount) key/value pairs, more than the file can hold")
        }
        var alignment = 32
        var fileType: Int?
        var metadata: [String: GGUFValue] = [:]
        for index in 0..<Int(keyCount) {
            let key = try stream.string("key \(index)")
            let type = try stream.u32("the type of \(key)")
            if key == "general.alignment" && type == 4 {
                let value = Int(try stream.u32(key))
                guard value > 0, value & (value - 1) == 0 else {
                    throw Diagnostic(file: path, "general.alignment is \(value); it must be a power of two")
                }
                alignment = value
            } else if key == "general.file_type" && (type == 4 || type == 5) {
                fileType = Int(try stream.u32(key))
                metadata[key] = .int(fileType!)
            } else if let value = try stream.value(type: type, key: key) {
                metadata[key] = value
            }
        }
        var rows: [(String, String, [Int], Int, Int, Int)] = []
        for index in 0..<Int(tensorCount) {
            let name = try stream.string("the name of tensor \(index)")
            let dimensionCount = try stream.u32("the dimensions of \(name)")
            guard dimensionCount >= 1, dimensionCount <= UInt32(maxDimensions) else {
                throw Diagnostic(file: path, "tensor \"\(name)\" has \(dimensionCount) dimensions (1 to \(maxDimensions) allowed)")
            }
            var dimensions: [Int] = []
            for _ in 0..<Int(dimensionCount) {
                let value = try stream.u64("the shape of \(name)")
                guard value <= UInt64(Int.max) else { throw Diagnostic(file: path, "tensor \"\(name)\": dimension \(value) overflows") }
                dimensions.append(Int(value))
            }
            let typeID = try stream.u32("the type of \(name)")
            guard let type = GGMLType(rawValue: Int(typeID)) else {
                throw Diagnostic(file: path, "tensor \"\(name)\": unknown ggml type \(typeID)")
            }
            let offset = try stream.u64("the offset of \(name)")
            guard offset <= UInt64(Int.max), Int(offset) % alignment == 0 else {
                throw Diagnostic(file: path, "tensor \"\(name)\": offset \(offset) is not a multiple of the alignment \(alignment)")
            }
            let elements: Int
            let bytes: Int?
            do {
                elements = try Checked.product(dimensions, what: "")
                bytes = try type.bytes(elements: elements, rowLength: dimensions[0])
            } catch {
                throw Diagnostic(file: path, "tensor \"\(name)\": shape \(dimensions) overflows a 64-bit size")
            }
            guard let bytes else {
                throw Diagnostic(file: path, "tensor \"\(name)\": a row of \(dimensions[0]) does not split into \(type.name) blocks of \(type.blockSize)")
            }
            // GGUF lists ne[0] (the row) first; PyTorch order puts it last.
            rows.append((name, type.name, dimensions.reversed(), elements, bytes, Int(offset)))
        }
        let headerEnd = stream.position
        let dataStart = (headerEnd + alignment - 1) / alignment * alignment
        let dataLength = max(0, stream.file.size - dataStart)
        // An end past Int.max is past any file's data: Int.max stands for it (no wrap-around).
        let ranges = rows.map { row in
            let (end, overflow) = row.5.addingReportingOverflow(row.4)
            return (begin: row.5, end: overflow ? Int.max : end, name: row.0)
        }.sorted { ($0.begin, $0.end) < ($1.begin, $1.end) }
        for range in ranges where range.end > dataLength {
            throw Diagnostic(file: path, "tensor \"\(range.name)\": data at \(range.begin)..<\(range.end) runs past the end of the file's data (\(dataLength) bytes)")
        }
        for (previous, next) in zip(ranges, ranges.dropFirst()) where next.begin < previous.end {
            throw Diagnostic(file: path, "tensors \"\(previous.name)\" and \"\(next.name)\" overlap (offsets \(previous.begin)..<\(previous.end) and \(next.begin)..<\(next.end))")
        }
        let tensors = rows.map { CheckpointSummary.StoredTensor(name: $0.0, dtype: $0.1, shape: $0.2, elements: $0.3, bytes: $0.4) }
        return File(path: path, version: Int(version), tensors: tensors, fileType: fileType, metadata: metadata)
    }
}

/// A GGUF key/value kept for the model: integers, numbers, booleans, short strings, and an
/// array's length (the tokenizer's token list gives the vocabulary).
enum GGUFValue: Sendable, Equatable {
    case int(Int)
    case number(Double)
    case bool(Bool)
    case string(String)
    case array(count: Int)

    var int: Int? { if case .int(let value) = self { return value } else { return nil } }
    var string: String? { if case .string(let value) = self { return value } else { return nil } }
    var bool: Bool? { if case .bool(let value) = self { return value } else { return nil } }
    var count: Int? { if case .array(let count) = self { return count } else { return nil } }
}

/// Sequential little-endian reads through a small buffer.
struct GGUFStream {
    let file: HeaderFile
    private(set) var position = 0
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    static let chunk = 1 << 20

    init(_ file: HeaderFile) { self.file = file }

    var remaining: Int { file.size - position }

    mutating func bytes(_ count: Int, _ what: String) throws(Diagnostic) -> [UInt8] {
        guard count >= 0, count <= remaining else {
            throw Diagnostic(file: file.path, "truncated: \(what) needs \(count) bytes at offset \(position), but the file has \(file.size) bytes")
        }
        let offsetInBuffer = position - bufferStart
        if offsetInBuffer < 0 || offsetInBuffer + count > buffer.count {
            bufferStart = position
            buffer = try file.read(at: position, count: max(count, min(Self.chunk, file.available(from: position))), what: what)
        }
        let start = position - bufferStart
        position += count
        return Array(buffer[start..<start + count])
    }

    mutating func skip(_ count: UInt64, _ what: String) throws(Diagnostic) {
        guard count <= UInt64(remaining) else {
            throw Diagnostic(file: file.path, "truncated: \(what) claims \(count) bytes at offset \(position), but the file has \(file.size) bytes")
        }
        position += Int(count)
    }

    mutating func u32(_ what: String) throws(Diagnostic) -> UInt32 { UInt32(try bytes(4, what).littleEndian(at: 0, width: 4)) }
    mutating func u64(_ what: String) throws(Diagnostic) -> UInt64 { try bytes(8, what).littleEndian(at: 0, width: 8) }

    mutating func string(_ what: String) throws(Diagnostic) -> String {
        let length = try u64(what)
        guard length <= 1 << 16 else {
            throw Diagnostic(file: file.path, "\(what) claims a \(length)-byte name; names above 65536 bytes are refused")
        }
        guard length <= UInt64(remaining) else {
            throw Diagnostic(file: file.path, "truncated: \(what) claims \(length) bytes at offset \(position), but the file has \(file.size) bytes")
        }
        return String(decoding: try bytes(Int(length), what), as: UTF8.self)
    }

    /// Bytes of one value of a fixed-size GGUF type, `nil` for strings and arrays.
    static func width(of type: UInt32) -> Int? {
        switch type {
        case 0, 1, 7: return 1
        case 2, 3: return 2
        case 4, 5, 6: return 4
        case 10, 11, 12: return 8
        default: return nil
        }
    }

    /// One value read (a number, a string up to 4 KB, an array's length) or skipped (nil).
    mutating func value(type: UInt32, key: String) throws(Diagnostic) -> GGUFValue? {
        switch type {
        case 0, 2, 4, 10:
            let width = Self.width(of: type)!
            let raw = try bytes(width, key).littleEndian(at: 0, width: width)
            return raw <= UInt64(Int.max) ? .int(Int(raw)) : nil
        case 1, 3, 5, 11:
            let width = Self.width(of: type)!
            let raw = try bytes(width, key).littleEndian(at: 0, width: width)
            let shift = UInt64(64 - 8 * width)
            let signed = Int64(bitPattern: raw << shift) >> Int64(shift)
            return .int(Int(signed))
        case 6: return .number(Double(Float(bitPattern: UInt32(try bytes(4, key).littleEndian(at: 0, width: 4)))))
        case 12: return .number(Double(bitPattern: try bytes(8, key).littleEndian(at: 0, width: 8)))
        case 7: return .bool(try bytes(1, key)[0] != 0)
        case 8:
            let length = try u64(key)
            guard length <= 4096 else {
                try skip(length, key)
                return nil
            }
            guard length <= UInt64(remaining) else {
                throw Diagnostic(file: file.path, "truncated: \(key) claims \(length) bytes at offset \(position), but the file has \(file.size) bytes")
            }
            return .string(String(decoding: try bytes(Int(length), key), as: UTF8.self))
        case 9:
            let start = position
            let elementType = try u32(key)
            let count = try u64(key)
            position = start
            try skipValue(type: type, key: key)
            _ = elementType
            return count <= UInt64(Int.max) ? .array(count: Int(count)) : nil
        default:
            try skipValue(type: type, key: key)
            return nil
        }
    }

    mutating func skipValue(type: UInt32, key: String) throws(Diagnostic) {
        if let width = Self.width(of: type) {
            try skip(UInt64(width), key)
            return
        }
        switch type {
        case 8:
            try skip(try u64(key), key)
        case 9:
            let elementType = try u32(key)
            let count = try u64(key)
            if let width = Self.width(of: elementType) {
                let (total, overflow) = count.multipliedReportingOverflow(by: UInt64(width))
                guard !overflow else { throw Diagnostic(file: file.path, "\(key): an array of \(count) values overflows") }
                try skip(total, key)
            } else if elementType == 8 {
                // Each string takes at least its 8-byte length.
                guard count <= UInt64(remaining / 8) else {
                    throw Diagnostic(file: file.path, "\(key): an array of \(count) strings is more than the file holds")
                }
                for _ in 0..<count { try skip(try u64(key), key) }
            } else {
                throw Diagnostic(file: file.path, "\(key): arrays of type \(elementType) are not supported (nested arrays?)")
            }
        default:
            throw Diagnostic(file: file.path, "\(key): unknown GGUF value type \(type)")
        }
    }
}
