import Foundation
import Testing
@testable import ParamScope

/// The writers print tables, chart labels and `report.json` models straight into the page's
/// buffer. Each direct path must print exactly what the String path it replaced prints: the
/// `Table` of Strings (still what the terminal and release notes use), the String number
/// formats, `ReportCharts.tick`, and and JSON strings escaped as written out by hand.
@Suite struct DirectRenderTests {
    /// Every model of the bundled catalog and of the fixtures (hostile names included), and
    /// models beside a checkpoint (safetensors and GGUF).
    static func models() throws -> [ModelReport] {
        let directory = try TestSupport.temporaryDirectory()
        let hostile = try String(contentsOfFile: "\(TestSupport.fixtures)/hostile.yaml", encoding: .utf8)
        try Data(hostile.utf8).write(to: URL(fileURLWithPath: "\(directory)/hostile.yaml"))
        let checkpoints = "\(TestSupport.fixtures)/checkpoints"
        try FileManager.default.copyItem(atPath: "\(checkpoints)/tiny-llama/model.safetensors", toPath: "\(directory)/model.safetensors")
        try FileManager.default.copyItem(atPath: "\(checkpoints)/tiny.gguf", toPath: "\(directory)/tiny.gguf")
        let sizes = "architecture: llama\n    hidden: 64\n    heads: 4\n    kv_heads: 2\n    ffn: 128\n    vocab: 256\n"
        let list = """
            title: Tiny
            models:
              - name: right
                layers: 2
                \(sizes)    checkpoint: model.safetensors
              - name: one-layer-too-many
                layers: 3
                \(sizes)    checkpoint: model.safetensors
              - name: tied
                layers: 2
                tied_embeddings: true
                \(sizes)    checkpoint: model.safetensors
              - name: gguf
                layers: 2
                \(sizes)    checkpoint: tiny.gguf

            """
        try Data(list.utf8).write(to: URL(fileURLWithPath: "\(directory)/tiny.yaml"))
        let report = try TestSupport.report([
            "\(TestSupport.root)/configs", "\(TestSupport.fixtures)/seed.yaml", "\(TestSupport.fixtures)/presets.yaml",
            "\(directory)/hostile.yaml", "\(directory)/tiny.yaml",
        ])
        return report.models
    }

    /// Each table printed by the sinks is the `Table` of Strings printed by the writers' table
    /// functions (Markdown: with its bold caption line and blank line, as a section has them).
    @Test func tablesAsTheStringTables() throws {
        let models = try Self.models()
        #expect(models.count > 60)
        #expect(models.contains { $0.result.checkpoint != nil })
        let markdown = MarkdownWriter(), html = HTMLWriter()
        for model in models {
            for kind in ModelTables.Kind.allCases {
                var collector = TableCollector()
                ModelTables.write(kind, of: model, into: &collector)
                let table = collector.table
                let markdownOut = OutputBuffer(), htmlOut = OutputBuffer()
                var markdownSink = MarkdownTableSink(into: markdownOut), htmlSink = HTMLTableSink(into: htmlOut)
                ModelTables.write(kind, of: model, into: &markdownSink)
                ModelTables.write(kind, of: model, into: &htmlSink)
                if table.headers.isEmpty {
                    #expect(markdownOut.count == 0 && htmlOut.count == 0)
                    continue
                }
                let expectedMarkdown = "**" + markdown.escape(table.caption ?? "") + "**\n\n" + markdown.table(table) + "\n"
                #expect(markdownOut.string == expectedMarkdown, "\(model.name) \(kind)")
                #expect(htmlOut.string == html.table(table), "\(model.name) \(kind)")
                markdownOut.truncate(to: 0)
                htmlOut.truncate(to: 0)
            }
        }
    }

    /// Values across every branch: zero, each unit, carries into the next unit (999,999 →
    /// "1.00M"), negatives, Int's limits, tiny and huge doubles.
    static let integers = [0, 1, -1, 7, 9, 10, 99, 100, 999, 1_000, 9_999, 10_000, 99_999, 100_000, 999_499, 999_999, 1_000_000, 6_738_415_616, -6_738_415_616,
                           123_456_789_012_345, 999_999_999_999_999, Int.max, Int.min + 1, Int.min]
    static let doubles = [0, -0.0, 0.000211, 0.5, 1, 6.738, 9.996, 99.95, 123.4, 999.6, 1e9, 1.5e14, 9.99e14, 1e15,
                          -2.5, -0.0001, .infinity, -.infinity, .nan]

