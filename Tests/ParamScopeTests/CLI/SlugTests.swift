import Foundation
import Testing
@testable import ParamScope

/// File names and anchors made from user text: nothing but `a-z 0-9 - .`, never `..`, never
/// empty, unique in input order, the same on every run.
@Suite struct SlugTests {
    @Test(arguments: [
        ("LLaMA-7B", "llama-7b"),
        ("Llama 3.1 8B", "llama-3.1-8b"),
        ("../../etc/passwd", "etc-passwd"),
        ("a/b\\c", "a-b-c"),
        ("a..b", "a.-b"),
        ("v1...2", "v1.-2"),
        ("tab\there\nnewline\u{0}nul\u{7F}del", "tab-here-newline-nul-del"),
        ("", "model"),
        ("   ", "model"),
        ("模型", "model"),
        ("🦙🦙", "model"),
        ("Qwen2.5-72B.", "qwen2.5-72b"),
        (".hidden", "hidden"),
        ("Ünïcödé name", "n-c-d-name"),
    ])
    func make(_ text: String, _ expected: String) {
        let slug = Slug.make(text, fallback: "model")
        #expect(slug == expected)
        #expect(!slug.contains("..") && !slug.contains("/") && !slug.hasPrefix(".") && !slug.isEmpty)
    }

    @Test func longNamesAreCutWithoutATrailingSeparator() {
        let slug = Slug.make(String(repeating: "a", count: 79) + "-" + String(repeating: "b", count: 10))
        #expect(slug == String(repeating: "a", count: 79))
    }

    /// Collisions get -2, -3 in input order; reserved names (the index page) are never taken.
    @Test func collisionsAreResolvedInOrder() {
        #expect(Slug.unique(["x", "x", "x"]) == ["x", "x-2", "x-3"])
        #expect(Slug.unique(["index", "report", "a"], reserved: ["index", "report"]) == ["index-2", "report-2", "a"])
        #expect(Slug.unique(["x", "x-2", "x"]) == ["x", "x-2", "x-3"])
        #expect(Slug.unique(["model", "model"]) == Slug.unique(["model", "model"]))
    }

    /// Through the binary: two lists whose stems slug alike (`My List.yaml`, `my-list.yaml`), a
    /// list named `index`, and unicode-only model names each get their own page and anchor,
    /// and two runs write the same bytes.
    @Test func collidingListsGetTheirOwnPages() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let model = { (name: String) in "  - {name: \"\(name)\", layers: 2, hidden: 8, heads: 2, vocab: 10}\n" }
        for (file, title) in [("My List.yaml", "A"), ("my-list.yaml", "B"), ("index.yaml", "C")] {
            try Data("title: \(title)\nmodels:\n\(model("模型"))\(model("🦙"))".utf8)
                .write(to: URL(fileURLWithPath: "\(directory)/in/\(file)", isDirectory: false).createParents())
        }
        var runs: [[String: Data]] = []
        for out in ["out1", "out2"] {
            let output = try CommandRunner.run(["report", "\(directory)/in", "--out", "\(directory)/\(out)", "--fragment"])
            #expect(output.status == 0, "stderr: \(output.stderr)")
            let names = try FileManager.default.contentsOfDirectory(atPath: "\(directory)/\(out)").sorted()
            #expect(names == ["index-2.html", "index-2.md", "index.html", "index.md", "my-list-2.html", "my-list-2.md",
                              "my-list.html", "my-list.md", "report.json"])
            runs.append(Dictionary(uniqueKeysWithValues: names.map { ($0, FileManager.default.contents(atPath: "\(directory)/\(out)/\($0)") ?? Data()) }))
        }
        #expect(runs[0] == runs[1])
        // Model anchors are unique across the report (fragments of the three lists can share a page).
        let anchors = ["my-list.md", "my-list-2.md", "index-2.md"].flatMap { name in
            String(decoding: runs[0][name] ?? Data(), as: UTF8.self).split(separator: "\n")
                .filter { $0.hasPrefix("<a id=\"") }.map { String($0) }
        }
        #expect(anchors.sorted() == (["model", "model-2", "model-3", "model-4", "model-5", "model-6"]).map { "<a id=\"\($0)\"></a>" })
    }
}

private extension URL {
    func createParents() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
