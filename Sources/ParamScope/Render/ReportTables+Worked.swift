import ParamScopeCore

extension ReportTables {
    /// The worked calculation: the seed formula's full count, each correction the exact count
    /// makes (with this model's numbers), and the exact count they add up to.
    static let workedHead = TableHead(caption: "Worked calculation", headers: ["Step", "Formula", "Change", "Running total"],
                                      alignments: [.left, .left, .right, .right])

    static func worked<Sink: TableSink>(_ model: ModelReport, into sink: inout Sink) {
        let worked = model.result.worked
        sink.begin(workedHead)
        sink.beginRow()
        sink.cell("Seed full")
        sink.cell(model.entry.spec.tiedEmbeddings ? "L·(12h² + 4h) + V·h + 2h" : "L·(12h² + 4h) + V·h + 2h + V·h")
        sink.cell("")
        sink.cell(grouped: worked.seed)
        sink.endRow()
        var running: Int? = worked.seed
        for step in worked.steps {
            // Checked: a running total that overflows shows "—" from there on, never a wrapped sum.
            running = running.flatMap { value in
                let (sum, overflow) = value.addingReportingOverflow(step.delta)
                return overflow ? nil : sum
            }
            sink.beginRow()
            sink.cell(step.label)
            sink.cell(step.formula)
            sink.cell { out in
                if step.delta >= 0 { out.append("+") }
                out.append(grouped: step.delta)
            }
            sink.cell { out in
                if let running { out.append(grouped: running) } else { out.append("—") }
            }
            sink.endRow()
        }
        if model.result.basis == .checkpoint {
            // No family explains the count term by term: the checkpoint's tensors are the count.
            sink.beginRow()
            sink.cell("Counted from the checkpoint's tensors (no family to explain it term by term)")
            sink.cell("Σ logical tensor sizes")
            sink.cell { out in
                let (delta, overflow) = worked.total.subtractingReportingOverflow(worked.seed)
                if overflow { out.append("—") } else {
                    if delta >= 0 { out.append("+") }
                    out.append(grouped: delta)
                }
            }
            sink.cell(grouped: worked.total)
            sink.endRow()
        }
        sink.beginRow()
        sink.cell("Exact", strong: true)
        sink.cell("")
        sink.cell("")
        sink.cell(grouped: worked.total, strong: true)
        sink.endRow()
        sink.end()
    }
}
