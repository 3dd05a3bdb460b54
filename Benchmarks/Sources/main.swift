import Foundation
import ParamScope
import ParamScopeCore

// paramscope-bench: generates synthetic config lists of 1,000, 10,000 and 100,000 models and
// measures, in release mode, each pipeline stage in-process (load, estimate, render, write) and
// the whole `paramscope report` as a child process (wall time, peak RSS), as medians over runs.
//
// Usage: paramscope-bench --binary PATH [--sizes 1000,10000,100000] [--runs 5] [--json FILE] [--templates DIR]
//        paramscope-bench --generate N DIR     (write the synthetic input only, e.g. for a profiler)

struct Options {
    var binary = ".build-bench/release/paramscope"
    var sizes = [1_000, 10_000, 100_000]
    var runs = 5
    var json: String?
    var templates = "templates"
    var generate: (models: Int, directory: String)?

    init(_ arguments: [String]) throws {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            guard let value = iterator.next() else { throw BenchmarkError("\(argument) needs a value") }
            switch argument {
            case "--binary": binary = value
            case "--sizes": sizes = value.split(separator: ",").compactMap { Int($0) }
            case "--runs": runs = max(1, Int(value) ?? 5)
            case "--json": json = value
            case "--templates": templates = value
            case "--generate":
                guard let models = Int(value), let directory = iterator.next() else { throw BenchmarkError("--generate N DIR") }
                generate = (models, directory)
            default: throw BenchmarkError("unknown option \(argument)")
            }
        }
    }
}

/// One size's medians.
struct Row {
    var models: Int
    var inputBytes: Int
    var load = 0.0, compare = 0.0, estimator = 0.0, inventory = 0.0, render = 0.0, write = 0.0
    var endToEnd = 0.0
    var outputBytes = 0
    var peakRSS = 0
}

/// `paramscope report` as a child process, `runs` times: wall time and the child's peak RSS.
///
/// Run before anything large is loaded in this process: posix_spawn starts the child on this
/// process's memory map until `exec`, and Linux carries that map's high-water mark into the
/// child's `ru_maxrss` — measured after the in-process stages, the child "used" our 600 MB.
func endToEnd(input: String, models: Int, options: Options, scratch: String) throws -> (seconds: Double, peakRSS: Int) {
    var seconds: [Double] = []
    var peak = 0
    for _ in 0..<options.runs {
        let out = "\(scratch)/e2e-\(models)"
        // The previous run's 300 MB still being written back to disk by the kernel would take a
        // core from this one: each run starts with nothing dirty.
        sync()
        let child = try Measure.run(options.binary, ["report", input, "--out", out, "--templates", options.templates])
        guard child.status == 0 else { throw BenchmarkError("paramscope report exited \(child.status)") }
        seconds.append(child.seconds)
        peak = max(peak, child.peakRSS)
        try? FileManager.default.removeItem(atPath: out)
    }
    return (Measure.median(seconds), peak)
}

/// The stages in this process, `runs` times, as medians.
func benchmark(models: Int, input: String, options: Options, scratch: String) throws -> Row {
    var row = Row(models: models, inputBytes: 0)
    let template = try PageTemplate(directory: options.templates)
    var load: [Double] = [], compare: [Double] = [], estimator: [Double] = [], inventory: [Double] = []
    var render: [Double] = [], write: [Double] = []
    for run in 0..<options.runs {
        let (loaded, loadTime) = Measure.time { ConfigLoader().load([input]) }
        guard loaded.diagnostics.isEmpty else { throw BenchmarkError("synthetic input failed to load: \(loaded.diagnostics[0])") }
        load.append(loadTime)
        // The core alone, no report values. The estimator: what it answers, total and active
        // parameters (`Estimator.count`, no tensor names built). The specs are read in place:
        // `for spec in specs` copied each spec (~70 Strings retained and released), which cost
        // more than counting it.
        let specs = loaded.lists.flatMap { $0.models.map(\.spec) }
        let (counted, estimatorTime) = try Measure.time { () throws -> Int in
            try specs.withUnsafeBufferPointer { specs in
                var sum = 0
                for index in specs.indices {
                    let count = try Estimator.count(for: specs[index])
                    sum &+= count.total &+ count.active
                }
                return sum
            }
        }
        estimator.append(estimatorTime)
        // The full named tensor inventory and its folds (what a report's compare stage builds).
        let (listed, inventoryTime) = try Measure.time { () throws -> Int in
            try specs.withUnsafeBufferPointer { specs in
                var sum = 0
                for index in specs.indices {
                    let inventory = try Estimator.inventory(for: specs[index])
                    sum &+= try inventory.total() &+ inventory.active()
                }
                return sum
            }
        }
        inventory.append(inventoryTime)
        guard counted == listed else { throw BenchmarkError("Estimator.count and the inventory disagree") }
        let (built, compareTime) = Measure.time { ReportBuilder.build(loaded.lists) }
        compare.append(compareTime)
        let report = try built.get()
        let (site, renderTime) = try Measure.time { try Site.render(report, template: template, fragment: false) }
        render.append(renderTime)
        let out = "\(scratch)/out-\(models)-\(run)"
        let (_, writeTime) = try Measure.time { try OutputDirectory(out).write(site) }
        write.append(writeTime)
        row.outputBytes = Measure.directoryBytes(out)
        try? FileManager.default.removeItem(atPath: out)
    }
    row.load = Measure.median(load)
    row.estimator = Measure.median(estimator)
    row.inventory = Measure.median(inventory)
    row.compare = Measure.median(compare)
    row.render = Measure.median(render)
    row.write = Measure.median(write)
    return row
}

