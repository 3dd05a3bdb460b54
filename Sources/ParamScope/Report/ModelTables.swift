import ParamScopeCore

/// The tables of one model's section, built once and printed by both page writers (a report
/// renders every model's section as Markdown and as HTML).
struct ModelTables {
    var parameters: Table
    var worked: Table
    var breakdown: Table
    var storage: Table
    var memory: Table
    var architecture: Table
    var checkpoint: [Table]

    init(_ model: ModelReport) {
        parameters = ReportTables.parameters(model)
        worked = ReportTables.worked(model)
        breakdown = ReportTables.breakdown(model)
        storage = ReportTables.storage(model)
        memory = ReportTables.memory(model)
        architecture = ReportTables.architecture(model)
        checkpoint = ReportTables.checkpointTables(model)
    }
}
