import ArgumentParser
import ParamScope

extension ParamScopeCommand {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a checkpoint's headers (never its weights): its logical parameters, and the tensors, elements and bytes stored by dtype.",
            discussion: """
                CHECKPOINT is a .safetensors file, a sharded model.safetensors.index.json (every shard's \
                header is read), a .gguf file (versions 2 and 3), a model directory holding one, or a \
                Hub model: hf:ORG/NAME[@REVISION] (its safetensors headers, by HTTP Range) or \
                hf:ORG/NAME/FILE.gguf[@REVISION]. Quantized files (GPTQ, AWQ, bitsandbytes, FP8, MXFP4, \
                NVFP4, compressed-tensors) count their unquantized parameters, read with the \
                quantization_config of the config.json beside them; buffers and quantization metadata \
                are listed, not counted.
                Example: paramscope inspect Llama-3-8B/model.safetensors.index.json --format json
                Example: paramscope inspect hf:Qwen/Qwen3-0.6B
                """
        )

        @Argument(help: "A .safetensors file, a *.index.json, a .gguf file, a model directory, or an hf: id.")
        var checkpoint: String

        @Option(help: "Output format: table or json.")
        var format: InspectFormat = .table

        @OptionGroup var hub: HubOptions

        func run() throws {
            do throws(Diagnostic) {
                let summary = HubID.isHubID(checkpoint) ? try Hub.checkpoint(checkpoint, hub: hub.hub()) : try CheckpointReader.summary(checkpoint)
                print(format.render(summary), terminator: "")
            } catch {
                try Console.failOnErrors([error])
            }
        }
    }
}

extension InspectFormat: ExpressibleByArgument {}
