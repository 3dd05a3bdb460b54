/// `--max-deviation PCT`: which models drift from their published figure, or from their checkpoint.
public enum Gate {
    /// A line per failing model. A figure the exact count rounds or truncates to never fails, nor
    /// does one read off the model's name; a checkpoint whose parameters differ from the estimate
    /// always fails (a tied head stored twice is counted once).
    public static func failures(_ report: Report, maxDeviationPercent: Double) -> [String] {
        failures(report.summaries, maxDeviationPercent: maxDeviationPercent)
    }

    public static func failures(_ models: [ModelSummary], maxDeviationPercent: Double) -> [String] {
        models.flatMap { model -> [String] in
            var lines: [String] = []
            if let published = model.published, let deviation = model.deviation,
               !deviation.consistent, published.basis != .name,
               abs(deviation.relative) * 100 > maxDeviationPercent {
                lines.append("\(model.file): \(model.name): exact \(NumberFormat.grouped(model.total)) is \(NumberFormat.percent(deviation.relative)) from the published \(published.total.text) (limit \(limitText(maxDeviationPercent))%)")
            }
            if let checkpoint = model.checkpointMismatch {
                lines.append("\(model.file): \(model.name): the checkpoint \(checkpoint.path) holds \(NumberFormat.grouped(checkpoint.fileParameters)) parameters, the estimate \(NumberFormat.grouped(checkpoint.estimatedParameters))")
            }
            return lines
        }
    }

    /// `10` rather than `10.0`; a fractional limit as given (`2.5`).
    static func limitText(_ percent: Double) -> String {
        percent == percent.rounded() && abs(percent) < 1e15 ? String(Int(percent)) : String(percent)
    }
}
