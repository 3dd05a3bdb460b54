/// A generated table, written once and printed by both writers: as a GFM pipe table in
/// Markdown, as an escaped `<table>` custom block in HTML.
struct Table: Sendable {
    enum Alignment: Sendable { case left, right }

    struct Cell: Sendable {
        var text: String
        /// A link target (`llama.html#llama-7b`); writers adjust the extension.
        var link: Link?
        /// Shown emphasised (a consistent published figure).
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

    var caption: String?
    var headers: [String]
    var alignments: [Alignment]
    var rows: [[Cell]]
}

/// The fixed part of a model-section table: its caption, column titles and alignments.
struct TableHead: Sendable {
    var caption: String
    var headers: [StaticString]
    var alignments: [Table.Alignment]
}

/// Receives a table cell by cell, as `ReportTables` produces it for one model.
///
/// A report prints every model's tables twice (Markdown and HTML) for 10,000 models: building a
/// `Table` of Strings first cost an allocation per cell. `MarkdownTableSink` and `HTMLTableSink`
/// print each cell straight into the page, numbers digit by digit; `TableCollector` builds the
/// `Table` the terminal and release-notes writers use, with the same text in every cell.
protocol TableSink {
    mutating func begin(_ head: TableHead)
    mutating func beginRow()
    /// A cell of text a user or the report wrote: escaped by the writer.
    mutating func cell(_ text: String, strong: Bool)
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
        table = Table(caption: head.caption, headers: head.headers.map { "\($0)" }, alignments: head.alignments, rows: [])
    }

    mutating func beginRow() { row = [] }

    mutating func cell(_ text: String, strong: Bool) { row.append(Table.Cell(text, strong: strong)) }

    mutating func cell(strong: Bool, _ write: (OutputBuffer) -> Void) {
        scratch.truncate(to: 0)
        write(scratch)
        row.append(Table.Cell(scratch.string, strong: strong))
    }

    mutating func endRow() { table.rows.append(row) }

    mutating func end() {}

    /// The table `produce` sends to a collector.
    static func table(_ produce: (inout TableCollector) -> Void) -> Table {
        var collector = TableCollector()
        produce(&collector)
        return collector.table
    }
}

/// Prints a table as `MarkdownWriter` prints a model section's tables: a bold caption line, a
/// GFM pipe table and a blank line.
///
/// It appends to the buffer it was given (an `OutputBuffer` copy shares its bytes).
struct MarkdownTableSink: TableSink {
    var out: OutputBuffer
    private var column = 0

    init(into out: OutputBuffer) { self.out = out }

    mutating func begin(_ head: TableHead) {
        out.append("**")
        MarkdownWriter().append(escaping: head.caption, to: out)
        out.append("**\n\n| ")
        for (index, header) in head.headers.enumerated() {
            if index > 0 { out.append(" | ") }
            out.append(staticMarkdown: header)
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

    mutating func end() { out.append("\n") }
}

/// Prints a table as `HTMLWriter.table` does: an escaped `<table>` in a scrolling `<div>`.
///
/// It appends to the buffer it was given (an `OutputBuffer` copy shares its bytes).
struct HTMLTableSink: TableSink {
    var out: OutputBuffer
    private var alignments: [Table.Alignment] = []
    private var column = 0

    init(into out: OutputBuffer) { self.out = out }

    mutating func begin(_ head: TableHead) {
        alignments = head.alignments
        out.append("<div class=\"table\"><table>\n<caption>")
        out.append(html: head.caption)
        out.append("</caption>\n<thead><tr>")
        for (header, alignment) in zip(head.headers, head.alignments) {
            out.append(alignment == .right ? "<th class=\"num\" scope=\"col\">" : "<th scope=\"col\">")
            out.append(staticHTML: header)
            out.append("</th>")
        }
        out.append("</tr></thead>\n<tbody>\n")
    }

    @inline(__always)
    mutating func beginRow() {
        out.append("<tr>")
        column = 0
    }

    /// The opening tag of the next cell; nil past the last column (`HTMLWriter.table` prints a
    /// row's cells only up to the number of columns).
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
