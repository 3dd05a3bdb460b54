import ParamScopeCore

/// Everything the writers print, as plain values: one Report, three writers (Markdown, HTML, JSON).
public struct Report: Sendable {
    public var lists: [ListReport]

    public init(lists: [ListReport]) { self.lists = lists }

    /// Every model of every list, in order.
    public var models: [ModelReport] { lists.flatMap(\.models) }
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
}

/// One model's section.
public struct ModelReport: Sendable {
    public var entry: ModelEntry
    public var result: ModelResult
    /// The section's anchor, unique within its page.
    public var anchor: String
    /// The list page it is on (`slug` of its `ListReport`).
    public var page: String
    /// The input path of its list.
    public var file: String

    public var name: String { entry.spec.name }
}
