import ParamScopeCore

/// The pipeline in one call: load every input, count every model, lay out the report.
public enum Pipeline {
    /// - Returns: the report and any warnings, or every diagnostic when an input is bad.
    public static func run(_ paths: [String], options: ReportOptions = ReportOptions()) -> Result<(Report, [Diagnostic]), Diagnostics> {
        let diagnostics: [Diagnostic], lists: [ConfigList]
        switch load(paths) {
        case .success(let loaded): (lists, diagnostics) = loaded
        case .failure(let problems): return .failure(problems)
        }
        switch ReportBuilder.build(lists, options: options) {
        case .success(let report): return .success((report, diagnostics + ReportBuilder.warnings(report.summaries)))
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
