import Foundation
import Testing
@testable import ParamScope

/// The printed form of a diagnostic: head line, source line, caret; colour only when asked.
@Suite struct DiagnosticPrinterTests {
    static func file(_ text: String) throws -> String { try TestSupport.write(text, as: "l.yaml") }

    @Test func plainExcerptWithCaret() throws {
        let path = try Self.file("models:\n  - name: M\n    kv_head: 1\n")
        var printer = DiagnosticPrinter(color: false)
        let text = printer.format(Diagnostic(at: SourceLocation(file: path, line: 3, column: 5), "unknown field `kv_head`; did you mean `kv_heads`?"))
        #expect(text == "\(path):3:5: error: unknown field `kv_head`; did you mean `kv_heads`?\n    kv_head: 1\n    ^")
    }

    /// Control characters from input are escaped in the head and the excerpt, coloured or not:
    /// the only ESC bytes printed are the printer's own colours.
    @Test(arguments: [false, true]) func controlCharactersEscaped(color: Bool) throws {
        // A raw BEL and ESC cannot be in YAML, but a path, a JSON string or a GGUF key can hold them.
        let path = try Self.file("models:\n  - name: \u{7}\u{1B}[2J \u{1B}]0;x\u{7} bad: 1\n")
        var printer = DiagnosticPrinter(color: color)
        let text = printer.format(Diagnostic(at: SourceLocation(file: path, line: 2, column: 19), "unsupported model type \"\u{1B}[31mred\u{9B}\""))
        let plain = color ? text.replacing(/\u{1B}\[[0-9;]*m(error:|\^)\u{1B}\[0m/) { $0.output.1 } : text
        #expect(plain == "\(path):2:19: error: unsupported model type \"\\u{1B}[31mred\\u{9B}\"\n"
                + "  - name: \\u{7}\\u{1B}[2J \\u{1B}]0;x\\u{7} bad: 1\n" + String(repeating: " ", count: 32) + "^")
    }

    /// A tab before the column stays a tab under it, so the caret lines up in any terminal.
    @Test func tabsKeepTheCaretAligned() throws {
        let path = try Self.file("a:\n\t\tbad: 1\n")
        var printer = DiagnosticPrinter(color: false)
        let text = printer.format(Diagnostic(.warning, at: SourceLocation(file: path, line: 2, column: 3), "odd"))
        #expect(text == "\(path):2:3: warning: odd\n\t\tbad: 1\n\t\t^")
    }

    /// Windows line ends: each line is its own excerpt, without its `\r` (split by bytes;
    /// splitting Characters kept "\r\n" — one grapheme — whole, and excerpted the wrong lines).
    @Test func crlfLinesAreExcerptedOneByOne() throws {
        let path = try Self.file("models:\r\n  - name: M\r\n    layers: x\r\n")
        var printer = DiagnosticPrinter(color: false)
        let layers = printer.format(Diagnostic(at: SourceLocation(file: path, line: 3, column: 13), "bad"))
        #expect(layers == "\(path):3:13: error: bad\n    layers: x\n            ^")
        let name = printer.format(Diagnostic(at: SourceLocation(file: path, line: 2, column: 5), "bad"))
        #expect(name == "\(path):2:5: error: bad\n  - name: M\n    ^")
    }

    @Test func colourMarksTheLabelAndTheCaret() throws {
        let path = try Self.file("x: 1\n")
        var printer = DiagnosticPrinter(color: true)
        let error = printer.format(Diagnostic(at: SourceLocation(file: path, line: 1, column: 4), "bad"))
        #expect(error == "\(path):1:4: \u{1B}[1;31merror:\u{1B}[0m bad\nx: 1\n   \u{1B}[1;32m^\u{1B}[0m")
        let warning = printer.format(Diagnostic(.warning, file: path, "doubt"))
        #expect(warning == "\(path): \u{1B}[1;35mwarning:\u{1B}[0m doubt")
    }

    /// Colour on a terminal only; NO_COLOR (any value, even empty) and TERM=dumb turn it off.
    @Test(arguments: [
        ([:], true, true), (["TERM": "xterm-256color"], true, true), ([:], false, false),
        (["NO_COLOR": "1"], true, false), (["NO_COLOR": ""], true, false), (["TERM": "dumb"], true, false),
    ])
    func colourRules(_ environment: [String: String], _ isTerminal: Bool, _ expected: Bool) {
        #expect(DiagnosticPrinter.wantsColor(environment: environment, isTerminal: isTerminal) == expected)
    }

    /// Binary or minified input: a line over 300 characters or a file that is not UTF-8 gets no excerpt.
    @Test func noExcerptForUnprintableSource() throws {
        let long = try Self.file(String(repeating: "x", count: 400) + "\n")
        var printer = DiagnosticPrinter(color: false)
        #expect(printer.format(Diagnostic(at: SourceLocation(file: long, line: 1, column: 1), "m")) == "\(long):1:1: error: m")
        let binary = (try TestSupport.temporaryDirectory() as NSString).appendingPathComponent("b.yaml")
        try Data([0x61, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: binary))
        #expect(printer.format(Diagnostic(at: SourceLocation(file: binary, line: 1, column: 2), "m")) == "\(binary):1:2: error: m")
    }

    /// Through the binary: the count line after several errors, and no escape codes in a pipe.
    @Test func severalErrorsAreCounted() throws {
        let path = try Self.file("models:\n  - name: M\n    layers: -1\n    hidden: 0\n    heads: 2\n    vocab: 10\n")
        let output = try CommandRunner.run(["estimate", path], environment: ["NO_COLOR": "1"])
        #expect(output.status == 2)
        #expect(output.stderr == """
            \(path):3:13: error: `layers` must be a positive integer, found -1
                layers: -1
                        ^
            \(path):4:13: error: `hidden` must be a positive integer, found 0
                hidden: 0
                        ^
            2 errors

            """)
    }
}
