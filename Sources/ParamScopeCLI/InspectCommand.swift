import ArgumentParser
import ParamScope

extension ParamScopeCommand {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a checkpoint's headers (never its weights): its logical parameters, and the tensors, elements and bytes stored by dtype.",
            discussion: """
                CHECKPOINT is a .safetensors file, a sharded model.safetensors.index.json (every shard's \
                header is read), a .gguf file (versions 2 and 3), or a model directory holding one. \
                Quantized files (GPTQ, AWQ, bitsandbytes, FP8, MXFP4, NVFP4, compressed-tensors) count \
                their unquantized parameters, read with the quantization_config of the config.json beside \
                them; buffers and quantization metadata are listed, not counted.
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
