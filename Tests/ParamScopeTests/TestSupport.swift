import Foundation
import Testing
@testable import ParamScope

/// Paths and helpers shared by the pipeline tests.
enum TestSupport {
    /// The repository's root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let fixtures = "\(root)/Tests/ParamScopeTests/Fixtures"
    static let golden = "\(root)/Tests/ParamScopeTests/Golden"

    /// A fresh temporary directory; tests never write into the repository.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "paramscope-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` as `name` in a new temporary directory and returns its path.
    static func write(_ text: String, as name: String = "list.yaml") throws -> String {
        let path = (try temporaryDirectory() as NSString).appendingPathComponent(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The diagnostics of loading `paths`, as printed without colour or excerpts.
    static func diagnostics(_ paths: [String]) -> [String] {
        switch Pipeline.run(paths) {
        case .success((_, let warnings)): return warnings.map(\.description)
        case .failure(let problems): return problems.items.map(\.description)
        }
    }

    /// The report as if run from the repository root: inputs named relative to it, so golden
    /// files do not depend on where the checkout lives.
    static func relativeToRoot(_ report: Report) -> Report {
        var relative = report
        for index in relative.lists.indices {
            relative.lists[index].file = relative.lists[index].file.replacing("\(root)/", with: "")
            for model in relative.lists[index].models.indices {
                relative.lists[index].models[model].file = relative.lists[index].file
            }
        }
        return relative
    }

    /// The lists as if loaded from the repository root.
    static func relativeToRoot(_ lists: [ConfigList]) -> [ConfigList] {
        lists.map { list in
            var relative = list
            relative.file = list.file.replacing("\(root)/", with: "")
            return relative
        }
    }

    /// Loads `paths` and fails the test on any diagnostic.
    static func report(_ paths: [String]) throws -> Report {
        switch Pipeline.run(paths) {
        case .success((let report, _)): return relativeToRoot(report)
        case .failure(let problems): throw problems
        }
    }

    /// Compares `actual` with a golden file; `RECORD_SNAPSHOTS=1` (or a missing file) writes the
    /// golden file instead and fails, so a baseline is always looked at before it is trusted.
    static func assertGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let path = "\(golden)/\(name)"
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
        guard !record, let expected = FileManager.default.contents(atPath: path) else {
            try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
            Issue.record("recorded golden file \(name); check it and run again", sourceLocation: sourceLocation)
            return
        }
        #expect(String(decoding: expected, as: UTF8.self) == actual, "\(name) differs from its golden file (RECORD_SNAPSHOTS=1 rewrites it)", sourceLocation: sourceLocation)
    }
}