    @Test func numbersAsTheStrings() {
        for value in Self.integers {
            #expect(Self.text { NumberFormat.parameters(value, into: $0) } == NumberFormat.parameters(value), "\(value)")
            #expect(Self.text { NumberFormat.gigabytes(value, into: $0) } == NumberFormat.gigabytes(value), "\(value)")
            #expect(Self.text { NumberFormat.gibibytes(value, into: $0) } == NumberFormat.gibibytes(value), "\(value)")
            #expect(Self.text { $0.append(grouped: value) } == NumberFormat.grouped(value))
            #expect(Self.text { $0.append(int: value) } == String(value))
            #expect(Self.text { $0.append(magnitude: value.magnitude) } == String(value.magnitude))
        }
        // Shares up to 100 % (a part of its whole), none, and a negative part (spelt as the String spells it).
        for whole in [0, 1, 3, 1_000, 6_738_415_616, Int.max] {
            for part in [0, 1, 2, 999, 1_000, 6_738_415_616, Int.max, -1] where part <= whole {
                #expect(Self.text { ReportTables.share(part, of: whole, into: $0) } == ReportTables.share(part, of: whole))
            }
        }
        for value in Self.doubles {
            #expect(Self.text { NumberFormat.threeSignificant(value, into: $0) } == NumberFormat.threeSignificant(value), "\(value)")
            #expect(Self.text { ReportCharts.parameters(value * 1e9, into: $0) } == ReportCharts.parameters(value * 1e9), "\(value)")
            if value.isFinite {
                #expect(Self.text { NumberFormat.percent(value / 100, into: $0) } == NumberFormat.percent(value / 100), "\(value)")
            }
        }
        #expect(Self.text { ReportCharts.parameters(1e19, into: $0) } == ReportCharts.parameters(1e19))
        for power in 0..<20 {
            let value = (0..<power).reduce(UInt(1)) { product, _ in product * 10 }
            for near in [value - 1, value, value + 1] {
                #expect(Self.text { $0.append(magnitude: near) } == String(near))
            }
        }
        #expect(Self.text { $0.append(magnitude: UInt.max) } == String(UInt.max))
    }

    /// Chart coordinates: tenths rounded, the sign of a negative, no ".0"; digits counted across
    /// powers of ten.
    @Test(arguments: [0, -0.0, 0.04, -0.04, -0.05, 0.05, 9.95, 9.94, 10, 99.99, 100, 123.45, -123.45, 1e6 - 0.01,
                      480, 9_999_999.9, 1e17, -1e17, .infinity, .nan])
    func fixedAsTenths(value: Double) {
        var expected = "0"
        if value.isFinite {
            let tenths = Int((value * 10).rounded())
            let magnitude = tenths.magnitude
            expected = (tenths < 0 ? "-" : "") + String(magnitude / 10) + (magnitude % 10 != 0 ? ".\(magnitude % 10)" : "")
        }
        #expect(Self.text { $0.append(fixed: value) } == expected)
    }

    /// Tick labels trimmed in place, as `ReportCharts.tick` trims a String.
    @Test(arguments: ["20.0B", "20B", "2.50B", "+5.00%", "−1.50%", "0.00%", "0", "1.05 GB", "100", "0.000211", "3.", ".5", "1.0.0"])
    func tickTrimmedAsTheString(text: String) {
        let out = OutputBuffer()
        out.append("x=")
        out.append(string: text)
        out.trimFractionZeros(from: 2)
        out.append("!")
        #expect(out.string == "x=" + ReportCharts.tick(text) + "!")
    }

    /// Escaping by byte masks, against a replacement written out character by character.
    @Test(arguments: ["", "plain", "<b>&\"'</b>", "Llama 3.1 · 8B — “quoted” <x>", "a|b*c_d[e]f`g~h#i!j{k}l\\m\nn\ro",
                      "\u{0}\u{1F}\u{7F}\t", "é<😀>&", "<<<>>>"])
    func escapingAsCharacters(text: String) {
        var html: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
        // Control characters but tab and line breaks are shown as U+FFFD on pages.
        for scalar in Array(0..<0x20) + [0x7F] where ![0x0A, 0x0D, 0x09].contains(scalar) {
            html[Character(Unicode.Scalar(UInt8(scalar)))] = "\u{FFFD}"
        }
        let out = OutputBuffer()
        out.append(html: text)
        #expect(out.string == Self.replace(text, html))
        #expect(HTMLEscape.text(text) == Self.replace(text, html))

        var markdown: [Character: String] = ["\n": " ", "\r": " "]
        for character in "\\`*_[]<>|~&#!{}" { markdown[character] = "\\\(character)" }
        for scalar in Array(0..<0x20) + [0x7F] where ![0x0A, 0x0D, 0x09].contains(scalar) {
            markdown[Character(Unicode.Scalar(UInt8(scalar)))] = "\u{FFFD}"
        }
        #expect(MarkdownWriter().escape(text) == Self.replace(text, markdown))

        var json: [Character: String] = ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "<": "\\u003c"]
        for scalar in 0..<0x20 where ![0x0A, 0x0D, 0x09].contains(scalar) {
            json[Character(Unicode.Scalar(UInt8(scalar)))] = "\\u00" + (scalar < 0x10 ? "0" : "") + String(scalar, radix: 16)
        }
        let jsonOut = OutputBuffer()
        JSONString.write(text, into: jsonOut)
        #expect(jsonOut.string == "\"" + Self.replace(text, json) + "\"")
    }

    /// By Unicode scalar: "\r\n" is one Character but two escaped bytes.
    static func replace(_ text: String, _ table: [Character: String]) -> String {
        text.unicodeScalars.map { table[Character($0)] ?? String($0) }.joined()
    }

    static func text(_ write: (OutputBuffer) -> Void) -> String {
        let out = OutputBuffer(capacity: 1)
        write(out)
        return out.string
    }
}
