/// A table collected whole: a row per model of a list's summary (built once, printed on the list's
/// Markdown and HTML pages), and what the terminal prints once every cell's width is known. It is
/// printed by sending it to a `TableSink`, as a model section's tables are.
struct Table: Sendable {
    enum Alignment: Sendable { case left, right }

    struct Cell: Sendable {
        var text: String
        /// A link target (`llama.html#llama-7b`); writers adjust the extension.
        var link: Link?
        /// Shown emphasised (a confirmed published figure).
        var strong: Bool = false

        init(_ text: String, link: Link? = nil, strong: Bool = false) {
            self.text = text
            self.link = link
            self.strong = strong
        }
    }

    /// A link to a page of the report (by slug) and an anchor on it.
    struct Link: Sendable {
        var page: String?
        var anchor: String?
    }

    var head: TableHead
    var rows: [[Cell]]

    init(caption: String?, headers: [String], alignments: [Alignment], rows: [[Cell]]) {
        head = TableHead(caption: caption, headers: headers, alignments: alignments)
        self.rows = rows
    }

    var caption: String? { head.caption }
    var headers: [String] { head.headers }
    var alignments: [Alignment] { head.alignments }

    /// The table sent to a sink, cell by cell.
    func send<Sink: TableSink>(to sink: inout Sink) {
        sink.begin(head)
        for row in rows {
            sink.beginRow()
            for cell in row {
                if let link = cell.link { sink.cell(cell.text, link: link, strong: cell.strong) } else { sink.cell(cell.text, strong: cell.strong) }
            }
            sink.endRow()
        }
        sink.end()
    }
}

/// A table's fixed part: its caption (none for a summary), column titles and alignments.
struct TableHead: Sendable {
    var caption: String?
    var headers: [String]
    var alignments: [Table.Alignment]
}

/// The one table printer per format: every table of a report — a model section's, a summary,
/// the terminal's — is sent to a sink cell by cell. `MarkdownTableSink` and `HTMLTableSink` print
/// each cell straight into the page, numbers digit by digit (no String per cell: a report prints
/// 10,000 models' tables twice); `TextTableSink` pads columns for a terminal; `TableCollector`
/// keeps a `Table`.
protocol TableSink {
    mutating func begin(_ head: TableHead)
    mutating func beginRow()
    /// A cell of text a user or the report wrote: escaped by the writer.
    mutating func cell(_ text: String, strong: Bool)
    /// A cell of text linking to a page of the report and an anchor on it.
    mutating func cell(_ text: String, link: Table.Link, strong: Bool)
    /// A cell written by `write`, which appends text that neither Markdown nor HTML changes when
    /// escaping (digits, separators, units, signs): printed as is.
    mutating func cell(strong: Bool, _ write: (OutputBuffer) -> Void)
    mutating func endRow()
    mutating func end()
}

extension TableSink {
    @inline(__always)
    mutating func cell(_ text: String) { cell(text, strong: false) }

    @inline(__always)
    mutating func cell(_ write: (OutputBuffer) -> Void) { cell(strong: false, write) }

    /// A grouped integer cell: "6,738,415,616".
    @inline(__always)
    mutating func cell(grouped value: Int, strong: Bool = false) { cell(strong: strong) { $0.append(grouped: value) } }

    /// A whole row of text cells.
    mutating func row(_ cells: String...) {
        beginRow()
        for text in cells { cell(text) }
        endRow()
    }
}

/// Builds a `Table` of Strings from what a sink receives.
struct TableCollector: TableSink {
    private(set) var table = Table(caption: nil, headers: [], alignments: [], rows: [])
    private var row: [Table.Cell] = []
    private let scratch = OutputBuffer(capacity: 64)

    mutating func begin(_ head: TableHead) {
        table = Table(caption: head.caption, headers: head.headers, alignments: head.alignments, rows: [])
    }

    mutating func beginRow() { row = [] }

    mutating func cell(_ text: String, strong: Bool) { row.append(Table.Cell(text, strong: strong)) }

    mutating func cell(_ text: String, link: Table.Link, strong: Bool) { row.append(Table.Cell(text, link: link, strong: strong)) }

    mutating func cell(strong: Bool, _ write: (OutputBuffer) -> Void) {
        scratch.truncate(to: 0)
        write(scratch)
        row.append(Table.Cell(scratch.string, strong: strong))
    }

    mutating func endRow() { table.rows.append(row) }

    mutating func end() {}
}

/// Prints a table for a terminal (`estimate`, `inspect`): the caption indented, columns padded
/// to their widest cell (numbers right-aligned), a rule under the headers. Links and emphasis
/// are not shown.
struct TextTableSink: TableSink {
    let out: OutputBuffer
    private var collector = TableCollector()

    init(into out: OutputBuffer) { self.out = out }

    mutating func begin(_ head: TableHead) { collector.begin(head) }
    mutating func beginRow() { collector.beginRow() }
    mutating func cell(_ text: String, strong: Bool) { collector.cell(text, strong: strong) }
    mutating func cell(_ text: String, link: Table.Link, strong: Bool) { collector.cell(text, strong: strong) }
    mutating func cell(strong: Bool, _ write: (OutputBuffer) -> Void) { collector.cell(strong: strong, write) }
    mutating func endRow() { collector.endRow() }

