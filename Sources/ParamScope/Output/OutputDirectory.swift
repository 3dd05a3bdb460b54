import Foundation

/// Writes a report into `--out`, or compares it with what is there.
///
/// Pages are written into a temporary directory beside `--out` as they are rendered, then moved
/// into place once all are done; files ParamScope did not write are left alone.
public struct OutputDirectory {
    public var path: String
    /// A page's model sections above this many bytes go to a file in the staging directory as
    /// they come, instead of memory (`StagingSink`).
    var spillBytes = 32 << 20

    public init(_ path: String) { self.path = path }

    /// What a report run wrote, and what the warnings and the gate read of each model.
    public struct Written: Sendable {
        public var files: [String]
        public var summaries: [ModelSummary]
    }

    /// Counts, renders and writes a few models at a time into the staging directory, then moves
    /// every page into place (`Pipeline.render`, the code `--check` runs too).
    ///
    /// - Throws: the models that could not be counted, or a diagnostic naming the directory
    ///   when it cannot be written; `--out` then holds what it held before.
    public func write(_ plan: ReportPlan, template: PageTemplate?, fragment: Bool, links: LinkStyle? = nil) throws(Diagnostics) -> Written {
        var summaries: [ModelSummary] = []
        var problems: [Diagnostic] = []
        let files: [String]
        do {
            files = try write { sink throws(RenderError) in
                let streamed = try Pipeline.render(plan, template: template, fragment: fragment, links: links, to: sink)
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
            for file in site.files {
                try sink.write(file.name, [OutputBuffer(file.contents)])
            }
            return site.files.map(\.name)
        }
    }

    /// - Parameter produce: renders the pages into the sink it is given and returns their names
    ///   in the order to move them (none when nothing is to be moved).
    /// - Throws: a `Diagnostic` naming the directory when it cannot be written, or the rendering
    ///   error; `--out` then holds exactly what it held before.
    ///
    /// `--out` is all old or all new: pages are rendered into a staging directory beside it, then
    /// swapped in one by one; if a swap fails, the pages already swapped are swapped back. Runs
    /// into one `--out` take turns (an exclusive `flock` on its parent directory), so two CI jobs
    /// never mix their pages. A failing run removes only the directories it created, and only
    /// while they hold nothing but its own files (`rmdir`, never a recursive delete). SIGINT and
    /// SIGTERM remove the staging directory before the process ends, never in the middle of the
    /// swaps. A symbolic link at `--out` is followed when it leads to a directory, and refused
    /// (never deleted) when it dangles.
    func write(_ produce: (StagingSink) throws(RenderError) -> [String]) throws(Diagnostic) -> [String] {
        let manager = FileManager.default
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var status = stat()
        if lstat(url.path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK, stat(url.path, &status) != 0 {
            throw Diagnostic(file: path, "is a symbolic link to a missing directory; point it at a directory or remove it")
        }
        // Bad input writes nothing, not even the directory: what this run creates goes again
        // unless pages are moved into it. `lstat`, so a dangling link is never taken for a gap.
        var created: [String] = []
        var ancestor = url
        while lstat(ancestor.path, &status) != 0, ancestor.path != "/" {
            created.insert(ancestor.path, at: 0)
            ancestor.deleteLastPathComponent()
        }
        do {
            try manager.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            Self.removeIfEmpty(created)
            throw Diagnostic(file: path, "cannot create the output directory: \(error.localizedDescription)")
        }
        var moved = false
        defer { if !moved { Self.removeIfEmpty(created) } }
        let parent = url.deletingLastPathComponent()
        // One run at a time into this --out (and its siblings): the lock goes with the descriptor.
        let lock = open(parent.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lock >= 0 else {
            throw Diagnostic(file: path, "cannot open the directory holding the output directory: \(String(cString: strerror(errno)))")
        }
        defer { _ = close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw Diagnostic(file: path, "cannot lock the output directory: \(String(cString: strerror(errno)))")
            }
        }
        let staging = parent.appendingPathComponent(".\(url.lastPathComponent).paramscope-\(ProcessInfo.processInfo.processIdentifier)")
        // Armed before the staging directory exists: a signal never finds it unguarded.
        let guardian = SignalCleanup.shared
        guardian.arm(staging: staging.path, created: created)
        defer {
            try? manager.removeItem(at: staging)
            guardian.disarm()
        }
        do {
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw Diagnostic(file: staging.path, "cannot create the staging directory beside the output directory: \(error.localizedDescription)")
        }
        let sink = StagingSink(directory: staging.path, spillBytes: spillBytes)
        let names: [String]
        do throws(RenderError) {
            names = try produce(sink)
            try sink.close()
        } catch {
            sink.abandon()
            throw error.diagnostic
        }
        // The swaps are not interrupted: a signal waits for them and finds every page new.
        try guardian.swapping { () throws(Diagnostic) in
            var done: [(name: String, exchanged: Bool)] = []
            for name in names {
                let from = staging.appendingPathComponent(name).path
                let to = url.appendingPathComponent(name).path
                guard let exchanged = Self.replace(to, with: from) else {
                    let reason = String(cString: strerror(errno))
                    // Back to all old: swapped pages swapped back, new ones moved out again.
                    for page in done.reversed() {
                        let back = staging.appendingPathComponent(page.name).path
                        let there = url.appendingPathComponent(page.name).path
                        if page.exchanged { _ = Self.exchange(back, there) } else { _ = rename(there, back) }
                    }
                    throw Diagnostic(file: to, "cannot move the new page into place: \(reason); --out is left as it was")
                }
                done.append((name, exchanged))
            }
        }
        moved = !names.isEmpty
        // The old pages, swapped into the staging directory, go on every core: freeing the
        // pages of a 300 MB report is a tenth of a second.
        let stagingPath = staging.path
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            _ = unlink("\(stagingPath)/\(names[index])")
        }
        return names
    }

    /// Removes `directories` (outermost first) from the innermost out, each only if empty: a file
    /// someone else put there meanwhile keeps it, and everything above it.
    static func removeIfEmpty(_ directories: [String]) {
        for directory in directories.reversed() where rmdir(directory) != 0 { return }
    }

    /// Puts the staged file at `target` atomically: a reader sees the old page or the new one.
    ///
    /// An existing file is swapped with the staged one (`renameat2` with `RENAME_EXCHANGE`; the
    /// old page then goes with the staging directory). A plain `rename(2)` over an existing file
    /// makes ext4 start writing the new file's data first (its `auto_da_alloc` safeguard), about
    /// 20 ms per 23 MB page, one page after another, at the very end of the run: a quarter of a
    /// second for a 10,000-model report replacing the previous night's. Anything but a file or
    /// a link at `target`, a new name, or a system without the call: `rename(2)`.
    ///
    /// - Returns: whether an old page was exchanged (true) or the page is new (false); nil on failure.
    static func replace(_ target: String, with staged: String) -> Bool? {
        var status = stat()
        if lstat(target, &status) == 0,
           (status.st_mode & S_IFMT) == S_IFREG || (status.st_mode & S_IFMT) == S_IFLNK,
           exchange(staged, target) {
            return true
        }
        return rename(staged, target) == 0 ? false : nil
    }

    /// Swaps two names atomically (`renameat2` with `RENAME_EXCHANGE`).
    static func exchange(_ one: String, _ other: String) -> Bool {
        guard let exchange = renameExchange else { return false }
        return exchange(AT_FDCWD, one, AT_FDCWD, other, 2 /* RENAME_EXCHANGE */) == 0
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
    /// rendered as `write` renders them (`Pipeline.render`) and compared as they come.
    ///
    /// - Returns: the stale files, and what the warnings read of each model.
    /// - Throws: the models that could not be counted, or a rendering error.
    public func staleFiles(_ plan: ReportPlan, template: PageTemplate?, fragment: Bool, links: LinkStyle? = nil) throws(Diagnostics)
        -> (stale: [String], summaries: [ModelSummary]) {
        let sink = ComparingSink(directory: path)
        let streamed: Pipeline.Streamed
        do {
            streamed = try Pipeline.render(plan, template: template, fragment: fragment, links: links, to: sink)
        } catch {
            throw Diagnostics([error.diagnostic])
        }
        guard streamed.problems.isEmpty else { throw Diagnostics(streamed.problems) }
        return (streamed.files.filter(sink.isStale), streamed.summaries)
    }
}

/// Removes the staging directory (and the directories the run created, while empty) when the
/// process is told to stop (SIGINT, SIGTERM), then exits with 128 + the signal, as a shell does.
///
/// The C handler only writes the signal's number into a pipe; a thread of its own (not a
/// dispatch queue, whose threads the renderers may all be holding) reads it and cleans up. It
/// takes the lock the swap into `--out` holds, so a signal waits until every page is in place.
final class SignalCleanup: @unchecked Sendable {
    static let shared = SignalCleanup()

    private let lock = NSLock()
    private var staging: String?
    private var created: [String] = []
    private var listening = false

    private init() {}

    func arm(staging: String, created: [String]) {
        lock.withLock {
            self.staging = staging
            self.created = created
            if !listening {
                var ends: [Int32] = [-1, -1]
                guard pipe(&ends) == 0 else { return }
                signalPipe = ends[1]
                let reader = ends[0]
                let thread = Thread { [unowned self] in
                    var number: Int32 = 0
                    while read(reader, &number, MemoryLayout<Int32>.size) != MemoryLayout<Int32>.size {}
                    self.stop(number)
                }
                thread.start()
                listening = true
            }
            // A parent may have started us with these signals blocked (test runners do): unblock
            // them on this thread, which then receives them.
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGINT)
            sigaddset(&set, SIGTERM)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            for number in [SIGINT, SIGTERM] {
                Foundation.signal(number) { number in
                    var value = number
                    _ = write(signalPipe, &value, MemoryLayout<Int32>.size)
                }
            }
        }
    }

    func disarm() {
        lock.withLock {
            staging = nil
            created = []
            Foundation.signal(SIGINT, SIG_DFL)
            Foundation.signal(SIGTERM, SIG_DFL)
        }
    }

    /// Runs `body` (the swaps) with signals held off.
    func swapping(_ body: () throws(Diagnostic) -> Void) throws(Diagnostic) {
        lock.lock()
        defer { lock.unlock() }
        try body()
        // Pages moved: the directories the run created now hold them.
        created = []
    }

    private func stop(_ signal: Int32) {
        lock.lock()
        if let staging {
            // Pages still being written into it are removed too: try until it is gone.
            for _ in 0..<5 where FileManager.default.fileExists(atPath: staging) {
                try? FileManager.default.removeItem(atPath: staging)
            }
        }
        OutputDirectory.removeIfEmpty(created)
        _exit(128 + signal)
    }
}

/// Where the signal handler writes: a global, since a C handler captures nothing.
nonisolated(unsafe) private var signalPipe: Int32 = -1

/// Files in the staging directory, each written with `write(2)` straight from the rendered bytes.
///
/// A page's model sections are held until the page is finished while they are few; past
/// `spillBytes` they go to a `NAME.sections` file beside it as they come, and are copied into the
/// page when it is laid out: a single list of 10,000 models is a quarter of a gigabyte of pages,
/// never held (lists of a thousand models, 25 MB, are never copied).
final class StagingSink: SiteSink, @unchecked Sendable {
    private let directory: String
    /// Files being appended to (`report.json`), open until `close`.
    private var open: [String: Int32] = [:]
    /// Per page being streamed: its sections in memory, or the file they spilled to.
    private var sections: [String: (held: [OutputBuffer], bytes: Int, spilled: Int32?)] = [:]
    private let lock = NSLock()
    let spillBytes: Int

