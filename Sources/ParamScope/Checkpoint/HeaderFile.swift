import Foundation

/// A checkpoint file opened for its header only: reads are bounded by the file's size and by a
/// cap, so a header that claims more than the file holds is refused before anything is allocated.
///
/// The bytes can also be held in memory (`init(bytes:path:)`): the fuzz targets feed the readers
/// that way, through exactly the code a file on disk goes through. A file read over the network
/// is held as its first bytes only (`init(prefix:size:path:)`): reads past them fail, and
/// `wanted` says how far the reader needed to go, so the caller can fetch more and read again.
final class HeaderFile {
    let path: String
    let size: Int
    private let file: RegularFile?
    private let memory: [UInt8]?
    /// The end of the furthest read that went past the bytes held (a prefix only).
    private(set) var wanted: Int?

    /// Headers above this are refused: real ones are at most a few tens of MB (a GGUF's tokenizer).
    static let headerCap = 100_000_000

    /// Opens `path` through `RegularFile`: a FIFO, a device or a directory is refused before
    /// any byte is read.
    init(_ path: String) throws(Diagnostic) {
        self.path = path
        do {
            file = try RegularFile(path)
        } catch {
            if error.message.hasPrefix("cannot read this file (missing") {
                throw Diagnostic(file: path, FileManager.default.fileExists(atPath: path) ? "cannot read this file (no permission?)" : "no such file")
            }
            if error.message == "is a directory, not a file" { throw Diagnostic(file: path, "is a directory, not a checkpoint file") }
            throw error
        }
        memory = nil
        size = file!.size
    }

    /// `bytes` as if they were the file at `path` (which names it in diagnostics only).
    init(bytes: [UInt8], path: String) {
        self.path = path
        self.size = bytes.count
        self.file = nil
        self.memory = bytes
    }

    /// The first `prefix.count` bytes of a file of `size` bytes (a Hub file read by HTTP Range).
    init(prefix: [UInt8], size: Int, path: String) {
        self.path = path
        self.size = max(size, prefix.count)
        self.file = nil
        self.memory = prefix
    }

    /// Bytes a read from `offset` can get at once: the rest of the file, or of the prefix held.
    func available(from offset: Int) -> Int { (memory?.count ?? size) - offset }

    /// `count` bytes at `offset`; an error names what was being read when the file ends first.
    func read(at offset: Int, count: Int, what: String) throws(Diagnostic) -> [UInt8] {
        guard count >= 0, offset >= 0, offset <= size, count <= size - offset else {
            throw Diagnostic(file: path, "truncated: \(what) needs \(count) bytes at offset \(offset), but the file has \(size) bytes")
        }
        guard count <= Self.headerCap else {
            throw Diagnostic(file: path, "\(what) claims \(count) bytes; headers above \(Self.headerCap) bytes are refused")
        }
        if let memory {
            guard offset + count <= memory.count else {
                wanted = max(wanted ?? 0, offset + count)
                throw Diagnostic(file: path, "truncated: \(what) needs \(count) bytes at offset \(offset), beyond the \(memory.count) bytes read")
            }
            return Array(memory[offset..<offset + count])
        }
        guard let file else { throw Diagnostic(file: path, "cannot read \(what)") }
        let bytes = try file.read(at: offset, upTo: count)
        guard bytes.count == count else { throw Diagnostic(file: path, "truncated while reading \(what)") }
        return bytes
    }
}

extension Array where Element == UInt8 {
    /// A little-endian unsigned integer of `width` bytes at `offset` (the caller checked bounds).
    func littleEndian(at offset: Int, width: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in (0..<width).reversed() { value = value << 8 | UInt64(self[offset + index]) }
        return value
    }
}