    mutating func end() {
        let table = collector.table
        let rows = [table.headers] + table.rows.map { $0.map(\.text) }
        var widths = [Int](repeating: 0, count: table.headers.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        if let caption = table.caption {
            out.append("  ")
            out.append(string: caption)
            out.append("\n")
        }
        for (rowIndex, row) in rows.enumerated() {
            var line = "  "
            for (index, cell) in row.enumerated() where index < widths.count {
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                line += table.alignments[index] == .right ? padding + cell : cell + padding
                line += "  "
            }
            out.append(string: line.trimmedTrailingNewlines())
            out.append("\n")
            if rowIndex == 0 {
                out.append("  ")
                out.append(string: widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
                out.append("\n")
            }
        }
    }
}

/// Prints a table as GitHub-flavoured Markdown: a captioned table (a model section's) as a bold
/// caption line, a GFM pipe table and a blank line; a table without a caption (a summary) as the
/// pipe table alone. Every cell a user or the report wrote is escaped.
struct MarkdownTableSink: TableSink {
    let out: OutputBuffer
    /// How a link cell's target page is written.
    let links: PageLinks
    private var column = 0
    private var captioned = false

    init(into out: OutputBuffer, links: PageLinks = PageLinks(style: .md, fromIndex: false)) {
        self.out = out
        self.links = links
    }

    mutating func begin(_ head: TableHead) {
        captioned = head.caption != nil
        if let caption = head.caption {
            out.append("**")
            MarkdownWriter().append(escaping: caption, to: out)
            out.append("**\n\n")
        }
        out.append("| ")
        for (index, header) in head.headers.enumerated() {
            if index > 0 { out.append(" | ") }
            MarkdownWriter().append(escaping: header, to: out)
        }
        out.append(" |\n|")
        for alignment in head.alignments {
            out.append(alignment == .right ? " ---: |" : " --- |")
        }
        out.append("\n")
    }

    @inline(__always)
    mutating func beginRow() {
        out.append("| ")
        column = 0
    }

    @inline(__always)
    mutating func cell(_ text: String, strong: Bool) {
        if column > 0 { out.append(" | ") }
        column += 1
        if strong { out.append("**") }
        MarkdownWriter().append(escaping: text, to: out)
        if strong { out.append("**") }
    }

    mutating func cell(_ text: String, link: Table.Link, strong: Bool) {
        if column > 0 { out.append(" | ") }
        column += 1
        if strong { out.append("**") }
        MarkdownWriter().append(link: text, to: link, links: links, into: out)
        if strong { out.append("**") }
    }

    @inline(__always)
    mutating func cell(strong: Bool, _ write: (OutputBuffer) -> Void) {
        if column > 0 { out.append(" | ") }
        column += 1
        if strong { out.append("**") }
        write(out)
        if strong { out.append("**") }
    }

    @inline(__always)
    mutating func endRow() { out.append(" |\n") }

    mutating func end() { if captioned { out.append("\n") } }
}

/// Prints a table as HTML: an escaped `<table>` in a scrolling `<div>`, its caption (if any) as
/// `<caption>`; a row's cells only up to the number of columns.
struct HTMLTableSink: TableSink {
    let out: OutputBuffer
    /// How a link cell's target page is written.
    let links: PageLinks
    private var alignments: [Table.Alignment] = []
    private var column = 0

    init(into out: OutputBuffer, links: PageLinks = PageLinks(style: .html, fromIndex: false)) {
        self.out = out
        self.links = links
    }

    mutating func begin(_ head: TableHead) {
        alignments = head.alignments
        out.append("<div class=\"table\"><table>\n")
        if let caption = head.caption {
            out.append("<caption>")
            out.append(html: caption)
            out.append("</caption>\n")
        }
        out.append("<thead><tr>")
        for (header, alignment) in zip(head.headers, head.alignments) {
            out.append(alignment == .right ? "<th class=\"num\" scope=\"col\">" : "<th scope=\"col\">")
            out.append(html: header)
            out.append("</th>")
        }
        out.append("</tr></thead>\n<tbody>\n")
    }

    @inline(__always)
    mutating func beginRow() {
        out.append("<tr>")
        column = 0
    }

    /// The opening tag of the next cell; false past the last column.
    @inline(__always)
    private mutating func open(strong: Bool) -> Bool {
        guard column < alignments.count else { return false }
        out.append(alignments[column] == .right ? "<td class=\"num\">" : "<td>")
        column += 1
        if strong { out.append("<strong>") }
        return true
    }

    @inline(__always)
    private mutating func close(strong: Bool) {
        if strong { out.append("</strong>") }
        out.append("</td>")
    }

    @inline(__always)
    mutating func cell(_ text: String, strong: Bool) {
        guard open(strong: strong) else { return }
        out.append(html: text)
        close(strong: strong)
    }

    mutating func cell(_ text: String, link: Table.Link, strong: Bool) {
        guard open(strong: strong) else { return }
        out.append("<a href=\"")
        if let page = link.page {
            links.append(page: page, anchor: link.anchor, into: out)
        } else if let anchor = link.anchor {
            out.append("#")
            out.append(html: anchor)
        }
        out.append("\">")
        out.append(html: text)
        out.append("</a>")
        close(strong: strong)
    }

    @inline(__always)
    mutating func cell(strong: Bool, _ write: (OutputBuffer) -> Void) {
        guard open(strong: strong) else { return }
        write(out)
        close(strong: strong)
    }

    @inline(__always)
    mutating func endRow() { out.append("</tr>\n") }

    mutating func end() { out.append("</tbody>\n</table></div>\n") }
}
