import ParamScopeCore

/// Settings that apply to every model unless the model sets its own.
public struct ReportOptions: Sendable {
    /// Context length and batch size for memory figures (DESIGN: per model, else these, else 4096 and 1).
    public var context: Int
    public var batch: Int
    public var formats: [StorageFormat]
    /// Element type of the KV cache (`--kv-dtype`; default 16-bit).
    public var kvCacheType: KVCacheType

    public init(context: Int? = nil, batch: Int? = nil, formats: [StorageFormat] = StorageFormat.all,
                kvCacheType: KVCacheType = .bf16) {
        self.context = context ?? 4096
        self.batch = batch ?? 1
        self.formats = formats
        self.kvCacheType = kvCacheType
    }
}

/// The compare stage: counts every configured model and lays out the report's pages and anchors.
public enum ReportBuilder {
    /// - Returns: the report, or the diagnostics (an overflow names the model) when any model failed.
    public static func build(_ lists: [ConfigList], options: ReportOptions = ReportOptions()) -> Result<Report, Diagnostics> {
        let plan = ReportPlan(lists, options: options)
        var problems: [Diagnostic] = []
        var reports: [ListReport] = []
        for index in lists.indices {
            let (report, failed) = plan.build(index)
            reports.append(report)
            problems += failed
        }
        if !problems.isEmpty { return .failure(Diagnostics(problems)) }
        return .success(Report(lists: reports))
    }

    /// A published figure this far from the exact count (and not what the count rounds to) is
    /// worth a warning: a typo in the figure, or a field the architecture is missing.
    public static let warnDeviation = 0.25

    /// Warnings of the compare stage: a published figure (from a paper or a model card, not read
    /// off the name) more than 25% from the exact count. They never fail the run.
    public static func warnings(_ models: [ModelSummary]) -> [Diagnostic] {
        models.compactMap { model -> Diagnostic? in
            guard let published = model.published, published.basis != .name,
                  let deviation = model.deviation, !deviation.consistent,
                  abs(deviation.relative) > warnDeviation else { return nil }
            return Diagnostic(.warning, at: model.location,
                              "model \"\(model.name)\": the exact count \(NumberFormat.grouped(model.total)) is \(NumberFormat.percent(deviation.relative)) from the published \(published.total.text); check the figure and the architecture")
        }
    }

    static func fileStem(_ path: String) -> String {
        var name = Substring(path.split(separator: "/").last ?? Substring(path))
        for suffix in [".yaml", ".yml", ".json"] where name.hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
        }
        // A config.json names its model directory.
        if name == "config", let directory = path.split(separator: "/").dropLast().last { return String(directory) }
        return String(name)
    }
}
