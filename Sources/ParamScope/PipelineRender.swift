import Foundation

extension Pipeline {
    /// The compare and render stages of `paramscope report`, streamed: every model of `plan`
    /// counted and rendered a few at a time on every core, each file handed to `sink` as soon as
    /// its pieces are done. Writing (`OutputDirectory.write`, a staging directory) and `--check`
    /// (`OutputDirectory.staleFiles`, a comparing sink) both run this; `Site.render` does too.
    ///
    /// - Returns: the files, in the order to move them, and what the index, the warnings and the
    ///   gate read of each model; or the problems of models that could not be counted (in list
    ///   order) and no files — the caller discards what the sink holds.
    /// - Throws: the first rendering error or the first error the sink threw, in part order.
    ///
    /// - Parameter links: how pages link to each other (`--links`); `nil`, each format to its own files.
    static func render(
        _ plan: ReportPlan, template: PageTemplate?, fragment: Bool, links: LinkStyle? = nil, to sink: some SiteSink
    ) throws(RenderError) -> Streamed {
        try stream(SitePages(plan.pages, template: template, fragment: fragment, links: links), lists: { plan.build($0, models: $1) }, to: sink)
    }

    /// What streaming a report left behind: the files to move into place, in order, and what the
    /// index, the warnings and the gate read of each model; or the models that could not be counted.
    struct Streamed {
        var files: [String]
        var summaries: [ModelSummary]
        var problems: [Diagnostic]
    }

    /// Models per part: enough that a part's overhead is noise, few enough that a single list
    /// of a thousand models keeps both cores busy.
    static let partSize = 100

    /// The scheduler: it owns no I/O and no formatting (`SitePages` renders, `sink` stores).
    ///
    /// Lists are cut into parts of `partSize` models, counted and rendered on every core. A
    /// list's model sections go to the sink in part order as parts finish; its pages are laid
    /// out when its last part is done (their heads — the summary table and chart — need every
    /// model of the list), around the sections the sink already has. `report.json` is appended
    /// to in part order whichever finishes first; the index pages come last, from the models'
    /// summaries. The bytes never depend on the order parts finish in.
    ///
    /// - Parameter lists: models `range` of list `i`, counted, and the problems of models that
    ///   could not be.
    static func stream(
        _ pages: SitePages, lists: @escaping @Sendable (Int, Range<Int>) -> (ListReport, [Diagnostic]),
        partSize: Int = partSize, to sink: some SiteSink
    ) throws(RenderError) -> Streamed {
        let parts = Part.cut(pages.pages, size: max(1, partSize))
        let lastWithModels = parts.lastIndex { !$0.models.isEmpty }
        let modelCount = pages.modelCount
        let results = StreamResults(parts: parts, lists: pages.pages.count)
        let document = OrderedAppend { piece throws(RenderError) in try sink.append("report.json", piece) }
        // Per list, its Markdown and HTML sections in part order.
        let sections = pages.pages.map { page in
            (markdown: OrderedAppend { piece throws(RenderError) in try sink.appendSections("\(page.slug).md", piece) },
             html: OrderedAppend { piece throws(RenderError) in try sink.appendSections("\(page.slug).html", piece) })
        }
        try document.append(0, pages.json.documentHead(pages.pages, modelCount: modelCount))
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            let part = parts[index]
            let (report, problems) = lists(part.list, part.models)
            do throws(RenderError) {
                guard problems.isEmpty, !results.failed else {
                    results.fail(index, problems)
                    return
                }
                let rendered = try pages.sections(report)
                let models = OutputBuffer(capacity: report.models.count * 8192)
                pages.json.models(report.models, endingDocument: index == lastWithModels, into: models)
                try document.append(index + 1, models)
                try sections[part.list].markdown.append(part.index, rendered.markdown)
                try sections[part.list].html.append(part.index, rendered.html)
                // The last part of a list lays out its pages.
                guard let summaries = results.add(index, rendered.summaries) else { return }
                for (name, layout) in try pages.listPages(part.list, summaries: summaries, sections: sink.sections) {
                    try sink.finish(name, layout)
                }
            } catch {
                results.error(index, error)
            }
        }
        if let error = results.firstError { throw error }
        let problems = results.problems
        let summaries = results.summaries
        guard problems.isEmpty else { return Streamed(files: [], summaries: summaries, problems: problems) }
        let tail = OutputBuffer(capacity: 16)
        pages.json.documentTail(modelCount: modelCount, into: tail)
        try document.append(parts.count + 1, tail)
        // The index pages, one per core, from one summary table: a row for every model.
        let summary = ReportTables.summary(summaries, linkPages: true)
        DispatchQueue.concurrentPerform(iterations: 2) { job in
            do throws(RenderError) {
                let page = try pages.indexPage(job, summaries: summaries, summary: summary)
                try sink.write(page.name, page.pieces)
            } catch {
                results.error(parts.count + job, error)
            }
        }
        if let error = results.firstError { throw error }
        let files = ["index.md", "index.html"] + pages.pages.flatMap { ["\($0.slug).md", "\($0.slug).html"] } + ["report.json"]
        return Streamed(files: files, summaries: summaries, problems: [])
    }

    /// Models `models` of list `list`, the `index`-th of its parts.
    struct Part {
        var list: Int
        var models: Range<Int>
        var index: Int
        var count: Int

        /// Every list as parts of at most `size` models; a list without models is one empty part.
        static func cut(_ pages: [ListPage], size: Int) -> [Part] {
            pages.indices.flatMap { list -> [Part] in
                let models = pages[list].modelNames.count
                let count = max(1, (models + size - 1) / size)
                return (0..<count).map { index in
                    Part(list: list, models: (index * size)..<min(models, (index + 1) * size), index: index, count: count)
                }
            }
        }
    }
}

