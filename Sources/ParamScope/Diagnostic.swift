/// A place in an input file: 1-based line and column, as editors count them.
public struct SourceLocation: Sendable, Equatable, Hashable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// One problem found in the input, printed compiler-style: `file:line:column: error: message`.
public struct Diagnostic: Sendable, Equatable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation?
    /// A file with no line (a missing file, a directory): printed as `file: error: ...`.
    public var file: String?
    public var message: String

    public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.file = location.file
        self.message = message
    }

    public init(_ severity: Severity = .error, file: String?, _ message: String) {
        self.severity = severity
        self.location = nil
        self.file = file
        self.message = message
    }

    public var description: String {
        let place: String
        if let location {
            place = "\(location.file):\(location.line):\(location.column): "
        } else if let file {
            place = "\(file): "
        } else {
            place = ""
        }
        return "\(place)\(severity.rawValue): \(message)"
    }
}

/// Several problems at once: loaders collect every one before failing.
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
    public var items: [Diagnostic]

    public init(_ items: [Diagnostic]) { self.items = items }

    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var description: String { items.map(\.description).joined(separator: "\n") }
}
