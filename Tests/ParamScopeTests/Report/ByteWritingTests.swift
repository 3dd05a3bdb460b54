import Foundation
import Testing
@testable import ParamScope

/// What the byte buffer prints digit by digit and escapes byte by byte, against the text
/// written out another way: chart coordinates in tenths, trimmed ticks, the three escapers.
@Suite struct ByteWritingTests {
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

    /// Tick labels trimmed in place: the zeros ending the first fraction go, and the point with
    /// them when nothing else follows it.
    @Test(arguments: [("20.0B", "20B"), ("20B", "20B"), ("2.50B", "2.5B"), ("+5.00%", "+5%"), ("−1.50%", "−1.5%"),
                      ("0.00%", "0%"), ("0", "0"), ("1.05 GB", "1.05 GB"), ("100", "100"), ("0.000211", "0.000211"),
                      ("3.", "3"), (".5", ".5"), ("1.0.0", "1.0")])
    func tickTrimmed(text: String, expected: String) {
        let out = OutputBuffer()
        out.append("x=")
        out.append(string: text)
        out.trimFractionZeros(from: 2)
        out.append("!")
        #expect(out.string == "x=" + expected + "!")
        #expect(ReportCharts.tick(text) == expected)
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
