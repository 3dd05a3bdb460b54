import ParamScopeCore

/// The tables of one model's section, printed by both page writers (a report renders every
/// model's section as Markdown and as HTML).
///
/// Nothing is built ahead: each writer sends the model's tables to its `TableSink`, which prints
/// them straight into the page, numbers digit by digit, with no String or array per cell
/// (building them as `Table` values first cost an allocation per cell; a `ModelReport` copy kept
/// here would cost some 7,000 instructions to make and free). The value stays the handle a page
/// passes to both writers for one model.
struct ModelTables {
    enum Kind: CaseIterable {
        case parameters, worked, breakdown, storage, memory, architecture
        /// None, or one table when the model names a checkpoint.
        case checkpoint
    }

    init(_ model: ModelReport) {}

    /// One table of `model` sent to `sink`.
    func write<Sink: TableSink>(_ kind: Kind, of model: ModelReport, into sink: inout Sink) {
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

    /// The tables of `model` as `Table` values, in the order of the section.
    func tables(of model: ModelReport) -> [Table] {
        Kind.allCases.compactMap { kind in
            var collector = TableCollector()
            write(kind, of: model, into: &collector)
            return collector.table.headers.isEmpty ? nil : collector.table
        }
    }
}
