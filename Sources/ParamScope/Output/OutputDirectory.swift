import Foundation

/// Writes a report into `--out`, or compares it with what is there.
///
/// Pages are written into a temporary directory beside `--out` as they are rendered, then moved
/// into place once all are done; files ParamScope did not write are left alone.
public struct OutputDirectory {
    public var path: String

    public init(_ path: String) { self.path = path }

    /// What a report run wrote, and what the warnings and the gate read of each model.
    public struct Written: Sendable {
        public var files: [String]
        public var summaries: [ModelSummary]
    }

    /// Counts, renders and writes one list at a time into the staging directory, then moves
    /// every page into place (`Site.stream`).
    ///
    /// - Throws: the models that could not be counted, or a diagnostic naming the directory
    ///   when it cannot be written; `--out` then holds what it held before.
    public func write(_ plan: ReportPlan, template: PageTemplate?, fragment: Bool, links: LinkStyle? = nil) throws(Diagnostics) -> Written {
        var summaries: [ModelSummary] = []
        var problems: [Diagnostic] = []
        let files: [String]
        do {
            files = try write { sink throws(RenderError) in
                let streamed = try Site.stream(plan.pages, lists: { plan.build($0, models: $1) }, template: template,
                                               fragment: fragment, links: links, to: sink)
                summaries = streamed.summaries
                problems = streamed.problems
                return streamed.files
            }
        } catch {
            throw Diagnostics([error])
        }
        guard problems.isEmpty else { throw Diagnostics(problems) }
        return Written(files: files, summaries: summaries)
    }

    /// Writes every file of `site`.
    @discardableResult
    public func write(_ site: Site) throws(Diagnostic) -> [String] {
        try write { sink throws(RenderError) in
            do {
                for file in site.files {
                    try sink.write(file.name, [OutputBuffer(file.contents)])
                }
            } catch {
                throw RenderError("\(error)")
            }
            return site.files.map(\.name)
        }
    }

    /// - Parameter produce: renders the pages into the sink it is given and returns their names
    ///   in the order to move them (none when nothing is to be moved).
    /// - Throws: a `Diagnostic` naming the directory when it cannot be written, or the rendering
    ///   error; `--out` then holds what it held before, or the complete new set of files for
    ///   those already moved.
    func write(_ produce: (StagingSink) throws(RenderError) -> [String]) throws(Diagnostic) -> [String] {
        let manager = FileManager.default
        let url = URL(fileURLWithPath: path)
        // Bad input writes nothing, not even the directory: what this run creates goes again
        // unless pages are moved into it.
        var created: URL? = nil
        var ancestor = url.standardizedFileURL
        while !manager.fileExists(atPath: ancestor.path), ancestor.path != "/" {
            created = ancestor
            ancestor.deleteLastPathComponent()
        }
        var moved = false
        defer { if !moved, let created { try? manager.removeItem(at: created) } }
        do {
            try manager.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic(file: path, "cannot create the output directory: \(error.localizedDescription)")
        }
        let parent = url.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(url.lastPathComponent).paramscope-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? manager.removeItem(at: staging) }
        do {
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw Diagnostic(file: path, "cannot write the report beside the output directory: \(error.localizedDescription)")
        }
        let sink = StagingSink(directory: staging.path)
        let names: [String]
        do {
            names = try produce(sink)
            try sink.close()
        } catch {
            sink.abandon()
            throw Diagnostic(file: path, "cannot write the report beside the output directory: \(error)")
        }
        moved = !names.isEmpty
        for name in names {
            let from = staging.appendingPathComponent(name).path
            let to = url.appendingPathComponent(name).path
            guard Self.replace(to, with: from) else {
                throw Diagnostic(file: to, "cannot move the new page into place: \(String(cString: strerror(errno)))")
            }
        }
        // The old pages, swapped into the staging directory, go on every core: freeing the
        // pages of a 300 MB report is a tenth of a second.
        let stagingPath = staging.path
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            _ = unlink("\(stagingPath)/\(names[index])")
        }
        return names
    }

    /// Puts the staged file at `target` atomically: a reader sees the old page or the new one.
    ///
    /// An existing file is swapped with the staged one (`renameat2` with `RENAME_EXCHANGE`; the
    /// old page then goes with the staging directory). A plain `rename(2)` over an existing file
    /// makes ext4 start writing the new file's data first (its `auto_da_alloc` safeguard), about
    /// 20 ms per 23 MB page, one page after another, at the very end of the run: a quarter of a
    /// second for a 10,000-model report replacing the previous night's. Anything but a file or
    /// a link at `target`, a new name, or a system without the call: `rename(2)`.
    static func replace(_ target: String, with staged: String) -> Bool {
        var status = stat()
        if lstat(target, &status) == 0, let exchange = renameExchange,
           (status.st_mode & S_IFMT) == S_IFREG || (status.st_mode & S_IFMT) == S_IFLNK,
           exchange(AT_FDCWD, staged, AT_FDCWD, target, 2 /* RENAME_EXCHANGE */) == 0 {
            return true
        }
        return rename(staged, target) == 0
    }

    /// glibc's `renameat2`, looked up at run time (not in every C library Swift runs on).
    private static let renameExchange: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
    }()

    /// The files of `site` that differ from (or are missing in) the directory.
    public func staleFiles(_ site: Site) -> [String] {
        let sink = ComparingSink(directory: path)
        for file in site.files { sink.write(file.name, [OutputBuffer(file.contents)]) }
        return site.files.map(\.name).filter(sink.isStale)
    }

    /// `--check`: the pages of the report that differ from (or are missing in) the directory,
    /// rendered in memory a list at a time and compared as they come.
    ///
    /// - Returns: the stale files, and what the warnings read of each model.
    /// - Throws: the models that could not be counted, or a rendering error.
    public func staleFiles(_ plan: ReportPlan, template: PageTemplate?, fragment: Bool, links: LinkStyle? = nil) throws(Diagnostics)
        -> (stale: [String], summaries: [ModelSummary]) {
        let sink = ComparingSink(directory: path)
        let streamed: Site.Streamed
        do {
            streamed = try Site.stream(plan.pages, lists: { plan.build($0, models: $1) }, template: template, fragment: fragment,
                                     links: links, to: sink)
        } catch {
            throw Diagnostics([Diagnostic(file: path, "\(error)")])
        }
        guard streamed.problems.isEmpty else { throw Diagnostics(streamed.problems) }
        return (streamed.files.filter(sink.isStale), streamed.summaries)
    }
}

