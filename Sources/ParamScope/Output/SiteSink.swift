import Foundation

/// Where a report's files go: the staging directory (`StagingSink`), a comparison with `--out`
/// (`--check`), or memory (tests). Called from several threads at once, a file at a time.
protocol SiteSink: Sendable {
    /// A whole file, in pieces to be joined.
    func write(_ name: String, _ pieces: [OutputBuffer]) throws(RenderError)
    /// More of a file written in order (`report.json`): calls for one file come one at a time,
    /// the first creating it.
    func append(_ name: String, _ piece: OutputBuffer) throws(RenderError)
    /// The next model sections of page `name`, in order (one call at a time per page): the page's
    /// head needs every model of its list, so it is laid out last, by `finish`.
    func appendSections(_ name: String, _ piece: OutputBuffer) throws(RenderError)
    /// Page `name`: the pieces of `layout` joined, `.sections` standing for every section handed
    /// to `appendSections` for it (then let go).
    func finish(_ name: String, _ layout: [PagePiece]) throws(RenderError)
    /// The sections handed so far for page `name`, as one buffer (a template that transforms the
    /// page body needs it whole).
    func sections(_ name: String) throws(RenderError) -> OutputBuffer
}

/// Sections held in memory until their page is finished (the comparing and memory sinks).
final class HeldSections: @unchecked Sendable {
    private var pages: [String: [OutputBuffer]] = [:]
    private let lock = NSLock()

    func append(_ name: String, _ piece: OutputBuffer) { lock.withLock { pages[name, default: []].append(piece) } }

    func joined(_ name: String) -> OutputBuffer {
        let pieces = lock.withLock { pages[name] ?? [] }
        let whole = OutputBuffer(capacity: pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { whole.append(buffer: piece) }
        return whole
    }

    /// `layout` as pieces, the page's sections in place of `.sections`; the sections let go.
    func resolve(_ name: String, _ layout: [PagePiece]) -> [OutputBuffer] {
        let held = lock.withLock { pages.removeValue(forKey: name) ?? [] }
        return layout.flatMap { piece -> [OutputBuffer] in
            switch piece {
            case .bytes(let bytes): [bytes]
            case .sections: held
            }
        }
    }
}

/// Files collected in memory (`Site.render`).
final class MemorySink: SiteSink, @unchecked Sendable {
    private var files: [String: [UInt8]] = [:]
    private let held = HeldSections()
    private let lock = NSLock()

    func write(_ name: String, _ pieces: [OutputBuffer]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { piece.withUnsafeBytes { bytes.append(contentsOf: $0) } }
        lock.withLock { files[name] = bytes }
    }

    func append(_ name: String, _ piece: OutputBuffer) {
        lock.withLock { piece.withUnsafeBytes { files[name, default: []].append(contentsOf: $0) } }
    }

    func appendSections(_ name: String, _ piece: OutputBuffer) { held.append(name, piece) }
    func finish(_ name: String, _ layout: [PagePiece]) { write(name, held.resolve(name, layout)) }
    func sections(_ name: String) -> OutputBuffer { held.joined(name) }

    func bytes(_ name: String) -> [UInt8] { lock.withLock { files[name] ?? [] } }
    func text(_ name: String) -> String { String(decoding: bytes(name), as: UTF8.self) }
}
