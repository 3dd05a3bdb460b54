import ArgumentParser
import Foundation

@main
struct ParamScopeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paramscope",
        abstract: "Count a language model's parameters exactly, compare them with the published figure, and report storage and memory.",
        discussion: """
            Inputs are YAML config lists (see configs/), Hugging Face config.json files, or model \
            directories holding a config.json. Exit status: 0 fine, 1 the --max-deviation gate failed \
            or --check found stale reports, 2 bad input (every problem printed as file:line:column: error: ...).

            Examples:
              paramscope report                         # configs/ → reports/
              paramscope estimate configs/llama.yaml
              paramscope estimate path/to/model --format markdown --published 7B
            """,
        version: "0.1.0",
        subcommands: [Report.self, Estimate.self, Inspect.self],
        defaultSubcommand: nil
    )

    /// Like ArgumentParser's `main()`, except that a bad flag value exits 2 — bad input, the same
    /// status as a bad config — rather than 64.
    static func main() {
        do {
            var command = try parseAsRoot(negativeValuesJoined(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            Console.printError(fullMessage(for: error))
            Console.printError("(see `paramscope --help`)")
            Foundation.exit(Console.badInput)
        }
    }

    /// `--context -5` as `--context=-5`: ArgumentParser reads a value that starts with `-` as the
    /// next option and said "missing value"; joined, the option's own check says what is wrong
    /// with it (negative).
    static func negativeValuesJoined(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                out += arguments[index...]
                break
            }
            if argument.hasPrefix("--"), !argument.contains("="), index + 1 < arguments.count,
               let next = arguments[index + 1].dropFirst().first, arguments[index + 1].hasPrefix("-"), next.isNumber || next == "." {
                out.append("\(argument)=\(arguments[index + 1])")
                index += 2
                continue
            }
            out.append(argument)
            index += 1
        }
        return out
    }
}
