import Foundation

/// Prints diagnostics compiler-style: `file:line:column: error: message`, then the source line
/// and a caret under the column; colour only on a terminal and never with `NO_COLOR`.
public struct DiagnosticPrinter {
    public var color: Bool
    private var sourceFiles: [String: SourceFile] = [:]

    public init(color: Bool) { self.color = color }

    /// Whether standard error is a terminal that wants colour.
    public static func wantsColor(environment: [String: String] = ProcessInfo.processInfo.environment,
                                  isTerminal: Bool = isatty(STDERR_FILENO) == 1) -> Bool {
        environment["NO_COLOR"] == nil && isTerminal && environment["TERM"] != "dumb"
    }

    /// The diagnostic with its source excerpt, without a trailing newline.
    public mutating func format(_ diagnostic: Diagnostic) -> String {
        // Names, model types, tensor names and GGUF keys come from input: their control
        // characters (ESC, CSI, OSC, BEL...) are shown as `\u{1B}`, never sent to the terminal.
        var head = Self.escapingControls(diagnostic.description)
        if color {
            let label = diagnostic.severity == .error ? "\u{1B}[1;31merror:\u{1B}[0m" : "\u{1B}[1;35mwarning:\u{1B}[0m"
            head = head.replacing("\(diagnostic.severity.rawValue):", with: label, maxReplacements: 1)
        }
        guard let location = diagnostic.location, let line = sourceLine(location) else { return head }
        // Tabs stay tabs so the caret lines up under the column in any terminal; an escaped
        // control character is as wide as its escape.
        let before = Self.escapingControls(String(line.prefix(max(0, location.column - 1))), keepingTabs: true)
        let pad = before.map { $0 == "\t" ? "\t" : " " }.joined()
        let caret = color ? "\u{1B}[1;32m^\u{1B}[0m" : "^"
        return "\(head)\n\(Self.escapingControls(line, keepingTabs: true))\n\(pad)\(caret)"
    }

    /// `text` with every control character (C0, DEL, C1) written `\u{1B}`: what a terminal may be
    /// shown of input. Tabs are kept when `keepingTabs`, line feeds when `keepingLines`.
    public static func escapingControls(_ text: String, keepingTabs: Bool = false, keepingLines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let control = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            if !control || (keepingTabs && scalar == "\t") || (keepingLines && scalar == "\n") {
                out.append(scalar)
            } else {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(out)
    }

    private mutating func sourceLine(_ location: SourceLocation) -> String? {
        if sourceFiles[location.file] == nil {
            // Through the one file reader: a FIFO or a device there is never read.
            guard let data = try? InputFiles.read(location.file), String(validating: data, as: UTF8.self) != nil else { return nil }
            sourceFiles[location.file] = SourceFile(data)
        }
        guard let file = sourceFiles[location.file], let line = file.line(location.line) else { return nil }
        // Binary or minified input: an excerpt would not help.
        guard line.count <= 300 else { return nil }
        return String(line.hasSuffix("\r") ? line.dropLast() : line[...])
    }
}

/// A source file's bytes and where each line starts: a line is decoded only when a diagnostic
/// shows it (a run can warn thousands of times about a list of thousands of lines).
private struct SourceFile {
    var bytes: [UInt8]
    var starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        starts = [0]
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") { starts.append(index + 1) }
    }

    /// Line `number` (from 1) without its newline.
    func line(_ number: Int) -> String? {
        guard number >= 1, number <= starts.count else { return nil }
        let end = number < starts.count ? starts[number] - 1 : bytes.count
        return String(decoding: bytes[starts[number - 1]..<end], as: UTF8.self)
    }
}
