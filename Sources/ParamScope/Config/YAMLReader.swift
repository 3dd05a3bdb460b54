internal import CYAML

/// Reads YAML-lite into a `YAMLNode` tree through libyaml's event API.
///
/// Events carry their line and column, and anchors, aliases and tags are refused at the event
/// where they appear — before anything could expand (a billion-laughs file costs nothing).
/// This type owns the C parser and frees it.
final class YAMLReader {
    /// Nesting deeper than this is refused: config lists are three or four levels deep.
    static let maxDepth = 64

    /// Behind a pointer, not a stored `var`: each `&parser` of a class property was a dynamic
    /// exclusivity check, two per event.
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let bytes: [UInt8]
    private let file: String

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        parser = .allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        yaml_parser_initialize(parser)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deinitialize(count: 1)
        parser.deallocate()
    }

    /// The single document's root node.
    ///
    /// - Throws: a `Diagnostic` at the offending event.
    func read() throws(Diagnostic) -> YAMLNode {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Diagnostic) -> YAMLNode in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            return try readStream()
        }
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// A container being built (innermost last on the stack).
    ///
    /// A struct mutated in place through `stack[top]`, so a node is appended to its container's
    /// array without copying it (an enum popped off the stack and pushed back shared its array
    /// for the append, which copied it every time: a list of 10,000 models took quadratic time),
    /// and without the dynamic exclusivity checks a class's properties cost.
    private struct Frame {
        let isMapping: Bool
        let at: SourceLocation
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode?
        /// The keys so far, in order, as Strings (a model's dozen short keys compare in a few
        /// instructions each; reading them back out of `pairs` cost a copy of each node).
        var keyTexts: [String] = []
        /// The keys as a set, once the mapping has `linearKeys` of them (a scan would grow
        /// quadratic in a huge mapping).
        var keys: Set<String> = []
        var items: [YAMLNode] = []

        static let linearKeys = 32

        /// Room for a typical model's keys up front: growing 1, 2, 4, 8, 16 cost an allocation
        /// and a copy each.
        static let initialKeys = 16

        init(isMapping: Bool, at: SourceLocation) {
            self.isMapping = isMapping
            self.at = at
            if isMapping {
                pairs.reserveCapacity(Self.initialKeys)
                keyTexts.reserveCapacity(Self.initialKeys)
            }
        }

        /// The node this frame becomes once its end event arrives.
        var node: YAMLNode {
            isMapping ? YAMLNode(value: .mapping(pairs), location: at) : YAMLNode(value: .sequence(items), location: at)
        }

        /// Adds an item, a key, or the value of the pending key.
        mutating func add(_ node: consuming YAMLNode) throws(Diagnostic) {
            guard isMapping else {
                items.append(node)
                return
            }
            if let key = pendingKey.take() {
                pairs.append((key, node))
            } else {
                guard let keyText = node.scalar else {
                    throw Diagnostic(at: node.location, "a mapping key must be a plain name, found \(node.kindName)")
                }
                guard insertKey(keyText) else {
                    throw Diagnostic(at: node.location, "duplicate key `\(keyText)` in this mapping")
                }
                pendingKey = node
            }
        }

        /// Records a key; false when the mapping already has it. A model's dozen keys are
        /// compared in turn; a huge mapping's go into a set.
        private mutating func insertKey(_ key: String) -> Bool {
            if keyTexts.count < Self.linearKeys {
                if keyTexts.contains(key) { return false }
                keyTexts.append(key)
                return true
            }
            if keys.isEmpty { keys = Set(keyTexts) }
            return keys.insert(key).inserted
        }
    }

    private func readStream() throws(Diagnostic) -> YAMLNode {
        var stack: [Frame] = []
        var root: YAMLNode?
        var documents = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else { throw syntaxError() }
            defer { yaml_event_delete(&event) }
            let here = location(event.start_mark)
            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
                continue
            case YAML_STREAM_END_EVENT:
                guard let root else { throw Diagnostic(at: here, "the file is empty; expected a mapping with `models:`") }
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw Diagnostic(at: here, "a second YAML document (`---`) is not supported; put every model in one list")
                }
                continue
            case YAML_ALIAS_EVENT:
                throw Diagnostic(at: here, "aliases (`*name`) are not supported; write the value out")
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                try refuseAnchorAndTag(anchor: scalar.anchor, tag: scalar.tag, at: here)
                let text = scalar.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self) } ?? ""
                let quoted = scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
                    || scalar.style == YAML_LITERAL_SCALAR_STYLE || scalar.style == YAML_FOLDED_SCALAR_STYLE
                try add(YAMLNode(value: .scalar(text, quoted: quoted), location: here), to: &stack, root: &root)
            case YAML_MAPPING_START_EVENT:
                let start = event.data.mapping_start
                try refuseAnchorAndTag(anchor: start.anchor, tag: start.tag, at: here)
                try push(Frame(isMapping: true, at: here), onto: &stack, at: here)
            case YAML_SEQUENCE_START_EVENT:
                let start = event.data.sequence_start
                try refuseAnchorAndTag(anchor: start.anchor, tag: start.tag, at: here)
                try push(Frame(isMapping: false, at: here), onto: &stack, at: here)
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                let node = stack.removeLast().node
                try add(node, to: &stack, root: &root)
            default:
                continue
            }
        }
    }

    private func push(_ frame: Frame, onto stack: inout [Frame], at here: SourceLocation) throws(Diagnostic) {
        guard stack.count < Self.maxDepth else {
            throw Diagnostic(at: here, "nesting deeper than \(Self.maxDepth) levels; a config list needs four")
        }
        stack.append(frame)
    }

    private func add(_ node: consuming YAMLNode, to stack: inout [Frame], root: inout YAMLNode?) throws(Diagnostic) {
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        try stack[top].add(node)
    }

    private func refuseAnchorAndTag(
        anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?, at here: SourceLocation
    ) throws(Diagnostic) {
        if let anchor {
            let name = String(cString: anchor)
            throw Diagnostic(at: here, "anchors (`&\(name)`) are not supported; use `defaults:` for shared values")
        }
        if let tag {
            let name = String(cString: tag)
            throw Diagnostic(at: here, "tags (`\(name)`) are not supported; write a plain value")
        }
    }

    private func syntaxError() -> Diagnostic {
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? "unreadable YAML"
        var message = "invalid YAML: \(problem)"
        if let context = parser.pointee.context.map({ String(cString: $0) }) {
            message += " (\(context) at line \(parser.pointee.context_mark.line + 1))"
        }
        // The reader (encoding) stage reports a byte offset, not a mark.
        if parser.pointee.error == YAML_READER_ERROR {
            return Diagnostic(at: location(ofByte: Int(parser.pointee.problem_offset)), message)
        }
        return Diagnostic(at: location(parser.pointee.problem_mark), message)
    }

    /// Line and column (in bytes) of a byte offset.
    private func location(ofByte offset: Int) -> SourceLocation {
        let end = min(max(0, offset), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return SourceLocation(file: file, line: line, column: end - lineStart + 1)
    }
}
