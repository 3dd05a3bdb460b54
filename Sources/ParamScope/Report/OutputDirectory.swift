import Foundation

/// Writes a rendered site into `--out`, or compares it with what is there.
///
/// Pages are written into a temporary directory beside `--out` as they are rendered, then moved
/// into place once all are done; files ParamScope did not write are left alone.
public struct OutputDirectory {
    public var path: String

    public init(_ path: String) { self.path = path }

    /// Writes every file of `site`.
    @discardableResult
    public func write(_ site: Site) throws(Diagnostic) -> [String] {
        try write { sink throws(RenderError) in
            for file in site.files { try Self.forward(sink, file.name, file.contents) }
            return site.files.map(\.name)
        }
    }

    /// Renders `report` straight into the staging directory, then moves every page into place.
    @discardableResult
    public func write(_ report: Report, template: PageTemplate?, fragment: Bool) throws(Diagnostic) -> [String] {
        try write { sink throws(RenderError) in
            try Site.stream(report, template: template, fragment: fragment, to: sink)
        }
    }

    /// - Parameter produce: renders the pages into the sink it is given and returns their names
    ///   in the order to move them.
    /// - Throws: a `Diagnostic` naming the directory when it cannot be written, or the rendering
    ///   error; `--out` then holds what it held before, or the complete new set of files for
    ///   those already moved.
    func write(
        _ produce: (@escaping @Sendable (String, String) throws -> Void) throws(RenderError) -> [String]
    ) throws(Diagnostic) -> [String] {
        let manager = FileManager.default
        let url = URL(fileURLWithPath: path)
        do {
            try manager.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic(file: path, "cannot create the output directory: \(error.localizedDescription)")
        }
        let parent = url.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(url.lastPathComponent).paramscope-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? manager.removeItem(at: staging) }
        let names: [String]
        do {
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw Diagnostic(file: path, "cannot write the report beside the output directory: \(error.localizedDescription)")
        }
        let stagingPath = staging.path
        do {
            names = try produce { name, contents in try Self.writeFile("\(stagingPath)/\(name)", contents) }
        } catch {
            throw Diagnostic(file: path, "cannot write the report beside the output directory: \(error.message)")
        }
        for name in names {
            // rename(2) replaces the old file atomically: a reader sees the old page or the new one.
            let from = staging.appendingPathComponent(name).path
            let to = url.appendingPathComponent(name).path
            guard rename(from, to) == 0 else {
                throw Diagnostic(file: to, "cannot move the new page into place: \(String(cString: strerror(errno)))")
            }
        }
        return names
    }

    /// The files of `site` that differ from (or are missing in) the directory.
    public func staleFiles(_ site: Site) -> [String] {
        site.files.compactMap { file in
            let existing = FileManager.default.contents(atPath: (path as NSString).appendingPathComponent(file.name))
            return existing == Data(file.contents.utf8) ? nil : file.name
        }
    }

    /// The pages of `report` that differ from (or are missing in) the directory, compared as
    /// they are rendered.
    public func staleFiles(_ report: Report, template: PageTemplate?, fragment: Bool) throws(RenderError) -> [String] {
        let directory = path
        let stale = StaleNames()
        let names = try Site.stream(report, template: template, fragment: fragment) { name, contents in
            let existing = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(name))
            if existing != Data(contents.utf8) { stale.add(name) }
        }
        return names.filter(stale.contains)
    }

    private static func forward(
        _ sink: @escaping @Sendable (String, String) throws -> Void, _ name: String, _ contents: String
    ) throws(RenderError) {
        do { try sink(name, contents) } catch { throw RenderError("\(error)") }
    }

    /// Writes the string's UTF-8 bytes with one `write(2)` loop, without copying them into `Data`.
    static func writeFile(_ path: String, _ contents: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw RenderError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var text = contents
        let failure: Int32? = text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw RenderError("cannot write \(path): \(String(cString: strerror(failure)))") }
    }
}

/// Names of stale pages, collected from the rendering threads.
private final class StaleNames: @unchecked Sendable {
    private var names: Set<String> = []
    private let lock = NSLock()

    func add(_ name: String) { lock.withLock { _ = names.insert(name) } }
    func contains(_ name: String) -> Bool { lock.withLock { names.contains(name) } }
}
