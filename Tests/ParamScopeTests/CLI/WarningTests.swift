import Foundation
import Testing

/// Doubts that do not fail the run: printed as `warning:` on stderr, the reports are written,
/// exit 0.
@Suite struct WarningTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var files: [String: String]
        var arguments: [String]
        /// Every line on stderr (source excerpts and carets included), `DIR` replaced.
        var stderr: [String]
    }

    // Exact count of `model` (generic: tied embedding, LayerNorm, 4h MLP), the seed formula
    // L·(12h² + 4h) + V·h + 2h = 2·(12·64 + 32) + 10·8 + 16 = 1,600 + 80 + 16 = 1,696.
    static let model = "models:\n  - name: M\n    layers: 2\n    hidden: 8\n    heads: 2\n    vocab: 10\n"

    static let cases: [Case] = [
        // 1,696 against 1,234: (1696 − 1234) / 1234 = +37.44%; four significant digits, so not a rounding of 1,696.
        Case(description: "published far from exact",
             files: ["l.yaml": model + "    published: 1234\n"], arguments: ["report", "DIR/l.yaml", "--out", "DIR/out"],
             stderr: ["DIR/l.yaml:2:5: warning: model \"M\": the exact count 1,696 is +37.44% from the published 1234; check the figure and the architecture",
                      "  - name: M", "    ^"]),
        Case(description: "published far from exact, in estimate",
             files: ["l.yaml": model + "    published: 1234\n"], arguments: ["estimate", "DIR/l.yaml", "--format", "json"],
             stderr: ["DIR/l.yaml:2:5: warning: model \"M\": the exact count 1,696 is +37.44% from the published 1234; check the figure and the architecture",
                      "  - name: M", "    ^"]),
        // 1,696 against "1.5K": +13.07%, not a rounding (1.7K) or truncation (1.6K), but within 25%.
        Case(description: "published close enough",
             files: ["l.yaml": model + "    published: 1.5K\n"], arguments: ["report", "DIR/l.yaml", "--out", "DIR/out"], stderr: []),
        // A figure read off the name is rough by nature (Gemma "7B" is 8.54B): no warning.
        Case(description: "published from the name",
             files: ["l.yaml": model + "    published: {total: 1234, basis: name}\n"], arguments: ["report", "DIR/l.yaml", "--out", "DIR/out"], stderr: []),
        // 8 / 2 = 4, but head_dim 16 is given: legal, unusual for the generic family.
        Case(description: "head_dim not hidden/heads",
             files: ["l.yaml": model + "    head_dim: 16\n"], arguments: ["report", "DIR/l.yaml", "--out", "DIR/out"],
             stderr: ["DIR/l.yaml:7:15: warning: `head_dim` (16) is not `hidden` / `heads` (8 / 2 = 4), unusual for generic; check it",
                      "    head_dim: 16", "              ^"]),
        Case(description: "head_dim with heads not dividing hidden",
             files: ["l.yaml": model.replacing("heads: 2", with: "heads: 3") + "    head_dim: 4\n"], arguments: ["estimate", "DIR/l.yaml"],
             stderr: ["DIR/l.yaml:7:15: warning: `head_dim` (4) is not `hidden` / `heads` (8 / 3 = not a whole number), unusual for generic; check it",
                      "    head_dim: 4", "              ^"]),
        // Gemma's heads are 256 wide whatever the width: no warning.
        Case(description: "head_dim in gemma",
             files: ["l.yaml": model.replacing("    layers", with: "    architecture: gemma\n    ffn: 16\n    layers") + "    head_dim: 256\n"],
             arguments: ["report", "DIR/l.yaml", "--out", "DIR/out"], stderr: []),
        Case(description: "head_dim equal to hidden/heads",
             files: ["l.yaml": model + "    head_dim: 4\n"], arguments: ["report", "DIR/l.yaml", "--out", "DIR/out"], stderr: []),
        Case(description: "same name in two lists",
             files: ["a.yaml": model, "b.yaml": "title: B\n" + model], arguments: ["report", "DIR", "--out", "DIR/out"],
             stderr: ["DIR/b.yaml:3:5: warning: model \"M\" is also in DIR/a.yaml (line 2); the index will list the name twice",
                      "  - name: M", "    ^"]),
    ]

    @Test(arguments: cases)
    func warns(_ c: Case) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, text) in c.files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(directory)/\(name)"))
        }
        let output = try CommandRunner.run(c.arguments.map { $0.replacing("DIR", with: directory) })
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let lines = output.stderr.split(separator: "\n").map(String.init)
        #expect(lines == c.stderr.map { $0.replacing("DIR", with: directory) })
        if c.arguments.first == "report" {
            #expect(FileManager.default.fileExists(atPath: "\(directory)/out/index.html"))
        }
    }

    /// `estimate` and `report` load, count and warn through one pipeline: for the same inputs they
    /// print the same lines on stderr (every case's input, whichever command the case runs).
    @Test(arguments: cases)
    func estimateWarnsAsReportDoes(_ c: Case) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, text) in c.files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(directory)/\(name)"))
        }
        let input = c.files.count == 1 ? "\(directory)/\(c.files.keys.first!)" : directory
        let report = try CommandRunner.run(["report", input, "--out", "\(directory)/out"])
        let estimate = try CommandRunner.run(["estimate", input, "--format", "json"])
        #expect(report.status == 0 && estimate.status == 0, "report: \(report.stderr)\nestimate: \(estimate.stderr)")
        #expect(estimate.stderr == report.stderr)
        #expect(estimate.stderr.split(separator: "\n").map(String.init) == c.stderr.map { $0.replacing("DIR", with: directory) })
    }
}
