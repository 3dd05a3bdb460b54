import ParamScopeCore

extension ReportTables {
    /// The worked calculation: the seed formula's full count, each correction the exact count
    /// makes (with this model's numbers), and the exact count they add up to.
    static func worked(_ model: ModelReport) -> Table {
        let worked = model.result.worked
        var rows: [[Table.Cell]] = [[
            Table.Cell("Seed full"), Table.Cell("L·(12h² + 4h) + V·h + 2h" + (model.entry.spec.tiedEmbeddings ? "" : " + V·h")),
            Table.Cell(""), Table.Cell(NumberFormat.grouped(worked.seed)),
        ]]
        var running: Int? = worked.seed
        for step in worked.steps {
            // Checked: a running total that overflows shows "—" from there on, never a wrapped sum.
            running = running.flatMap { value in
                let (sum, overflow) = value.addingReportingOverflow(step.delta)
                return overflow ? nil : sum
            }
            rows.append([Table.Cell(step.label), Table.Cell(step.formula),
                         Table.Cell((step.delta >= 0 ? "+" : "") + NumberFormat.grouped(step.delta)),
                         Table.Cell(running.map(NumberFormat.grouped) ?? "—")])
        }
        rows.append([Table.Cell("Exact", strong: true), Table.Cell(""), Table.Cell(""),
                     Table.Cell(NumberFormat.grouped(worked.total), strong: true)])
        return Table(caption: "Worked calculation", headers: ["Step", "Formula", "Change", "Running total"],
                     alignments: [.left, .left, .right, .right], rows: rows)
    }
}
