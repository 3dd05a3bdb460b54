import ParamScopeCore

/// Everything the writers print, as plain values: one Report, three writers (Markdown, HTML, JSON).
///
/// `paramscope report` and `--check` never hold one: they count and render a few models at a
/// time (`ReportPlan`, `Pipeline.render`). Tests and `paramscope estimate` build the whole report
/// in memory.
public struct Report: Sendable {
    public var lists: [ListReport]

    public init(lists: [ListReport]) { self.lists = lists }

    /// Every model of every list, in order.
    public var models: [ModelReport] { lists.flatMap(\.models) }

    /// What the index, the warnings and the gate read.
    public var summaries: [ModelSummary] { lists.flatMap { $0.models.map(ModelSummary.init) } }
}

/// One config list's page.
public struct ListReport: Sendable {
    public var title: String
    public var description: String?
    /// The input path as given.
    public var file: String
    /// The page's base name (`llama` → `llama.md`, `llama.html`), unique within the report.
    public var slug: String
    public var models: [ModelReport]

    /// The page as the navigation, the index and report.json's `lists` name it.
    public var page: ListPage {
        ListPage(title: title, description: description, file: file, slug: slug, modelNames: models.map(\.name))
    }
}

/// A list's page before its models are counted: what every page's navigation, the index and
/// report.json's `lists` need.
public struct ListPage: Sendable {
    public var title: String
    public var description: String?
    public var file: String
    public var slug: String
    public var modelNames: [String]
}

/// One model's section.
public struct ModelReport: Sendable {
    public var entry: ModelEntry
    public var result: ModelResult
    /// The section's anchor, unique within the report (fragments of several lists can share a page).
    public var anchor: String
    /// The list page it is on (`slug` of its `ListReport`).
    public var page: String
    /// The input path of its list.
    public var file: String

    public var name: String { entry.spec.name }
}
