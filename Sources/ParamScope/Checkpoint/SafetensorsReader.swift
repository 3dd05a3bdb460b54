import Foundation
import ParamScopeCore

/// Reads a `.safetensors` header: an 8-byte little-endian length, then that many bytes of JSON
/// mapping each tensor name to `{dtype, shape, data_offsets}` (huggingface/safetensors, format
/// README). Only the header is read; offsets are checked against the file's size.
enum SafetensorsReader {
    /// Bits per element of every dtype the format defines.
    static let dtypeBits: [String: Int] = [
        "BOOL": 8, "U8": 8, "I8": 8, "F8_E5M2": 8, "F8_E4M3": 8, "F8_E8M0": 8,
        "I16": 16, "U16": 16, "F16": 16, "BF16": 16,
        "I32": 32, "U32": 32, "F32": 32, "I64": 64, "U64": 64, "F64": 64,
        "F4": 4, "F6_E2M3": 6, "F6_E3M2": 6,
    ]

    struct Tensor {
        var name: String
        var dtype: String
        var shape: [Int]
        var elements: Int
        var bytes: Int
        /// Where the tensor's data starts, relative to the data section (`data_offsets[0]`).
        var begin: Int
    }

    /// The tensors of one file and where its data section starts (8 + the header length).
    struct Header {
        var tensors: [Tensor]
        var dataStart: Int
    }

    /// Every tensor of one file, validated.
    static func tensors(_ path: String) throws(Diagnostic) -> [Tensor] {
        try header(in: HeaderFile(path)).tensors
    }

    /// Every tensor of an opened file (on disk or in memory), validated.
    static func tensors(in file: HeaderFile) throws(Diagnostic) -> [Tensor] {
        try header(in: file).tensors
    }

    /// The header of an opened file: its length read and bounded, then `parseHeader`.
    static func header(in file: HeaderFile) throws(Diagnostic) -> Header {
        let length = try headerLength(file.read(at: 0, count: 8, what: "the header length"), fileSize: file.size, path: file.path)
        let header = try file.read(at: 8, count: length, what: "the JSON header")
        return Header(tensors: try parseHeader(header, dataLength: file.size - 8 - length, path: file.path), dataStart: 8 + length)
    }

    /// The header length the first 8 bytes of a file give, bounded by the cap and by `fileSize`
    /// (the whole file's size, also when only its first bytes were fetched).
    static func headerLength(_ first8: [UInt8], fileSize: Int, path: String) throws(Diagnostic) -> Int {
        guard first8.count == 8 else { throw Diagnostic(file: path, "truncated: the header length needs 8 bytes") }
        let length = first8.littleEndian(at: 0, width: 8)
        guard length <= UInt64(HeaderFile.headerCap) else {
            throw Diagnostic(file: path, "the header length is \(length) bytes; safetensors headers above \(HeaderFile.headerCap) bytes are refused")
        }
        guard Int(length) <= fileSize - 8 else {
            throw Diagnostic(file: path, "the header length (\(length) bytes) runs past the end of the file (\(fileSize) bytes)")
        }
        return Int(length)
    }

    /// The tensors a JSON header (the bytes after the length) describes, validated against a data
    /// section of `dataLength` bytes. Works on bytes alone: a header fetched over HTTP parses here
    /// as one read from disk.
    static func parseHeader(_ header: [UInt8], dataLength: Int, path: String) throws(Diagnostic) -> [Tensor] {
        let json: JSONReader.Value
        do {
            json = try JSONReader.parse(header)
        } catch {
            let place = JSONReader.location(of: error.offset, in: header, file: path)
            throw Diagnostic(file: path, "the header is not valid JSON (line \(place.line), column \(place.column) of the header): \(error.reason)")
        }
        guard case .object(let entries) = json else {
            throw Diagnostic(file: path, "the header must be a JSON object of tensors")
        }
        var tensors: [Tensor] = []
        var ranges: [(begin: Int, end: Int, name: String)] = []
        // In file order: the same header gives the same first problem every run.
        for (name, value, _) in entries where name != "__metadata__" {
            guard case .object(let fields) = value else {
                throw Diagnostic(file: path, "tensor \"\(name)\": expected an object with dtype, shape, data_offsets")
            }
            // Three or four fields (keys are unique: the reader refuses duplicates).
            let info = { (key: String) in fields.first { $0.key == key }?.value }
            guard case .string(let dtype)? = info("dtype") else {
                throw Diagnostic(file: path, "tensor \"\(name)\": missing `dtype`")
            }
            guard let bits = dtypeBits[dtype] else {
                throw Diagnostic(file: path, "tensor \"\(name)\": unknown dtype \"\(dtype)\" (known: \(dtypeBits.keys.sorted().joined(separator: ", ")))")
            }
            guard let shapeValue = info("shape"), case .array(let shapeValues) = shapeValue else {
                throw Diagnostic(file: path, "tensor \"\(name)\": missing `shape`")
            }
            let shape = try shapeValues.map { value throws(Diagnostic) -> Int in
                guard let number = integer(value), number >= 0 else {
                    throw Diagnostic(file: path, "tensor \"\(name)\": shape \(shapeValue.brief) must hold non-negative integers")
                }
                return number
            }
            guard case .array(let offsets)? = info("data_offsets"), offsets.count == 2,
                  let begin = integer(offsets[0]), let end = integer(offsets[1]), begin >= 0, end >= begin else {
                throw Diagnostic(file: path, "tensor \"\(name)\": `data_offsets` must be [begin, end] with 0 ≤ begin ≤ end")
            }
            let elements: Int
            let bytes: Int
            do {
                elements = try Checked.product(shape, what: "")
                let totalBits = try Checked.multiply(elements, bits, what: "")
                bytes = totalBits / 8 + (totalBits % 8 == 0 ? 0 : 1)
            } catch {
                throw Diagnostic(file: path, "tensor \"\(name)\": shape \(shape) overflows a 64-bit size")
            }
            guard end - begin == bytes else {
                throw Diagnostic(file: path, "tensor \"\(name)\": data_offsets [\(begin), \(end)] hold \(end - begin) bytes, but \(dtype) \(shape) needs \(bytes)")
            }
            guard end <= dataLength else {
                throw Diagnostic(file: path, "tensor \"\(name)\": data_offsets end at \(end), past the end of the data (\(dataLength) bytes)")
            }
            ranges.append((begin, end, name))
            tensors.append(Tensor(name: name, dtype: dtype, shape: shape, elements: elements, bytes: bytes, begin: begin))
        }
        ranges.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        for (previous, next) in zip(ranges, ranges.dropFirst()) where next.begin < previous.end {
            throw Diagnostic(file: path, "tensors \"\(previous.name)\" and \"\(next.name)\" overlap (data_offsets \(previous.begin)..<\(previous.end) and \(next.begin)..<\(next.end))")
        }
        return tensors.sorted { $0.name < $1.name }
    }

    /// A JSON integer (`4`, or `4.0` as some writers print it); never a boolean.
    static func integer(_ value: JSONReader.Value) -> Int? {
        switch value {
        case .int(let number): return number
        case .double(let number): return number.rounded() == number && abs(number) < 9.2e18 ? Int(number) : nil
        default: return nil
        }
    }
}
