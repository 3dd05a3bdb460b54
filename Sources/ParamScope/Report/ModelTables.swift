import ParamScopeCore

/// The tables of one model's section, printed by both page writers (a report renders every
/// model's section as Markdown and as HTML).
///
/// Each table is sent cell by cell to a `TableSink` that prints it straight into the page:
/// numbers are written digit by digit and no String or array is built per cell (building the
/// tables as `Table` values first cost an allocation per cell, twice per model).
struct ModelTables {
    enum Kind: CaseIterable {
        case parameters, worked, breakdown, storage, memory, architecture
        /// None, or one table when the model names a checkpoint.
        case checkpoint
    }

    let model: ModelReport

    init(_ model: ModelReport) {
        self.model = model
    }

    func write<Sink: TableSink>(_ kind: Kind, into sink: inout Sink) {
        switch kind {
        case .parameters: ReportTables.parameters(model, into: &sink)
        case .worked: ReportTables.worked(model, into: &sink)
        case .breakdown: ReportTables.breakdown(model, into: &sink)
        case .storage: ReportTables.storage(model, into: &sink)
        case .memory: ReportTables.memory(model, into: &sink)
        case .architecture: ReportTables.architecture(model, into: &sink)
        case .checkpoint: ReportTables.checkpoint(model, into: &sink)
        }
    }

    /// The tables as `Table` values, in the order of the section (the terminal and tests).
    var tables: [Table] {
        Kind.allCases.compactMap { kind in
            var collector = TableCollector()
            write(kind, into: &collector)
            return collector.table.headers.isEmpty ? nil : collector.table
        }
    }
}
