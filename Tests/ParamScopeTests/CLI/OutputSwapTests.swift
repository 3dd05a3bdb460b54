import Foundation
import Testing
@testable import ParamScope

/// `--out` is all old or all new, whatever happens: failed swaps, failing runs, concurrent runs,
/// signals, symbolic links.
@Suite struct OutputSwapTests {
    static func list(title: String, models: Int = 1) -> String {
        "title: \(title)\nmodels:\n" + (0..<models).map { "  - name: M\($0)\n    layers: 2\n    hidden: 8\n    heads: 2\n    vocab: 10\n" }.joined()
    }

    static func files(_ directory: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            out[name] = FileManager.default.contents(atPath: "\(directory)/\(name)")
        }
        return out
    }

    @Test func danglingSymlinkAtOutIsNeverDeleted() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(Self.list(title: "A").utf8).write(to: URL(fileURLWithPath: "\(directory)/l.yaml"))
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/out", withDestinationPath: "\(directory)/gone")
        let output = try CommandRunner.run(["report", "\(directory)/l.yaml", "--out", "\(directory)/out"])
        #expect(output.status == 2)
        #expect(output.firstError == "\(directory)/out: error: is a symbolic link to a missing directory; point it at a directory or remove it")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/out") == "\(directory)/gone")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["l.yaml", "out"])
    }

    @Test func symlinkToADirectoryIsFollowed() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(Self.list(title: "A").utf8).write(to: URL(fileURLWithPath: "\(directory)/l.yaml"))
        try FileManager.default.createDirectory(atPath: "\(directory)/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/out", withDestinationPath: "\(directory)/real")
        let output = try CommandRunner.run(["report", "\(directory)/l.yaml", "--out", "\(directory)/out"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(directory)/real/index.html"))
    }

    /// A page that cannot be moved into place (a directory took its name) puts back every page
    /// already swapped: --out holds the previous run's pages, byte for byte.
    @Test func failedSwapPutsTheOldPagesBack() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = "\(directory)/out"
        try Data(Self.list(title: "Old").utf8).write(to: URL(fileURLWithPath: "\(directory)/l.yaml"))
        #expect(try CommandRunner.run(["report", "\(directory)/l.yaml", "--out", out]).status == 0)
        // The index pages are moved last: a directory in the way of index.md fails the swap
        // after the list's pages and report.json were swapped.
        try FileManager.default.removeItem(atPath: "\(out)/index.md")
        try FileManager.default.createDirectory(atPath: "\(out)/index.md", withIntermediateDirectories: true)
        try Data("theirs".utf8).write(to: URL(fileURLWithPath: "\(out)/index.md/keep"))
        let before = try Self.files(out)
        try Data(Self.list(title: "New").utf8).write(to: URL(fileURLWithPath: "\(directory)/l.yaml"))
        let output = try CommandRunner.run(["report", "\(directory)/l.yaml", "--out", out])
        #expect(output.status == 2)
        #expect(output.firstError.hasPrefix("\(out)/index.md: error: cannot move the new page into place: "))
        #expect(output.firstError.hasSuffix("; --out is left as it was"))
        #expect(try Self.files(out) == before)
        #expect(try String(contentsOfFile: "\(out)/l.html", encoding: .utf8).contains("Old"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["l.yaml", "out"])
    }

    /// A failing run removes the directories it created only while they hold nothing but its
    /// own files: another program's file keeps its directory (and those above it).
    @Test(arguments: [false, true]) func failingRunRemovesOnlyItsOwnDirectories(foreignFile: Bool) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = "\(directory)/new/deeper/out"
        do {
            _ = try OutputDirectory(out).write { sink throws(RenderError) in
                try sink.write("index.html", [OutputBuffer("half")])
                if foreignFile { _ = FileManager.default.createFile(atPath: "\(directory)/new/theirs.txt", contents: Data("x".utf8)) }
                throw RenderError.noTemplate(page: "list.html")
            }
            Issue.record("the failing write succeeded")
        } catch {
            #expect("\(error)".contains("list.html"))
        }
        let left = try FileManager.default.subpathsOfDirectory(atPath: directory).sorted()
        #expect(left == (foreignFile ? ["new", "new/theirs.txt"] : []))
    }

    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Two runs into one --out at once: afterwards every page comes from the same run.
    @Test func concurrentRunsNeverMix() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = "\(directory)/out"
        for name in ["a", "b"] {
            try FileManager.default.createDirectory(atPath: "\(directory)/\(name)", withIntermediateDirectories: true)
            try Data(Self.list(title: "Run-\(name)", models: 300).utf8).write(to: URL(fileURLWithPath: "\(directory)/\(name)/l.yaml"))
        }
        for _ in 0..<3 {
            let runs = try ["a", "b"].map { try Self.start(["report", "\(directory)/\($0)/l.yaml", "--out", out]) }
            for run in runs { run.waitUntilExit() }
            #expect(runs.allSatisfy { $0.terminationStatus == 0 })
            let pages = try ["index.html", "index.md", "l.html", "l.md", "report.json"].map { try String(contentsOfFile: "\(out)/\($0)", encoding: .utf8) }
            let fromA = pages.map { $0.contains("Run-a") }
            #expect(fromA.allSatisfy { $0 } || !fromA.contains(true), "pages from both runs: \(fromA)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["a", "b", "out"])
        }
    }

    /// SIGTERM or SIGINT during a run: the staging directory goes, --out stays as it was.
    @Test(arguments: [SIGTERM, SIGINT]) func signalRemovesTheStagingDirectory(signal: Int32) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = "\(directory)/out"
        try Data(Self.list(title: "Big", models: 3000).utf8).write(to: URL(fileURLWithPath: "\(directory)/l.yaml"))
        let run = try Self.start(["report", "\(directory)/l.yaml", "--out", out])
        let staging = "\(directory)/.out.paramscope-\(run.processIdentifier)"
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: staging), run.isRunning, Date() < deadline { usleep(2_000) }
        let caught = run.isRunning
        #expect(caught, "the run ended before its staging directory was seen")
        kill(run.processIdentifier, signal)
        run.waitUntilExit()
        if caught {
            #expect(run.terminationStatus == 128 + signal)
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        #expect(!FileManager.default.fileExists(atPath: staging))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted().filter { $0 != "out" } == ["l.yaml"])
    }
}
