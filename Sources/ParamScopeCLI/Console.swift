import ArgumentParser
import Foundation
import ParamScope

/// Standard error output and exit codes: the only place the executable talks to the terminal.
enum Console {
    /// Exit status for bad input.
    static let badInput: Int32 = 2
    /// Exit status when the gate fails or `--check` finds stale reports.
    static let gateFailed: Int32 = 1

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints every diagnostic, errors and warnings, in input order.
    static func report(_ diagnostics: [Diagnostic]) {
        var printer = DiagnosticPrinter(color: DiagnosticPrinter.wantsColor())
        for diagnostic in diagnostics {
            printError(printer.format(diagnostic))
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        if errors > 1 { printError("\(errors) errors") }
    }

    /// Prints the diagnostics and stops with exit status 2 when any is an error.
    static func failOnErrors(_ diagnostics: [Diagnostic]) throws {
        guard !diagnostics.isEmpty else { return }
        report(diagnostics)
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(badInput) }
    }
}
