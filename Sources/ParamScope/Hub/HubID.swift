/// A model on the Hugging Face Hub, as a user names it: `hf:ORG/NAME`, `hf:ORG/NAME@REVISION`
/// (a branch, tag or commit), or `hf:ORG/NAME/FILE.gguf` for one GGUF file of a repo.
///
/// Every part is validated here, once: URLs and cache paths are built from these parts only.
public struct HubID: Sendable, Hashable, CustomStringConvertible {
    public var organization: String
    public var name: String
    /// As written, `main` when none was given.
    public var revision: String
    /// One `.gguf` file of the repo (a path inside it), or nil for the repo's safetensors checkpoint.
    public var file: String?

    /// `ORG/NAME`.
    public var repo: String { "\(organization)/\(name)" }

    /// The id as a user writes it, without the `hf:` prefix; `@main` is left out.
    public var description: String {
        (file.map { "\(repo)/\($0)" } ?? repo) + (revision == "main" ? "" : "@\(revision)")
    }

    /// `hf:` and the id: how inputs, reports and diagnostics name the model.
    public var label: String { "hf:\(description)" }

    /// Whether `text` is meant as a Hub id (it may still be a bad one).
    public static func isHubID(_ text: String) -> Bool { text.hasPrefix("hf:") }

    /// A 40-digit lowercase hex commit: a revision that can never move.
    public static func isCommit(_ revision: String) -> Bool {
        revision.utf8.count == 40 && revision.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Parses `hf:ORG/NAME[/FILE.gguf][@REVISION]` (the `hf:` prefix is optional here: a list's
    /// `hf:` field holds the id alone).
    ///
    /// - Returns: the id, or what is wrong with it (a sentence, lower case).
    public static func parse(_ text: String) -> Result<HubID, HubIDProblem> {
        var rest = Substring(text)
        if rest.hasPrefix("hf:") { rest = rest.dropFirst(3) }
        guard !rest.isEmpty else { return .failure(.init("an empty Hub id; write ORG/NAME, ORG/NAME@REVISION or ORG/NAME/FILE.gguf")) }
        if let bad = rest.unicodeScalars.first(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0 == "\\" }) {
            return .failure(.init("\"\(text)\" holds \(bad == " " ? "a space" : "a control or space character"); a Hub id is ORG/NAME[@REVISION]"))
        }
        var revision = "main"
        if let at = rest.firstIndex(of: "@") {
            revision = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
            if let problem = revisionProblem(revision) { return .failure(.init("\"\(text)\": \(problem)")) }
        }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else {
            return .failure(.init("\"\(text)\" has no organization; a Hub id is ORG/NAME (like meta-llama/Llama-3.1-8B)"))
        }
        for part in parts.prefix(2) {
            if let problem = repoPartProblem(part) { return .failure(.init("\"\(text)\": \(problem)")) }
        }
        var file: String?
        if parts.count > 2 {
            let path = parts.dropFirst(2)
            for part in path {
                if let problem = filePartProblem(part) { return .failure(.init("\"\(text)\": \(problem)")) }
            }
            guard path.last!.hasSuffix(".gguf") else {
                return .failure(.init("\"\(text)\": a file in a Hub id must be a .gguf file (ORG/NAME/FILE.gguf); safetensors are found from the repo"))
            }
            file = path.joined(separator: "/")
        }
        return .success(HubID(organization: parts[0], name: parts[1], revision: revision, file: file))
    }

    /// The Hub's own rule for repo names: letters, digits, `-`, `_`, `.`; no `--` or `..`; at most 96.
    static func repoPartProblem(_ part: String) -> String? {
        if part.isEmpty { return "an empty part in the repo id (ORG/NAME)" }
        guard part.utf8.count <= 96 else { return "\"\(part)\" is longer than the Hub's 96 characters" }
        guard part.utf8.allSatisfy(isNameByte) else {
            return "\"\(part)\" may hold only letters, digits, '-', '_' and '.'"
        }
        if part.contains("..") || part.contains("--") { return "a repo name may not contain '..' or '--' (found \"\(part)\")" }
        if part.hasPrefix(".") || part.hasPrefix("-") || part.hasSuffix(".") || part.hasSuffix("-") {
            return "\"\(part)\" may not start or end with '.' or '-'"
        }
        return nil
    }

    /// A file path component inside a repo: no empty part, no `.` or `..`.
    static func filePartProblem(_ part: String) -> String? {
        if part.isEmpty { return "an empty part in the file path" }
        if part == "." || part == ".." { return "'\(part)' is not allowed in a file path" }
        guard part.utf8.count <= 255, part.utf8.allSatisfy({ isNameByte($0) || $0 == UInt8(ascii: "+") }) else {
            return "the file name \"\(part)\" may hold only letters, digits, '-', '_', '+' and '.'"
        }
        return nil
    }

    /// A branch, tag or commit: git's ref characters that are safe in a URL and a file name once
    /// percent-encoded; `/` only between non-empty parts (`refs/pr/1`).
    static func revisionProblem(_ revision: String) -> String? {
        if revision.isEmpty { return "an empty revision after '@'" }
        guard revision.utf8.count <= 255 else { return "the revision is longer than 255 characters" }
        guard revision.utf8.allSatisfy({ isNameByte($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "+") }) else {
            return "the revision \"\(revision)\" may hold only letters, digits, '-', '_', '.', '+' and '/'"
        }
        let parts = revision.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.hasPrefix(".") }) || revision.contains("..") {
            return "the revision \"\(revision)\" may not have empty parts, '..' or parts starting with '.'"
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}

/// Why a text is not a Hub id.
public struct HubIDProblem: Error, Sendable, Equatable {
    public var message: String
    init(_ message: String) { self.message = message }
}
