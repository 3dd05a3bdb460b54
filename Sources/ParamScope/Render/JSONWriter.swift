import ParamScopeCore

/// `report.json` and `--format json`: the contract other programs read (schema 1, DESIGN's keys,
/// integers for counts and bytes).
struct JSONWriter {
    static let schema = 1

    /// The whole report: the models, and the lists (pages) they were read from.
    func document(_ report: Report) -> String {
        let pages = report.lists.map(\.page)
        let modelCount = pages.reduce(0) { $0 + $1.modelNames.count }
        var out = documentHead(pages, modelCount: modelCount)
        var written = 0
        for list in report.lists {
            models(list.models, endingDocument: written + list.models.count == modelCount, into: &out)
            written += list.models.count
        }
        documentTail(modelCount: modelCount, into: &out)
        return out.string
    }

    /// `report.json` up to its first model: the document is written a list at a time (its
    /// models are tens of megabytes in a 10,000-model report), in three parts that join into
    /// exactly what one `JSONValue` of the whole document would print.
    func documentHead(_ pages: [ListPage], modelCount: Int) -> OutputBuffer {
        var out = OutputBuffer(capacity: 4096 + modelCount * 64)
        out.append("{\n  \"schema\": ")
        out.append(int: Self.schema)
        out.append(",\n  \"generator\": \"ParamScope\",\n  \"lists\": ")
        JSONValue.array(pages.map(list)).write(into: &out, indent: 1)
        out.append(",\n  \"models\": ")
        out.append(modelCount == 0 ? "[]" : "[\n")
        return out
    }

    /// A list's models, each an element of the document's `models` array.
    ///
    /// - Parameter endingDocument: the last of them is the report's last model (no comma).
    func models(_ models: [ModelReport], endingDocument: Bool, into out: inout OutputBuffer) {
        var heads = StorageHeads()
        for index in models.indices {
            out.append(spaces: 4)
            writeModel(models[index], into: &out, indent: 2, heads: &heads)
            out.append(endingDocument && index == models.count - 1 ? "\n" : ",\n")
        }
    }

    func documentTail(modelCount: Int, into out: inout OutputBuffer) {
        out.append(modelCount == 0 ? "\n}\n" : "  ]\n}\n")
    }

    /// A config list: its page and the names of its models, in order.
    func list(_ list: ListPage) -> JSONValue {
        .object([
            ("title", .string(list.title)),
            ("description", list.description.map(JSONValue.string) ?? .null),
            ("file", .string(list.file)),
            ("page", .string("\(list.slug).html")),
            ("models", .array(list.modelNames.map { .string($0) })),
        ])
    }
}