    init(directory: String, spillBytes: Int = 32 << 20) {
        self.directory = directory
        self.spillBytes = spillBytes
    }

    func appendSections(_ name: String, _ piece: OutputBuffer) throws(RenderError) {
        // Calls for one page come one at a time: the lock guards the table, not the page.
        var state = lock.withLock { sections[name] ?? ([], 0, nil) }
        if let spilled = state.spilled {
            try write(piece, to: spilled, name: "\(name).sections")
        } else {
            state.held.append(piece)
            state.bytes += piece.count
            if state.bytes > spillBytes {
                let spilled = try create("\(name).sections", readable: true)
                lock.withLock { sections[name] = ([], 0, spilled) }
                for held in state.held { try write(held, to: spilled, name: "\(name).sections") }
                state = ([], 0, spilled)
            }
        }
        lock.withLock { sections[name] = state }
    }

    func finish(_ name: String, _ layout: [PagePiece]) throws(RenderError) {
        let state = lock.withLock { sections.removeValue(forKey: name) ?? ([], 0, nil) }
        defer {
            if let spilled = state.spilled {
                _ = Foundation.close(spilled)
                _ = unlink("\(directory)/\(name).sections")
            }
        }
        let descriptor = try create(name)
        defer { _ = Foundation.close(descriptor) }
        for piece in layout {
            switch piece {
            case .bytes(let bytes): try write(bytes, to: descriptor, name: name)
            case .sections:
                if let spilled = state.spilled {
                    try copy(spilled, to: descriptor, name: name)
                } else {
                    for held in state.held { try write(held, to: descriptor, name: name) }
                }
            }
        }
    }

