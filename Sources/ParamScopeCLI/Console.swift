import ArgumentParser
import Foundation
import ParamScope

/// Standard error output and exit codes: the only place the executable talks to the terminal.
enum Console {
    /// Exit status for bad input.
    static let badInput: Int32 = 2
    /// Exit status when the gate fails or `--check` finds stale reports.
    static let gateFailed: Int32 = 1

    /// Whether stderr is a terminal (progress is drawn only there).
    static let isTerminal = isatty(STDERR_FILENO) == 1

    /// `hf: 12/100 models` on one line, redrawn, cleared when the last one is read.
    @Sendable static func progress(_ done: Int, _ total: Int) {
        let line = done == total ? "\r\u{1B}[K" : "\rhf: \(done)/\(total) models read"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// A message that is not a diagnostic (argument errors, the gate, `--check`): control
    /// characters from input are escaped as in diagnostics; the help's own line breaks stay.
    static func printError(_ text: String) {
        let safe = DiagnosticPrinter.escapingControls(text, keepingTabs: true, keepingLines: true)
        FileHandle.standardError.write(Data((safe + "\n").utf8))
    }

    /// Prints every diagnostic, errors and warnings, in input order.
    ///
    /// Written in blocks of about 64 KB rather than a `write(2)` per diagnostic: a nightly run
    /// over thousands of models can warn thousands of times, after its pages are written.
    static func report(_ diagnostics: [Diagnostic]) {
        var printer = DiagnosticPrinter(color: DiagnosticPrinter.wantsColor())
        var block = ""
        for diagnostic in diagnostics {
            block += printer.format(diagnostic)
            block += "\n"
            if block.utf8.count >= 1 << 16 {
                FileHandle.standardError.write(Data(block.utf8))
                block = ""
            }
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        if errors > 1 { block += "\(errors) errors\n" }
        if !block.isEmpty { FileHandle.standardError.write(Data(block.utf8)) }
    }

    /// Prints the diagnostics and stops with exit status 2 when any is an error.
    static func failOnErrors(_ diagnostics: [Diagnostic]) throws {
        guard !diagnostics.isEmpty else { return }
        report(diagnostics)
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(badInput) }
    }
}
