/// HTML bodies: a cmark tree of user prose and generated custom blocks, rendered safely.
///
/// Anchors are the same in a whole page and a `--fragment`: `top`, `lists`, the charts' ids and
/// one slug per model section.
struct HTMLWriter {
    /// The index body: every model, the distance-from-published chart, and the lists.
    func index(_ report: Report) throws(RenderError) -> String {
        let document = try CmarkDocument()
        try document.appendHTML("<h1 id=\"top\">Model parameters</h1>")
        try document.appendHTML(
            "<p class=\"lede\">Exact, architecture-aware parameter counts beside the seed estimate "
            + "12·L·h² + V·h and the published figures, for \(count(report.models.count, "model")) in "
            + "\(count(report.lists.count, "config list")). Deviation is (exact − published) / published; "
            + "✓ marks a published figure that the exact count rounds or truncates to.</p>")
        try document.appendHTML(table(ReportTables.summary(report.models, linkPages: true)))
        if let chart = ReportCharts.deviation(report.models, id: "deviation-chart") {
            try document.appendHTML(chart.render())
        }
        var lists = "<h2 id=\"lists\">Config lists</h2>\n<ul class=\"lists\">\n"
        for list in report.lists {
            lists += "<li><a href=\"\(HTMLEscape.text(list.slug)).html\">\(HTMLEscape.text(list.title))</a> — "
            lists += "\(count(list.models.count, "model")) from <code>\(HTMLEscape.text(list.file))</code></li>\n"
        }
        try document.appendHTML(lists + "</ul>")
        return try document.render()
    }

    /// A list page body: title, the user's description, contents, the comparison chart, the
    /// summary and a section per model.
    func listPage(_ list: ListReport) throws(RenderError) -> String {
        let document = try CmarkDocument()
        try document.appendHTML("<h1 id=\"top\">\(HTMLEscape.text(list.title))</h1>")
        try document.appendHTML("<p class=\"meta\">\(count(list.models.count, "model")) from <code>\(HTMLEscape.text(list.file))</code></p>")
        if let description = list.description, !description.isEmpty {
            try document.appendMarkdown(description)
        }
        if list.models.count > 1 {
            var contents = "<nav class=\"contents\" aria-label=\"Models on this page\"><ul>\n"
            for model in list.models {
                contents += "<li><a href=\"#\(HTMLEscape.text(model.anchor))\">\(HTMLEscape.text(model.name))</a></li>\n"
            }
            try document.appendHTML(contents + "</ul></nav>")
        }
        try document.appendHTML(table(ReportTables.summary(list.models, linkPages: false)))
        if let chart = ReportCharts.comparison(list.models, id: "comparison-chart") {
            try document.appendHTML(chart.render())
        }
        for model in list.models {
            try appendSection(model, to: document)
        }
        return try document.render()
    }

    private func appendSection(_ model: ModelReport, to document: CmarkDocument) throws(RenderError) {
        let anchor = HTMLEscape.text(model.anchor)
        var header = "<section class=\"model\" id=\"\(anchor)\">\n"
        header += "<h2><a class=\"anchor\" href=\"#\(anchor)\">\(HTMLEscape.text(model.name))</a></h2>"
        header += "\n<p class=\"meta\">\(HTMLEscape.text(model.entry.spec.architecture))"
        if let source = model.entry.source {
            header += " · Source: \(HTMLEscape.text(source))"
        }
        if let figure = model.entry.published?.source, figure != model.entry.source {
            header += " · Published figure: \(HTMLEscape.text(figure))"
        }
        try document.appendHTML(header + "</p>")
        if let notes = model.entry.notes, !notes.isEmpty {
            try document.appendMarkdown(notes)
        }
        var blocks = table(ReportTables.parameters(model)) + table(ReportTables.worked(model))
        blocks += pair(ReportCharts.breakdown(model), ReportTables.breakdown(model))
        blocks += pair(ReportCharts.storage(model), ReportTables.storage(model))
        for table in [ReportTables.memory(model), ReportTables.architecture(model)] + ReportTables.checkpointTables(model) {
            blocks += self.table(table)
        }
        blocks += "<p class=\"top\"><a href=\"#top\">↑ Top of the page</a></p>\n"
        try document.appendHTML(blocks + "</section>")
    }

    /// A chart beside the table it pictures (side by side on a wide screen).
    private func pair(_ chart: SVGChart, _ table: Table) -> String {
        "<div class=\"pair\">\n" + chart.render() + self.table(table) + "</div>\n"
    }

    private func count(_ value: Int, _ noun: String) -> String {
        "\(NumberFormat.grouped(value)) \(noun)\(value == 1 ? "" : "s")"
    }

    /// A generated table, every cell escaped.
    func table(_ table: Table) -> String {
        var out = "<div class=\"table\"><table>\n"
        if let caption = table.caption { out += "<caption>\(HTMLEscape.text(caption))</caption>\n" }
        out += "<thead><tr>"
        for (header, alignment) in zip(table.headers, table.alignments) {
            out += "<th\(alignment == .right ? " class=\"num\"" : "") scope=\"col\">\(HTMLEscape.text(header))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for (cell, alignment) in zip(row, table.alignments) {
                var text = HTMLEscape.text(cell.text)
                if let link = cell.link {
                    let target = (link.page.map { "\($0).html" } ?? "") + (link.anchor.map { "#\($0)" } ?? "")
                    text = "<a href=\"\(HTMLEscape.text(target))\">\(text)</a>"
                }
                if cell.strong { text = "<strong>\(text)</strong>" }
                out += "<td\(alignment == .right ? " class=\"num\"" : "")>\(text)</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table></div>\n"
    }
}