    func sections(_ name: String) throws(RenderError) -> OutputBuffer {
        let state = lock.withLock { sections[name] ?? ([], 0, nil) }
        let whole = OutputBuffer(capacity: state.bytes)
        if let spilled = state.spilled {
            try copy(spilled, name: "\(name).sections") { whole.append(bytes: $0) }
        } else {
            for held in state.held { whole.append(buffer: held) }
        }
        return whole
    }

    /// The spilled sections, all of them, written to `descriptor`.
    private func copy(_ spilled: Int32, to descriptor: Int32, name: String) throws(RenderError) {
        var failure: RenderError?
        try copy(spilled, name: "\(name).sections") { chunk in
            guard failure == nil else { return }
            do throws(RenderError) { try write(chunk, to: descriptor, name: name) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// The spilled file read from its start in blocks of a megabyte.
    private func copy(_ spilled: Int32, name: String, _ chunk: (UnsafeBufferPointer<UInt8>) -> Void) throws(RenderError) {
        let block = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
        defer { block.deallocate() }
        var offset: off_t = 0
        while true {
            let read = pread(spilled, block.baseAddress, block.count, offset)
            if read < 0 {
                if errno == EINTR { continue }
                throw failure(name, .read, errno)
            }
            if read == 0 { return }
            chunk(UnsafeBufferPointer(rebasing: block[..<read]))
            offset += off_t(read)
        }
    }

    func write(_ name: String, _ pieces: [OutputBuffer]) throws(RenderError) {
        let descriptor = try create(name)
        defer { _ = Foundation.close(descriptor) }
        for piece in pieces { try write(piece, to: descriptor, name: name) }
    }

    func append(_ name: String, _ piece: OutputBuffer) throws(RenderError) {
        lock.lock()
        let descriptor: Int32
        if let known = open[name] {
            descriptor = known
        } else {
            do {
                descriptor = try create(name)
            } catch {
                lock.unlock()
                throw error
            }
            open[name] = descriptor
        }
        lock.unlock()
        try write(piece, to: descriptor, name: name)
    }

    /// Closes the files being appended to; a failed close (a full disk on NFS) is a failed write.
    func close() throws(RenderError) {
        let descriptors = lock.withLock { () -> [(String, Int32)] in
            defer { open = [:] }
            return Array(open)
        }
        for (name, descriptor) in descriptors where Foundation.close(descriptor) != 0 {
            throw failure(name, .close, errno)
        }
    }

    /// Closes what is open without checking: the staging directory is about to be removed.
    func abandon() {
        lock.withLock {
            for descriptor in open.values { _ = Foundation.close(descriptor) }
            for spilled in sections.values.compactMap(\.spilled) { _ = Foundation.close(spilled) }
            open = [:]
            sections = [:]
        }
    }

    private func failure(_ name: String, _ action: RenderError.FileAction, _ code: Int32) -> RenderError {
        .file(name: name, directory: directory, action: action, reason: String(cString: strerror(code)))
    }

    private func create(_ name: String, readable: Bool = false) throws(RenderError) -> Int32 {
        let descriptor = Foundation.open("\(directory)/\(name)", (readable ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw failure(name, .create, errno) }
        return descriptor
    }

    private func write(_ piece: OutputBuffer, to descriptor: Int32, name: String) throws(RenderError) {
        var failure: RenderError?
        piece.withUnsafeBytes { bytes in
            do throws(RenderError) { try write(bytes, to: descriptor, name: name) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32, name: String) throws(RenderError) {
        if let failure = writeAll(bytes, to: descriptor) { throw self.failure(name, .write, failure) }
    }
}

/// All of `bytes` to `descriptor` (a short write continues, EINTR retries); the `errno` of a
/// failure, `nil` when every byte is written.
func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
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

/// `--check` (and `staleFiles(site)` in tests): each page compared with the directory's file as it is
/// rendered, then let go; `report.json`, written in pieces, is compared piece by piece against
/// the file read once. A missing file is stale.
private final class ComparingSink: SiteSink, @unchecked Sendable {
    private let directory: String
    private var stale: Set<String> = []
    private var appended: [String: (existing: [UInt8]?, offset: Int)] = [:]
    /// A page's sections, until its head is rendered and the page is compared whole.
    private let held = HeldSections()
    private let lock = NSLock()

    init(directory: String) { self.directory = directory }

    /// The file's bytes, nil when it is missing or not a regular file (a FIFO there is stale, not a hang).
    private func existing(_ name: String) -> [UInt8]? {
        guard let file = try? RegularFile((directory as NSString).appendingPathComponent(name)) else { return nil }
        return try? file.read(at: 0, upTo: file.size)
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

    func appendSections(_ name: String, _ piece: OutputBuffer) { held.append(name, piece) }
    func finish(_ name: String, _ layout: [PagePiece]) { write(name, held.resolve(name, layout)) }
    func sections(_ name: String) -> OutputBuffer { held.joined(name) }

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
