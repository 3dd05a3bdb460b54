import Foundation
import Testing

/// Past `Navigation.fullLimit` lists a page's navigation is a window, not every list: a
/// directory of thousands of one-model lists once wrote O(lists²) bytes.
@Suite struct NavigationTests {
    static func pageNavigation(_ html: String) -> [String] {
        guard let start = html.range(of: "<nav aria-label=\"Pages\">"), let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex) else { return [] }
        return html[start.upperBound..<end.lowerBound].split(separator: "\n").compactMap { line in
            guard let href = line.range(of: "href=\"") else { return nil }
            return String(line[href.upperBound...].prefix { $0 != "\"" })
        }
    }

    @Test(arguments: [3, 60]) func navigationWindow(lists: Int) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: "\(directory)/in", withIntermediateDirectories: true)
        for index in 0..<lists {
            let name = String(format: "l%03d", index)
            try Data("title: \(name)\nmodels:\n  - name: M\n    layers: 2\n    hidden: 8\n    heads: 2\n    vocab: 10\n".utf8)
                .write(to: URL(fileURLWithPath: "\(directory)/in/\(name).yaml"))
        }
        let output = try CommandRunner.run(["report", "\(directory)/in", "--out", "\(directory)/out"])
        #expect(output.status == 0, "\(output.stderr)")
        let all = ["index.html"] + (0..<lists).map { String(format: "l%03d.html", $0) }
        let middle = try String(contentsOfFile: "\(directory)/out/l001.html", encoding: .utf8)
        let index = try String(contentsOfFile: "\(directory)/out/index.html", encoding: .utf8)
        if lists <= 50 {
            #expect(Self.pageNavigation(middle) == all)
            #expect(Self.pageNavigation(index) == all)
        } else {
            #expect(Self.pageNavigation(middle) == ["index.html", "l000.html", "l001.html", "l002.html"])
            #expect(Self.pageNavigation(index) == ["index.html", "l000.html"])
            let last = try String(contentsOfFile: "\(directory)/out/l059.html", encoding: .utf8)
            #expect(Self.pageNavigation(last) == ["index.html", "l058.html", "l059.html"])
            // The index page's body still links every list.
            #expect(all.dropFirst().allSatisfy { index.contains("href=\"\($0)") })
        }
    }
}
