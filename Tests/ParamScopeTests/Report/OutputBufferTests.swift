import Testing
@testable import ParamScope

/// The byte buffer the writers render into: it must print exactly what the String helpers print.
@Suite struct OutputBufferTests {
    /// Grouped by hand: 6,738,415,616 is LLaMA-7B's exact count; Int.min and Int.max are
    /// −9,223,372,036,854,775,808 and 9,223,372,036,854,775,807.
    @Test(arguments: [
        (0, "0"), (7, "7"), (999, "999"), (1_000, "1,000"), (-1_234_567, "\u{2212}1,234,567"),
        (6_738_415_616, "6,738,415,616"), (Int.max, "9,223,372,036,854,775,807"),
        (Int.min, "\u{2212}9,223,372,036,854,775,808"),
    ])
    func grouped(value: Int, expected: String) {
        let out = OutputBuffer(capacity: 1)  // grows past its first block
        out.append(grouped: value)
        #expect(out.string == expected)
        #expect(NumberFormat.grouped(value) == expected)
    }

    @Test(arguments: [0, 9, 10, -1, 4096, Int.max, Int.min])
    func integer(value: Int) {
        let out = OutputBuffer()
        out.append(int: value)
        #expect(out.string == String(value))
    }

    /// Every digit count from 1 to 19, at each power of ten and beside it, both signs: the digit
    /// count comes from the bit length and one comparison (as `String(value)`).
    @Test func integerDigitCounts() {
        var values = [0, 1, -1, Int.max, Int.min, Int.min + 1]
        var power = 1
        for _ in 1...18 {
            power *= 10
            values += [power - 1, power, power + 1, -(power - 1), -power]
        }
        for value in values {
            let out = OutputBuffer(capacity: 1)
            out.append(int: value)
            #expect(out.string == String(value))
        }
    }

    /// Escaped runs and clean runs, ASCII and multi-byte text: the same bytes as `HTMLEscape.text`.
    @Test(arguments: ["", "plain", "<b>&\"'</b>", "Llama 3.1 · 8B — “quoted” <x>", "&&&", "tail<"])
    func html(text: String) {
        let out = OutputBuffer()
        out.append("[")
        out.append(html: text)
        out.append("]")
        #expect(out.string == "[" + HTMLEscape.text(text) + "]")
    }

    /// cmark prints a custom block on its own lines and only up to its first NUL byte (the text
    /// is stored as a C string); an empty page stays empty.
    @Test func pageBlocks() throws {
        var page = HTMLPage(capacity: 8)
        page.block { $0.append("<p>one</p>") }
        page.block { $0.append("<p>two</p>\n") }
        page.block { $0.append("<p>th\u{0}ree</p>") }
        try page.markdown("*prose*", of: "a test text")
        page.block { $0.append("<p>four</p>") }
        #expect(page.string == "<p>one</p>\n<p>two</p>\n<p>th\n<p><em>prose</em></p>\n<p>four</p>\n")
        #expect(HTMLPage(capacity: 8).string == "")
    }
}
