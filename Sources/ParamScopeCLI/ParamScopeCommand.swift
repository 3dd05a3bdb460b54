import ArgumentParser

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
}
