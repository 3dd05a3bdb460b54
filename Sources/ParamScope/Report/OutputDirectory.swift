import Foundation

/// Writes a rendered site into `--out` all at once, or compares it with what is there.
///
/// Pages are written into a temporary directory beside `--out`, then each is moved into place;
/// files ParamScope did not write are left alone.
public struct OutputDirectory {
    public var path: String

    public init(_ path: String) { self.path = path }

    /// Writes every file of `site`.
    ///
    /// - Throws: a `Diagnostic` naming the directory when it cannot be written; `--out` then holds
    ///   what it held before, or the complete new set of files for those already moved.
    public func write(_ site: Site) throws(Diagnostic) {
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
        do {
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in site.files {
                try Data(file.contents.utf8).write(to: staging.appendingPathComponent(file.name))
            }
        } catch {
            throw Diagnostic(file: path, "cannot write the report beside the output directory: \(error.localizedDescription)")
        }
        for file in site.files {
            // rename(2) replaces the old file atomically: a reader sees the old page or the new one.
            let from = staging.appendingPathComponent(file.name).path
            let to = url.appendingPathComponent(file.name).path
            guard rename(from, to) == 0 else {
                throw Diagnostic(file: to, "cannot move the new page into place: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// The files of `site` that differ from (or are missing in) the directory.
    public func staleFiles(_ site: Site) -> [String] {
        site.files.compactMap { file in
            let existing = FileManager.default.contents(atPath: (path as NSString).appendingPathComponent(file.name))
            return existing == Data(file.contents.utf8) ? nil : file.name
        }
    }
}
