import Foundation

/// Prints diagnostics compiler-style: `file:line:column: error: message`, then the source line
/// and a caret under the column; colour only on a terminal and never with `NO_COLOR`.
public struct DiagnosticPrinter {
    public var color: Bool
    private var sourceLines: [String: [Substring]] = [:]

    public init(color: Bool) { self.color = color }

    /// Whether standard error is a terminal that wants colour.
    public static func wantsColor(environment: [String: String] = ProcessInfo.processInfo.environment,
                                  isTerminal: Bool = isatty(STDERR_FILENO) == 1) -> Bool {
        environment["NO_COLOR"] == nil && isTerminal && environment["TERM"] != "dumb"
    }

    /// The diagnostic with its source excerpt, without a trailing newline.
    public mutating func format(_ diagnostic: Diagnostic) -> String {
        var head = diagnostic.description
        if color {
            let label = diagnostic.severity == .error ? "\u{1B}[1;31merror:\u{1B}[0m" : "\u{1B}[1;35mwarning:\u{1B}[0m"
            head = head.replacing("\(diagnostic.severity.rawValue):", with: label, maxReplacements: 1)
        }
        guard let location = diagnostic.location, let line = sourceLine(location) else { return head }
        // Tabs stay tabs so the caret lines up under the column in any terminal.
        let pad = line.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
        let caret = color ? "\u{1B}[1;32m^\u{1B}[0m" : "^"
        return "\(head)\n\(line)\n\(pad)\(caret)"
    }

    private mutating func sourceLine(_ location: SourceLocation) -> String? {
        if sourceLines[location.file] == nil {
            guard let data = FileManager.default.contents(atPath: location.file), data.count <= 64 << 20,
                  let text = String(data: data, encoding: .utf8) else { return nil }
            // Split as bytes: splitting Characters (grapheme clusters) cost more than the whole
            // report's load stage for a 1,000-model list with warnings.
            sourceLines[location.file] = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .map { Substring($0) }
        }
        guard let lines = sourceLines[location.file], location.line >= 1, location.line <= lines.count else { return nil }
        let line = lines[location.line - 1]
        // Binary or minified input: an excerpt would not help.
        guard line.count <= 300 else { return nil }
        return String(line.hasSuffix("\r") ? line.dropLast() : line)
    }
}
