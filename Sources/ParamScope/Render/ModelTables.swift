import ParamScopeCore

/// The tables of one model's section, printed by both page writers (a report renders every
/// model's section as Markdown and as HTML).
///
/// Nothing is built ahead: each writer sends the model's tables to its `TableSink`, which prints
/// them straight into the page, numbers digit by digit, with no String or array per cell
/// (building them as `Table` values first cost an allocation per cell).
enum ModelTables {
    enum Kind: CaseIterable {
        case parameters, worked, breakdown, storage, memory, architecture
        /// None, or one table when the model names a checkpoint.
        case checkpoint
    }

    /// One table of `model` sent to `sink`.
    static func write<Sink: TableSink>(_ kind: Kind, of model: ModelReport, into sink: inout Sink) {
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
}
