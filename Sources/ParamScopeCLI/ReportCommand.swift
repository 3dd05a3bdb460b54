import ArgumentParser
import Foundation
import ParamScope
import ParamScopeCore

extension ParamScopeCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the reports (HTML, Markdown, JSON) for config lists.",
            discussion: """
                Reads every *.yaml/*.yml list in each directory given (default: configs/) and writes \
                index.html, index.md, a page per list and report.json into --out (default: reports/). \
                Bad input writes nothing. Pages are rendered beside --out and moved into place together.
                """
        )

        @Argument(help: "Config lists, config.json files, directories or hf:ORG/NAME[@REVISION] ids (default: configs).")
        var paths: [String] = []

        @OptionGroup var hub: HubOptions

        @Option(help: "Output directory.")
        var out = "reports"

        @Option(help: "Directory with page.html.mustache and style.css (default: installed templates, else ./templates).")
        var templates: String?

        @Flag(help: "Write body-only HTML fragments for a site generator to embed.")
        var fragment = false

        @Option(help: ArgumentHelp("How pages link to each other: html (llama.html#id), dirs (llama/#id, the directory URLs of MkDocs and Hugo) or md (llama.md#id); by default HTML pages link .html and Markdown pages .md.", valueName: "STYLE"))
        var links: LinkStyle?

        @Option(name: .customLong("max-deviation"), help: ArgumentHelp("Fail (exit 1, after writing) when a model's exact count is more than PCT percent from its published figure, unless the figure is consistent or read off the name.", valueName: "PCT"))
        var maxDeviation: Double?

        @Flag(help: "Write nothing; exit 1 if the files in --out differ from what would be written.")
        var check = false

        @Option(help: "Context length for the KV-cache figures (default 4096; a model's own `context` wins).")
        var context: Int?

        @Option(help: "Batch size for the KV-cache figures (default 1).")
        var batch: Int?

        @Option(name: .customLong("kv-dtype"), help: ArgumentHelp("Element type of the KV cache: \(KVCacheType.allCases.map(\.rawValue).joined(separator: ", ")) (default bf16).", valueName: "TYPE"))
        var kvDType: KVCacheType = .bf16

        /// The running binary, found through the OS (`/proc/self/exe`), not `argv[0]`: a binary run
        /// from the `PATH` has a bare name there.
        static var executablePath: String {
            Bundle.main.executableURL?.path ?? CommandLine.arguments[0]
        }

        func validate() throws {
            if let maxDeviation, !(maxDeviation >= 0) { throw ValidationError("--max-deviation must be a percentage ≥ 0, found \(maxDeviation)") }
            if let context, context <= 0 { throw ValidationError("--context must be a positive number of tokens, found \(context)\(context < 0 ? " (negative)" : "")") }
            if let batch, batch <= 0 { throw ValidationError("--batch must be a positive number of sequences, found \(batch)\(batch < 0 ? " (negative)" : "")") }
        }

        func run() throws {
            let options = ReportOptions(context: context, batch: batch, kvCacheType: kvDType)
            let plan: ReportPlan
            switch Pipeline.load(paths.isEmpty ? ["configs"] : paths, loader: hub.loader()) {
            case .success(let (lists, warnings)):
                Console.report(warnings)
                plan = ReportPlan(lists, options: options)
            case .failure(let diagnostics): try Console.failOnErrors(diagnostics.items); return
            }
            var template: PageTemplate?
            if !fragment {
                do {
                    template = try PageTemplate(directory: PageTemplate.locate(explicit: templates, executable: Self.executablePath))
                } catch {
                    try Console.failOnErrors([error])
                }
            }
            let output = OutputDirectory(out)
            if check {
                let stale: [String]
                do {
                    let checked = try output.staleFiles(plan, template: template, fragment: fragment, links: links)
                    Console.report(Pipeline.warnings(checked.summaries))
                    stale = checked.stale
                } catch {
                    try Console.failOnErrors(error.items)
                    return
                }
                guard stale.isEmpty else {
                    Console.printError("\(out) is out of date (\(stale.joined(separator: ", "))); run `paramscope report` and commit the result")
                    throw ExitCode(Console.gateFailed)
                }
                return
            }
            // Each list is counted, rendered and written to the staging directory in turn (memory
            // holds the lists in flight, not the report); all pages are moved into place only when
            // all are written.
            let written: OutputDirectory.Written
            do {
                written = try output.write(plan, template: template, fragment: fragment, links: links)
            } catch {
                try Console.failOnErrors(error.items)
                return
            }
            Console.report(Pipeline.warnings(written.summaries))
            print("wrote \(written.files.count) files for \(written.summaries.count) models to \(out)/")
            if let maxDeviation {
                let failures = Gate.failures(written.summaries, maxDeviationPercent: maxDeviation)
                if !failures.isEmpty {
                    failures.forEach { Console.printError("gate: \($0)") }
                    throw ExitCode(Console.gateFailed)
                }
            }
        }
    }
}

extension LinkStyle: ExpressibleByArgument {}
