import ArgumentParser
import ParamScope

extension ParamScopeCommand {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a checkpoint's headers (never its weights): tensors, parameters and bytes by dtype.",
            discussion: """
                CHECKPOINT is a .safetensors file, a sharded model.safetensors.index.json (every shard's \
                header is read), a .gguf file (versions 2 and 3), or a model directory holding one.
                Example: paramscope inspect Llama-3-8B/model.safetensors.index.json --format json
                """
        )

        @Argument(help: "A .safetensors file, a *.index.json, a .gguf file, or a model directory.")
        var checkpoint: String

        @Option(help: "Output format: table or json.")
        var format: InspectFormat = .table

        func run() throws {
            do {
                let summary = try CheckpointReader.summary(checkpoint)
                print(format.render(summary), terminator: "")
            } catch {
                try Console.failOnErrors([error])
            }
        }
    }
}

extension InspectFormat: ExpressibleByArgument {}