func milliseconds(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }

func main() throws {
    let options = try Options(CommandLine.arguments)
    if let (models, directory) = options.generate {
        let bytes = try Synthetic.write(models: models, into: directory)
        print("wrote \(models) models (\(bytes) bytes) to \(directory)")
        return
    }
    let scratch = NSTemporaryDirectory() + "paramscope-bench-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    var rows: [Row] = []
    print("runs per size: \(options.runs) (figures are medians); binary: \(options.binary)\n")
    let header = ["models", "input MB", "load ms", "estimator ms", "inventory ms", "compare ms", "render ms", "write ms",
                  "end-to-end ms", "output MB", "peak RSS MB", "estimator models/s"]
    print(header.joined(separator: " | "))
    // Every input first, then every child process, while this process is still small.
    var inputs: [Int: (path: String, bytes: Int)] = [:]
    for size in options.sizes {
        let path = "\(scratch)/in-\(size)"
        inputs[size] = (path, try Synthetic.write(models: size, into: path))
    }
    var children: [Int: (seconds: Double, peakRSS: Int)] = [:]
    for size in options.sizes {
        children[size] = try endToEnd(input: inputs[size]!.path, models: size, options: options, scratch: scratch)
    }
    for size in options.sizes {
        var row = try benchmark(models: size, input: inputs[size]!.path, options: options, scratch: scratch)
        row.inputBytes = inputs[size]!.bytes
        (row.endToEnd, row.peakRSS) = children[size]!
        rows.append(row)
        print([String(row.models), String(format: "%.2f", Double(row.inputBytes) / 1e6), milliseconds(row.load),
               milliseconds(row.estimator), milliseconds(row.inventory), milliseconds(row.compare), milliseconds(row.render), milliseconds(row.write),
               milliseconds(row.endToEnd), String(format: "%.1f", Double(row.outputBytes) / 1e6),
               String(format: "%.0f", Double(row.peakRSS) / 1e6),
               String(format: "%.0f", Double(row.models) / row.estimator)].joined(separator: " | "))
    }
    var version: [Double] = []
    for _ in 0..<max(options.runs, 5) { version.append(try Measure.run(options.binary, ["--version"]).seconds) }
    let versionMedian = Measure.median(version)
    print("\n`paramscope --version`: \(milliseconds(versionMedian)) ms (median of \(version.count))")
    // `inspect` of a sharded checkpoint of hundreds of GB (sparse shards: headers only on disk).
    let checkpoint = try ShardedCheckpoint.write(into: "\(scratch)/checkpoint")
    var inspect: [Double] = []
    for _ in 0..<max(options.runs, 5) {
        let child = try Measure.run(options.binary, ["inspect", checkpoint.index])
        guard child.status == 0 else { throw BenchmarkError("paramscope inspect exited \(child.status)") }
        inspect.append(child.seconds)
    }
    let inspectMedian = Measure.median(inspect)
    let gigabytes = String(format: "%.0f", Double(checkpoint.bytes) / 1e9)
    print("`paramscope inspect` of a \(checkpoint.shards)-shard index (\(gigabytes) GB): \(milliseconds(inspectMedian)) ms (median of \(inspect.count))")
    if let ten = rows.first(where: { $0.models == 10_000 }), let hundred = rows.first(where: { $0.models == 100_000 }) {
        print(String(format: "100,000 / 10,000 end-to-end ratio: %.2f× (linear = 10×)", hundred.endToEnd / ten.endToEnd))
    }
    if let path = options.json {
        let object: [String: Any] = [
            "runs": options.runs,
            "version_ms": versionMedian * 1000,
            "inspect_ms": inspectMedian * 1000,
            "inspect_checkpoint_bytes": checkpoint.bytes,
            "sizes": rows.map { row -> [String: Any] in
                ["models": row.models, "input_bytes": row.inputBytes, "load_ms": row.load * 1000,
                 "estimator_ms": row.estimator * 1000, "inventory_ms": row.inventory * 1000, "compare_ms": row.compare * 1000, "render_ms": row.render * 1000,
                 "write_ms": row.write * 1000, "end_to_end_ms": row.endToEnd * 1000, "output_bytes": row.outputBytes,
                 "peak_rss_bytes": row.peakRSS, "estimator_models_per_second": Double(row.models) / row.estimator]
            },
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: path))
        print("wrote \(path)")
    }
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("paramscope-bench: \(error)\n".utf8))
    exit(1)
}
