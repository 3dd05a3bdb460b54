import Foundation
import Testing
@testable import ParamScope

/// `--max-deviation PCT`. Fixture `drift.yaml`: two generic models of L = 24, h = 2048, V = 32000,
/// whose exact count is L·(12h² + 4h) + V·h + 2h = 24 · 50,339,840 + 65,536,000 + 4,096
/// = 1,273,696,256, both published as 1.5B: (1,273,696,256 − 1.5e9) / 1.5e9 = −15.09%.
/// `Off-1B`'s figure is from a paper, `Named-1B`'s is read off its name.
@Suite struct GateTests {
    static func report(_ name: String) throws -> Report {
        try TestSupport.report(["\(TestSupport.fixtures)/\(name)"])
    }

    @Test(arguments: [(10.0, ["Off-1B"]), (15.0, ["Off-1B"]), (15.1, []), (20.0, [])])
    func failsBeyondTheLimit(limit: Double, failing: [String]) throws {
        let failures = try Gate.failures(Self.report("drift.yaml"), maxDeviationPercent: limit)
        #expect(failures.count == failing.count)
        for (line, name) in zip(failures, failing) {
            #expect(line.contains(": \(name): exact 1,273,696,256 is \u{2212}15.09% from the published 1.5B"))
        }
    }

    /// A figure read off the name never fails, however far it is.
    @Test func nameBasisNeverFails() throws {
        let failures = try Gate.failures(Self.report("drift.yaml"), maxDeviationPercent: 0)
        #expect(!failures.contains { $0.contains("Named-1B") })
    }

    /// Consistent figures never fail: Generic-1B "1.3B" is −2.02% away but rounds from the exact
    /// count; LLaMA-7B "6.7B" is +0.57% away and truncates from it.
    @Test func consistentFiguresNeverFail() throws {
        #expect(try Gate.failures(Self.report("seed.yaml"), maxDeviationPercent: 0).isEmpty)
    }

    @Test(arguments: [(10.0, "10"), (2.5, "2.5"), (0.0, "0")])
    func limitText(percent: Double, expected: String) {
        #expect(Gate.limitText(percent) == expected)
    }
}

/// Writing `--out`: pages replace their old versions; files ParamScope did not write stay.
@Suite struct OutputDirectoryTests {
    @Test func writesAndKeepsForeignFiles() throws {
        let out = try TestSupport.temporaryDirectory()
        try Data("mine".utf8).write(to: URL(fileURLWithPath: "\(out)/README.txt"))
        try Data("old".utf8).write(to: URL(fileURLWithPath: "\(out)/index.md"))
        let site = try Site.render(try TestSupport.report(["\(TestSupport.fixtures)/seed.yaml"]), template: nil, fragment: true)
        let directory = OutputDirectory(out)
        #expect(directory.staleFiles(site).count == site.files.count)
        try directory.write(site)
        #expect(directory.staleFiles(site).isEmpty)
        #expect(try String(contentsOfFile: "\(out)/README.txt", encoding: .utf8) == "mine")
        // No staging directory is left beside it.
        let parent = URL(fileURLWithPath: out).deletingLastPathComponent().path
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.contains(".paramscope-") }
        #expect(!leftovers.contains { $0.hasPrefix(".\(URL(fileURLWithPath: out).lastPathComponent)") })
    }

    /// An old page is swapped for the new one (a link is replaced, not followed); what stands
    /// at a page's name and is not a file is never moved away: the write fails instead.
    @Test func replacesFilesAndLinksButNotDirectories() throws {
        let out = try TestSupport.temporaryDirectory()
        let elsewhere = try TestSupport.temporaryDirectory()
        try Data("old".utf8).write(to: URL(fileURLWithPath: "\(out)/index.md"))
        try Data("linked".utf8).write(to: URL(fileURLWithPath: "\(elsewhere)/target.md"))
        try FileManager.default.createSymbolicLink(atPath: "\(out)/seed.md", withDestinationPath: "\(elsewhere)/target.md")
        let site = try Site.render(try TestSupport.report(["\(TestSupport.fixtures)/seed.yaml"]), template: nil, fragment: true)
        let directory = OutputDirectory(out)
        try directory.write(site)
        #expect(directory.staleFiles(site).isEmpty)
        let kind = try FileManager.default.attributesOfItem(atPath: "\(out)/seed.md")[.type] as? FileAttributeType
        #expect(kind == .typeRegular)
        #expect(try String(contentsOfFile: "\(elsewhere)/target.md", encoding: .utf8) == "linked")

        try FileManager.default.removeItem(atPath: "\(out)/index.html")
        try FileManager.default.createDirectory(atPath: "\(out)/index.html/keep", withIntermediateDirectories: true)
        #expect(throws: Diagnostic.self) { try directory.write(site) }
        #expect(FileManager.default.fileExists(atPath: "\(out)/index.html/keep"))
    }
}
