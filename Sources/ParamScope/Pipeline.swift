import ParamScopeCore

/// The pipeline: load → compare → render. `paramscope report` and `paramscope estimate` both load,
/// count and warn through these calls, so they print the same warnings and diagnostics for the
/// same inputs (`report` then streams the compare and render stages, `ReportPlan`; `estimate`
/// holds its few models in one `Report`).
public enum Pipeline {
    /// Every stage in memory, for a few models (tests, `estimate`).
    ///
    /// - Returns: the report and every warning (loading's first, then comparing's), or every
    ///   diagnostic when an input is bad or a model cannot be counted.
    public static func run(_ paths: [String], options: ReportOptions = ReportOptions()) -> Result<(Report, [Diagnostic]), Diagnostics> {
        let diagnostics: [Diagnostic], lists: [ConfigList]
        switch load(paths) {
        case .success(let loaded): (lists, diagnostics) = loaded
        case .failure(let problems): return .failure(problems)
        }
        switch compare(lists, options: options) {
        case .success(let (report, warnings)): return .success((report, diagnostics + warnings))
        case .failure(let problems): return .failure(Diagnostics(diagnostics + problems.items))
        }
    }

    /// The first stage alone: every input read, or every problem found in them.
    ///
    /// - Returns: the lists and their warnings (a name in two lists among them).
    public static func load(_ paths: [String], loader: ConfigLoader = ConfigLoader()) -> Result<([ConfigList], [Diagnostic]), Diagnostics> {
        let (lists, loaded) = loader.load(paths)
        let diagnostics = loaded + duplicateNames(lists)
        if diagnostics.contains(where: { $0.severity == .error }) { return .failure(Diagnostics(diagnostics)) }
        return .success((lists, diagnostics))
    }

    /// The compare stage in memory: every model counted, and the compare stage's warnings.
    ///
    /// - Returns: the report and `warnings(report.summaries)`, or the models that could not be
    ///   counted (an overflow names the model).
    public static func compare(_ lists: [ConfigList], options: ReportOptions = ReportOptions()) -> Result<(Report, [Diagnostic]), Diagnostics> {
        ReportBuilder.build(lists, options: options).map { ($0, warnings($0.summaries)) }
    }

    /// The compare stage's warnings for models counted as a stream (`paramscope report`): the
    /// same as `compare` gives.
    public static func warnings(_ models: [ModelSummary]) -> [Diagnostic] {
        ReportBuilder.warnings(models)
    }

    /// A warning for each model whose name an earlier list already used: both are reported (each
    /// list is its own page), but a reader of the index sees the name twice.
    static func duplicateNames(_ lists: [ConfigList]) -> [Diagnostic] {
        var first: [String: (file: String, line: Int)] = [:]
        var warnings: [Diagnostic] = []
        for list in lists {
            for entry in list.models {
                if let earlier = first[entry.spec.name], earlier.file != list.file {
                    warnings.append(Diagnostic(.warning, at: entry.location,
                        "model \"\(entry.spec.name)\" is also in \(earlier.file) (line \(earlier.line)); the index will list the name twice"))
                } else if first[entry.spec.name] == nil {
                    first[entry.spec.name] = (list.file, entry.location.line)
                }
            }
        }
        return warnings
    }
}
