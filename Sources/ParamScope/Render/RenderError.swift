/// A report that could not be rendered or written, naming what failed: the run then writes nothing
/// half-done (the staging directory goes, `--out` keeps what it held).
public enum RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// cmark returned nothing for a Markdown text: whose prose it was (`the notes of model "X"`).
    case markdown(of: String)
    /// A whole page was asked for without a loaded page template.
    case noTemplate(page: String)
    /// A file of the report could not be created, written, read back or closed: its name, the directory it
    /// was being written in (the staging directory), what was being done, and the system's reason.
    case file(name: String, directory: String, action: FileAction, reason: String)

    public enum FileAction: String, Sendable {
        case create, write, read, close
    }

    public var description: String {
        switch self {
        case .markdown(let what): "cmark could not render \(what)"
        case .noTemplate(let page): "no page template loaded for \(page)"
        case .file(let name, let directory, let action, let reason): "cannot \(action.rawValue) \(name) in \(directory): \(reason)"
        }
    }

    /// The error as a diagnostic of the run: a file's problem at the file's path.
    var diagnostic: Diagnostic {
        switch self {
        case .file(let name, let directory, let action, let reason):
            Diagnostic(file: "\(directory)/\(name)", "cannot \(action.rawValue) this page of the report: \(reason)")
        case .markdown, .noTemplate:
            Diagnostic(file: nil, description)
        }
    }
}
