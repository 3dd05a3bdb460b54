import ArgumentParser
import ParamScope
import ParamScopeCore

extension ParamScopeCommand {
    struct Estimate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count the parameters of a few models and print them (table, Markdown or JSON).",
            discussion: """
                PATH is a YAML config list, a Hugging Face config.json, a model directory (with or without \
                a config.json), a checkpoint file (.safetensors, *.safetensors.index.json, .gguf), or a \
                model on the Hugging Face Hub: hf:ORG/NAME, hf:ORG/NAME@REVISION (its config.json and \
                checkpoint headers, never the weights). A family ParamScope does not know is counted from \
                its checkpoint.
                Example: paramscope estimate meta-llama-3-8b/ --format markdown --published 8B
                Example: paramscope estimate hf:Qwen/Qwen3-0.6B
                """
        )

        @Argument(help: "Config lists, config.json files, model directories or hf:ORG/NAME[@REVISION] ids.")
        var paths: [String]

        @OptionGroup var hub: HubOptions

        @Option(help: "Output format: table, markdown or json.")
        var format: EstimateFormat = .table

        @Option(help: "Name to show for a single model (default: its directory or entry name).")
        var name: String?

        @Option(help: ArgumentHelp("Published count to compare with, like 7B or 6,738,415,616.", valueName: "COUNT"))
        var published: String?

        @Option(help: ArgumentHelp("Storage formats to show, comma-separated (\(StorageFormat.all.map(\.name).joined(separator: ","))), or `all` (default: all; for Markdown the ones people ship).", valueName: "LIST"))
        var precisions: String?

        @Option(name: .customLong("kv-dtype"), help: ArgumentHelp("Element type of the KV cache: \(KVCacheType.allCases.map(\.rawValue).joined(separator: ", ")) (default bf16).", valueName: "TYPE"))
        var kvDType: KVCacheType = .bf16

        @Option(help: "Context length for the KV-cache figures (default 4096).")
        var context: Int?

        @Option(help: "Batch size for the KV-cache figures (default 1).")
        var batch: Int?

        func validate() throws {
            if let context, context <= 0 { throw ValidationError("--context must be a positive number of tokens, found \(context)\(context < 0 ? " (negative)" : "")") }
            if let batch, batch <= 0 { throw ValidationError("--batch must be a positive number of sequences, found \(batch)\(batch < 0 ? " (negative)" : "")") }
            if let published, PublishedCount(published) == nil {
                throw ValidationError("--published must be a count like 7B, 124M or 6,738,415,616, found \"\(published)\"")
            }
            _ = try formats()
        }

        func formats() throws -> [StorageFormat] {
            guard let precisions else { return format.defaultFormats }
            guard precisions != "all" else { return StorageFormat.all }
            return try precisions.split(separator: ",").map { name in
                guard let format = StorageFormat.named(String(name)) else {
                    throw ValidationError("unknown precision \"\(name)\"; known: \(StorageFormat.all.map(\.name).joined(separator: ", "))")
                }
                return format
            }
        }

        func run() throws {
            let lists: [ConfigList]
            switch Pipeline.load(paths, loader: hub.loader()) {
            case .success(let (loaded, warnings)):
                Console.report(warnings)
                lists = loaded
            case .failure(let diagnostics): try Console.failOnErrors(diagnostics.items); return
            }
            var adjusted = lists
            let single = lists.reduce(0) { $0 + $1.models.count } == 1
            if (name != nil || published != nil) && !single {
                throw ValidationError("--name and --published apply to a single model; these inputs hold \(lists.reduce(0) { $0 + $1.models.count })")
            }
            for listIndex in adjusted.indices {
                for modelIndex in adjusted[listIndex].models.indices {
                    if let name { adjusted[listIndex].models[modelIndex].spec.name = name }
                    if let published, let count = PublishedCount(published) {
                        adjusted[listIndex].models[modelIndex].published = PublishedFigure(total: count, basis: .card)
                    }
                }
            }
            let options = ReportOptions(context: context, batch: batch, formats: try formats(), kvCacheType: kvDType)
            switch Pipeline.compare(adjusted, options: options) {
            case .success(let (report, warnings)):
                Console.report(warnings)
                print(format.render(report), terminator: "")
            case .failure(let problems): try Console.failOnErrors(problems.items)
            }
        }
    }
}

extension EstimateFormat: ExpressibleByArgument {}
extension KVCacheType: ExpressibleByArgument {}
