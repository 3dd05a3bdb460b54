/// HTML bodies: a cmark tree of user prose and generated custom blocks, rendered safely.
struct HTMLWriter {
    /// The index body: every model, and the lists.
    func index(_ report: Report) throws(RenderError) -> String {
        let document = try CmarkDocument()
        try document.appendHTML("<h1 id=\"top\">Model parameters</h1>")
        try document.appendHTML(
            "<p class=\"lede\">Exact, architecture-aware parameter counts beside the seed estimate "
            + "12·L·h² + V·h and the published figures. Deviation is (exact − published) / published; "
            + "✓ marks a published figure that the exact count rounds or truncates to.</p>")
        try document.appendHTML(table(ReportTables.summary(report.models, linkPages: true)))
        var lists = "<h2 id=\"lists\">Config lists</h2>\n<ul class=\"lists\">\n"
        for list in report.lists {
            lists += "<li><a href=\"\(HTMLEscape.text(list.slug)).html\">\(HTMLEscape.text(list.title))</a> — "
            lists += "\(list.models.count) model\(list.models.count == 1 ? "" : "s") from <code>\(HTMLEscape.text(list.file))</code></li>\n"
        }
        try document.appendHTML(lists + "</ul>")
        return try document.render()
    }

    /// A list page body: title, the user's description, the summary and a section per model.
    func listPage(_ list: ListReport) throws(RenderError) -> String {
        let document = try CmarkDocument()
        try document.appendHTML("<h1 id=\"top\">\(HTMLEscape.text(list.title))</h1>")
        try document.appendHTML("<p class=\"meta\">From <code>\(HTMLEscape.text(list.file))</code></p>")
        if let description = list.description, !description.isEmpty {
            try document.appendMarkdown(description)
        }
        try document.appendHTML(table(ReportTables.summary(list.models, linkPages: false)))
        for model in list.models {
            try appendSection(model, to: document)
        }
        return try document.render()
    }

    private func appendSection(_ model: ModelReport, to document: CmarkDocument) throws(RenderError) {
        let anchor = HTMLEscape.text(model.anchor)
        var header = "<section class=\"model\" id=\"\(anchor)\">\n"
        header += "<h2><a class=\"anchor\" href=\"#\(anchor)\">\(HTMLEscape.text(model.name))</a></h2>"
        if let source = model.entry.source {
            header += "\n<p class=\"meta\">Source: \(HTMLEscape.text(source))</p>"
        }
        try document.appendHTML(header)
        if let notes = model.entry.notes, !notes.isEmpty {
            try document.appendMarkdown(notes)
        }
        var tables = ""
        for table in [ReportTables.parameters(model), ReportTables.breakdown(model), ReportTables.storage(model),
                      ReportTables.memory(model), ReportTables.architecture(model), ReportTables.worked(model)] {
            tables += self.table(table)
        }
        try document.appendHTML(tables + "</section>")
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
