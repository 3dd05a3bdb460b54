import Foundation
import Testing
@testable import ParamScope

/// The built `paramscope` binary, end to end: exit status, what reaches stderr, what is written.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary SwiftPM built beside the test bundle.
    static func binary() throws -> String {
        let directory = try #require(Bundle.main.executableURL).deletingLastPathComponent()
        var candidates = [directory.appendingPathComponent("paramscope").path]
        // Some runners start tests from inside the .xctest bundle.
        candidates.append(directory.deletingLastPathComponent().appendingPathComponent("paramscope").path)
        candidates.append("\(TestSupport.root)/.build/debug/paramscope")
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "build paramscope first")
    }

    static func run(_ arguments: [String], in directory: String = TestSupport.root) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    static let drift = "\(TestSupport.fixtures)/drift.yaml"

    /// Over the limit: the reports are still written, then exit 1 naming the offending model only.
    @Test func gateWritesThenFails() throws {
        let out = try TestSupport.temporaryDirectory() + "/reports"
        let run = try Self.run(["report", Self.drift, "--out", out, "--max-deviation", "10"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("Off-1B: exact 1,273,696,256 is \u{2212}15.09% from the published 1.5B (limit 10%)"))
        #expect(!run.stderr.contains("Named-1B"))
        let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(written == ["drift.html", "drift.md", "index.html", "index.md", "report.json"])
        #expect(try Self.run(["report", Self.drift, "--out", out, "--max-deviation", "20"]).status == 0)
    }

    /// `--check` writes nothing: 1 for a missing or changed directory, 0 once it is current.
    @Test func checkFindsStaleReports() throws {
        let out = try TestSupport.temporaryDirectory() + "/reports"
        let missing = try Self.run(["report", Self.drift, "--out", out, "--check"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("out of date"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try Self.run(["report", Self.drift, "--out", out]).status == 0)
        #expect(try Self.run(["report", Self.drift, "--out", out, "--check"]).status == 0)
        let page = "\(out)/drift.md"
        let edited = try String(contentsOfFile: page, encoding: .utf8) + "edited\n"
        try Data(edited.utf8).write(to: URL(fileURLWithPath: page))
        let stale = try Self.run(["report", Self.drift, "--out", out, "--check"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("(drift.md)"))
        #expect(try String(contentsOfFile: page, encoding: .utf8) == edited)
    }

    /// A broken `--templates` is bad input: exit 2, the template's file and line, nothing written.
    @Test func brokenTemplateNamesFileAndLine() throws {
        let templates = try TestSupport.temporaryDirectory()
        try Data("<html>\n{{#nav}}\n".utf8).write(to: URL(fileURLWithPath: "\(templates)/page.html.mustache"))
        try Data("".utf8).write(to: URL(fileURLWithPath: "\(templates)/style.css"))
        let out = try TestSupport.temporaryDirectory() + "/reports"
        let run = try Self.run(["report", Self.drift, "--out", out, "--templates", templates])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(templates)/page.html.mustache:"))
        #expect(run.stderr.contains("template error"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Release notes: `--name` with a `|` stays in one cell; the default precisions are the short list.
    @Test func estimateMarkdown() throws {
        let run = try Self.run(["estimate", "\(TestSupport.fixtures)/seed.yaml", "--format", "markdown"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("## Generic-1B\n"))
        #expect(!run.stdout.contains("| FP32 |"))
        #expect(run.stdout.contains("| BF16 | 2,547,392,512 | 2.55 GB | 2.37 GiB |"))
        let single = try TestSupport.write("models:\n  - {name: One, layers: 24, hidden: 2048, heads: 16, vocab: 32000}\n")
        let named = try Self.run(["estimate", single, "--format", "markdown", "--name", "A|B <i>", "--published", "1.3B"])
        #expect(named.status == 0)
        #expect(named.stdout.hasPrefix("## A\\|B \\<i\\>\n"))
        // 1,273,696,256 against 1.3B: −2.02%, and consistent (1.27… rounds to 1.3).
        #expect(named.stdout.contains("published as 1.3B, consistent with the exact count (deviation \u{2212}2.02%)"))
        // Two models: --name applies to one only.
        #expect(try Self.run(["estimate", Self.drift, "--name", "X"]).status != 0)
    }

    /// Run from another directory with no templates/ there: `--fragment` needs none, and a
    /// full page finds the templates beside the binary or says where it looked.
    @Test func fragmentNeedsNoTemplates() throws {
        let elsewhere = try TestSupport.temporaryDirectory()
        let run = try Self.run(["report", Self.drift, "--out", "out", "--fragment"], in: elsewhere)
        #expect(run.status == 0)
        let page = try String(contentsOfFile: "\(elsewhere)/out/drift.html", encoding: .utf8)
        #expect(page.hasPrefix("<div class=\"paramscope\">"))
        #expect(page.contains("id=\"off-1b\""))
    }

    /// `--links dirs` through the binary: the index links `drift/#off-1b`, and `--check` with the
    /// same options finds nothing stale, while without them every page that links differs.
    @Test func linksThroughTheBinary() throws {
        let elsewhere = try TestSupport.temporaryDirectory()
        let options = ["--out", "out", "--fragment", "--links", "dirs"]
        #expect(try Self.run(["report", Self.drift] + options, in: elsewhere).status == 0)
        let index = try String(contentsOfFile: "\(elsewhere)/out/index.html", encoding: .utf8)
        #expect(index.contains("<a href=\"drift/#off-1b\">") && index.contains("<li><a href=\"drift/\">"))
        #expect(try String(contentsOfFile: "\(elsewhere)/out/drift.md", encoding: .utf8).contains("[All models](../)"))
        #expect(try Self.run(["report", Self.drift, "--check"] + options, in: elsewhere).status == 0)
        let stale = try Self.run(["report", Self.drift, "--check", "--out", "out", "--fragment"], in: elsewhere)
        #expect(stale.status == 1 && stale.stderr.contains("index.html") && stale.stderr.contains("drift.md"))
    }
}