/// Files in the staging directory, each written with `write(2)` straight from the rendered bytes.
final class StagingSink: SiteSink, @unchecked Sendable {
    private let directory: String
    /// Files being appended to (`report.json`), open until `close`.
    private var open: [String: Int32] = [:]
    private let lock = NSLock()

    init(directory: String) { self.directory = directory }

    func write(_ name: String, _ pieces: [OutputBuffer]) throws {
        let descriptor = try Self.create("\(directory)/\(name)")
        defer { _ = Foundation.close(descriptor) }
        for piece in pieces { try Self.write(piece, to: descriptor, name: name) }
    }

    func append(_ name: String, _ piece: OutputBuffer) throws {
        let descriptor = try lock.withLock {
            if let descriptor = open[name] { return descriptor }
            let descriptor = try Self.create("\(directory)/\(name)")
            open[name] = descriptor
            return descriptor
        }
        try Self.write(piece, to: descriptor, name: name)
    }

    /// Closes the files being appended to; a failed close (a full disk on NFS) is a failed write.
    func close() throws {
        let descriptors = lock.withLock { () -> [(String, Int32)] in
            defer { open = [:] }
            return Array(open)
        }
        for (name, descriptor) in descriptors where Foundation.close(descriptor) != 0 {
            throw RenderError("cannot write \(directory)/\(name): \(String(cString: strerror(errno)))")
        }
    }

    /// Closes what is open without checking: the staging directory is about to be removed.
    func abandon() {
        lock.withLock {
            for descriptor in open.values { _ = Foundation.close(descriptor) }
            open = [:]
        }
    }

    private static func create(_ path: String) throws -> Int32 {
        let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw RenderError("cannot create \(path): \(String(cString: strerror(errno)))") }
        return descriptor
    }

    private static func write(_ piece: OutputBuffer, to descriptor: Int32, name: String) throws {
        let failure: Int32? = piece.withUnsafeBytes { bytes in
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
        if let failure { throw RenderError("cannot write \(name): \(String(cString: strerror(failure)))") }
    }
}

/// `--check` (and `staleFiles(site)`): each page compared with the directory's file as it is
/// rendered, then let go; `report.json`, written in pieces, is compared piece by piece against
/// the file read once. A missing file is stale.
private final class ComparingSink: SiteSink, @unchecked Sendable {
    private let directory: String
    private var stale: Set<String> = []
    private var appended: [String: (existing: [UInt8]?, offset: Int)] = [:]
    private let lock = NSLock()

    init(directory: String) { self.directory = directory }

    /// The file's bytes, nil when it is missing.
    private func existing(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(name)).map(Array.init)
    }

    func write(_ name: String, _ pieces: [OutputBuffer]) {
        var same = false
        if let existing = existing(name) {
            var offset = 0
            same = true
            for piece in pieces where same {
                same = Self.matches(piece, existing, at: offset)
                offset += piece.count
            }
            same = same && offset == existing.count
        }
        if !same { lock.withLock { _ = stale.insert(name) } }
    }

    func append(_ name: String, _ piece: OutputBuffer) {
        lock.withLock {
            var state = appended[name] ?? (existing(name), 0)
            let same = state.existing.map { Self.matches(piece, $0, at: state.offset) } ?? false
            if !same { stale.insert(name) }
            state.offset += piece.count
            appended[name] = state
        }
    }

    /// Stale: differs, is missing, or is longer than what was rendered.
    func isStale(_ name: String) -> Bool {
        lock.withLock {
            if stale.contains(name) { return true }
            if let state = appended[name] { return state.offset != state.existing?.count }
            return false
        }
    }

    private static func matches(_ piece: OutputBuffer, _ existing: [UInt8], at offset: Int) -> Bool {
        piece.withUnsafeBytes { bytes in
            guard bytes.count > 0 else { return true }
            return offset + bytes.count <= existing.count
                && existing.withUnsafeBufferPointer { memcmp($0.baseAddress! + offset, bytes.baseAddress!, bytes.count) == 0 }
        }
    }
}