/// An `OutputBuffer` is built by one job and then handed over whole, never shared while written.
extension OutputBuffer: @unchecked Sendable {}

/// Pieces of one file that jobs finish in any order, handed on in their order.
private final class OrderedAppend: @unchecked Sendable {
    private let deliver: (OutputBuffer) throws(RenderError) -> Void
    private var next = 0
    private var waiting: [Int: OutputBuffer] = [:]
    private let lock = NSLock()

    init(_ deliver: @escaping (OutputBuffer) throws(RenderError) -> Void) {
        self.deliver = deliver
    }

    /// Piece `index`; handed on at once when every earlier piece is, else kept until they are.
    func append(_ index: Int, _ piece: OutputBuffer) throws(RenderError) {
        lock.lock()
        defer { lock.unlock() }
        waiting[index] = piece
        while let ready = waiting.removeValue(forKey: next) {
            try deliver(ready)
            next += 1
        }
    }
}

/// What the parts left behind, under a lock: each list's summaries, the problems of models that
/// could not be counted, rendering errors.
private final class StreamResults: @unchecked Sendable {
    private let parts: [Pipeline.Part]
    private var partSummaries: [Int: [ModelSummary]] = [:]
    private var done: [Int]
    private var summaryLists: [[ModelSummary]]
    private var problemLists: [[Diagnostic]]
    private var errors: [Int: RenderError] = [:]
    private var anyFailed = false
    private let lock = NSLock()

    init(parts: [Pipeline.Part], lists: Int) {
        self.parts = parts
        done = Array(repeating: 0, count: lists)
        summaryLists = Array(repeating: [], count: lists)
        problemLists = Array(repeating: [], count: parts.count)
    }

    /// A model failed somewhere: later parts are still counted (every problem is listed) but
    /// no longer rendered.
    var failed: Bool { lock.withLock { anyFailed } }

    func fail(_ index: Int, _ problems: [Diagnostic]) {
        lock.withLock {
            problemLists[index] = problems
            if !problems.isEmpty { anyFailed = true }
        }
    }

    func error(_ index: Int, _ error: RenderError) { lock.withLock { errors[index] = error } }

    /// Part `index`'s summaries; when they complete their list, the list's summaries in order.
    func add(_ index: Int, _ summaries: [ModelSummary]) -> [ModelSummary]? {
        lock.withLock {
            let list = parts[index].list
            partSummaries[index] = summaries
            done[list] += 1
            guard done[list] == parts[index].count else { return nil }
            let first = index - parts[index].index
            summaryLists[list] = (first..<first + parts[index].count).flatMap { partSummaries.removeValue(forKey: $0)! }
            return summaryLists[list]
        }
    }

    var summaries: [ModelSummary] { lock.withLock { summaryLists.flatMap { $0 } } }
    var problems: [Diagnostic] { lock.withLock { problemLists.flatMap { $0 } } }
    /// The first part's rendering error.
    var firstError: RenderError? { lock.withLock { errors.min { $0.key < $1.key }?.value } }
}
