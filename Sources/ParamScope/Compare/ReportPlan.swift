import ParamScopeCore

/// The report before any model is counted: each list's page name and each model's anchor, so
/// that any list can be counted on its own, on any thread, and let go once its pages are written.
public struct ReportPlan: Sendable {
    public var lists: [ConfigList]
    public var options: ReportOptions
    /// Page base names (unique within the report) and section anchors (unique within the report).
    var slugs: [String]
    var anchors: [[String]]

    public init(_ lists: [ConfigList], options: ReportOptions = ReportOptions()) {
        self.lists = lists
        self.options = options
        // "index" is the index page's own name, "report" the JSON's: no list may take them.
        slugs = Slug.unique(lists.map { Slug.make(ReportBuilder.fileStem($0.file), fallback: "list") },
                            reserved: ["index", "report"])
        // Anchors are unique across the report, not only within a page, and never take an id a
        // page gives its own parts: fragments of several lists embedded on one page of a docs
        // site repeat no id.
        var taken = Set(PageIDs.names).union(PageIDs.fragmentIDs(slugs))
        anchors = lists.map { list in
            let unique = Slug.unique(list.models.map { Slug.make($0.spec.name, fallback: "model") }, reserved: taken)
            taken.formUnion(unique)
            return unique
        }
    }

    /// Every list's page, named before anything is counted (the navigation of every page).
    public var pages: [ListPage] {
        lists.indices.map { index in
            let list = lists[index]
            return ListPage(title: list.title, description: list.description, file: list.file, slug: slugs[index],
                            modelNames: list.models.map(\.spec.name))
        }
    }

    /// List `index`, every model counted and compared with its published figure and checkpoint.
    ///
    /// - Parameter models: which of the list's models (all by default): a long list is counted
    ///   in parts, on several cores.
    /// - Returns: the list, and a diagnostic per model that failed (an overflow, an unreadable
    ///   checkpoint); a failed model is left out of the list.
    public func build(_ index: Int, models range: Range<Int>? = nil) -> (ListReport, [Diagnostic]) {
        let list = lists[index], page = slugs[index]
        let range = range ?? list.models.indices
        var problems: [Diagnostic] = []
        var models: [ModelReport] = []
        models.reserveCapacity(range.count)
        for position in range {
            var entry = list.models[position]
            do {
                if let hints = entry.countFromCheckpoint, entry.checkpoint != nil || entry.checkpointSummary != nil {
                    // No family: the checkpoint's logical parameters are the count.
                    let (spec, result) = try CheckpointCount.result(entry, hints: hints, checkpoint: entry.checkpoint,
                                                                    read: entry.checkpointSummary, options: options)
                    entry.spec = spec
                    models.append(ModelReport(entry: entry, result: result, anchor: anchors[index][position], page: page, file: list.file))
                    continue
                }
                var result = try ModelResult(spec: entry.spec, published: entry.published, formats: options.formats,
                                             context: entry.context ?? options.context, batch: entry.batch ?? options.batch,
                                             kvCacheType: options.kvCacheType)
                if entry.checkpoint != nil || entry.checkpointSummary != nil {
                    do {
                        let summary = try entry.checkpointSummary ?? CheckpointReader.summary(entry.checkpoint ?? "", layers: entry.spec.layers)
                        result.checkpoint = try CheckpointComparison(
                            estimate: result.inventory, total: result.total, spec: entry.spec, checkpoint: summary)
                    } catch let problem as Diagnostic {
                        problems.append(problem)
                    }
                }
                models.append(ModelReport(entry: entry, result: result, anchor: anchors[index][position], page: page, file: list.file))
            } catch let problem as Diagnostic {
                problems.append(problem)
            } catch {
                problems.append(Diagnostic(at: entry.location, "model \"\(entry.spec.name)\": \(error)"))
            }
        }
        return (ListReport(title: list.title, description: list.description, file: list.file, slug: page, models: models), problems)
    }
}
