import ParamScopeCore

/// `report.json` and `--format json`: the contract other programs read (schema 1, DESIGN's keys,
/// integers for counts and bytes).
struct JSONWriter {
    static let schema = 1

    /// The whole report: the models, and the lists (pages) they were read from.
    func document(_ report: Report) -> String {
        let pages = report.lists.map(\.page)
        let modelCount = pages.reduce(0) { $0 + $1.modelNames.count }
        let out = documentHead(pages, modelCount: modelCount)
        var written = 0
        for list in report.lists {
            models(list.models, endingDocument: written + list.models.count == modelCount, into: out)
            written += list.models.count
        }
        documentTail(modelCount: modelCount, into: out)
        return out.string
    }

    /// `report.json` up to its first model: the document object, open at its `models` array. It
    /// is written a list at a time (its models are tens of megabytes in a 10,000-model report),
    /// in three parts that join into the one object.
    func documentHead(_ pages: [ListPage], modelCount: Int) -> OutputBuffer {
        let out = OutputBuffer(capacity: 4096 + modelCount * 64)
        var document = JSONObjectWriter(out, indent: 0)
        document.int("schema", Self.schema)
        document.string("generator", "ParamScope")
        document.array("lists", count: pages.count) { index, list in Self.write(pages[index], into: &list) }
        document.key("models")
        out.append(modelCount == 0 ? "[]" : "[\n")
        return out
    }

    /// A list's models, each an element of the document's `models` array.
    ///
    /// - Parameter endingDocument: the last of them is the report's last model (no comma).
    func models(_ models: [ModelReport], endingDocument: Bool, into out: OutputBuffer) {
        for index in models.indices {
            out.append(spaces: 4)
            writeModel(models[index], into: out, indent: 2)
            out.append(endingDocument && index == models.count - 1 ? "\n" : ",\n")
        }
    }

    func documentTail(modelCount: Int, into out: OutputBuffer) {
        out.append(modelCount == 0 ? "\n}\n" : "  ]\n}\n")
    }

    /// A config list: its page and the names of its models, in order.
    static func write(_ list: ListPage, into object: inout JSONObjectWriter) {
        object.string("title", list.title)
        object.string("description", list.description)
        object.string("file", list.file)
        object.string("page", "\(list.slug).html")
        object.strings("models", list.modelNames)
    }
}
