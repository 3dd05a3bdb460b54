import ParamScopeCore

/// The pipeline in one call: load every input, count every model, lay out the report.
public enum Pipeline {
    /// - Returns: the report and any warnings, or every diagnostic when an input is bad.
    public static func run(_ paths: [String], options: ReportOptions = ReportOptions()) -> Result<(Report, [Diagnostic]), Diagnostics> {
        let (lists, diagnostics) = ConfigLoader().load(paths)
        if diagnostics.contains(where: { $0.severity == .error }) { return .failure(Diagnostics(diagnostics)) }
        switch ReportBuilder.build(lists, options: options) {
        case .success(let report): return .success((report, diagnostics))
        case .failure(let problems): return .failure(Diagnostics(diagnostics + problems.items))
        }
    }
}
