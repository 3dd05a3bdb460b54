import Testing
@testable import ParamScope

/// The numbered field table and the reader's duplicate-key scan that replaced hashed sets.
@Suite struct EntryKeysTests {
    /// Every entry and spec field is found under its own number, and the named constants are the
    /// entry fields' places in `ConfigLoader.entryFields`.
    @Test func everyFieldHasItsNumber() {
        #expect(EntryKeys.names == ConfigLoader.entryFields + SpecField.all.map(\.name))
        for (index, name) in EntryKeys.names.enumerated() {
            #expect(EntryKeys.index(of: name) == index, "\(name)")
        }
        let constants = [
            ("name", EntryKeys.name), ("architecture", EntryKeys.architecture), ("published", EntryKeys.published),
            ("source", EntryKeys.source), ("notes", EntryKeys.notes), ("hf_config", EntryKeys.hfConfig),
            ("checkpoint", EntryKeys.checkpoint), ("context", EntryKeys.context), ("batch", EntryKeys.batch), ("hf", EntryKeys.hub),
            ("layers", EntryKeys.layers), ("hidden", EntryKeys.hidden), ("heads", EntryKeys.heads),
            ("vocab", EntryKeys.vocab), ("ffn", EntryKeys.ffn), ("head_dim", EntryKeys.headDim),
        ]
        for (name, index) in constants {
            #expect(EntryKeys.names[index] == name)
        }
        #expect(EntryKeys.specStart == ConfigLoader.entryFields.count)
        #expect(SpecField.all[EntryKeys.layers - EntryKeys.specStart].name == "layers")
    }

    /// Near misses, other cases, prefixes and long or non-ASCII names are not fields.
    @Test(arguments: ["", "Name", "layer", "layers ", "kv_head", "heads_", "shared_expert_ffnx", "名前", "title",
                      "a_very_long_key_that_is_not_a_field_at_all"])
    func unknownNames(name: String) {
        #expect(EntryKeys.index(of: name) == nil)
    }

    /// The defaults sit beneath the model's own fields: each field once, in first-seen order,
    /// holding the last value written.
    @Test func laterValuesWinAndOrderIsFirstSeen() {
        let at = SourceLocation(file: "l.yaml", line: 1, column: 1)
        func node(_ text: String) -> YAMLNode { YAMLNode(value: .scalar(text, quoted: false), location: at) }
        var fields = EntryFields()
        fields.set(EntryKeys.heads, node("8"))
        fields.set(EntryKeys.name, node("a"))
        fields.set(EntryKeys.heads, node("16"))
        #expect(fields.present.map(\.key) == [EntryKeys.heads, EntryKeys.name])
        #expect(fields[EntryKeys.heads]?.scalar == "16")
        #expect(fields["heads"]?.scalar == "16")
        #expect(fields["nonsense"] == nil)
        #expect(!fields.has(EntryKeys.vocab) && fields[EntryKeys.vocab] == nil)
    }

    /// A duplicate key is refused at its second place, whether the mapping is scanned (few
    /// keys) or hashed (from `linearKeys` keys on); the first, third and last keys are tried.
    @Test(arguments: [(5, 0), (5, 4), (31, 2), (31, 30), (32, 31), (40, 3), (40, 39)])
    func duplicateKeys(count: Int, repeated: Int) throws {
        let keys = (0..<count).map { "    key_\($0): 1\n" }.joined()
        let yaml = "models:\n  - name: a\n" + keys + "    key_\(repeated): 2\n"
        do {
            _ = try YAMLReader(bytes: Array(yaml.utf8), file: "l.yaml").read()
            Issue.record("the duplicate `key_\(repeated)` was accepted")
        } catch {
            // Lines: 1 `models:`, 2 `- name`, 3... the keys, then the repeat.
            #expect(error.location == SourceLocation(file: "l.yaml", line: 3 + count, column: 5))
            #expect(error.message == "duplicate key `key_\(repeated)` in this mapping")
        }
        // Without the repeat every key is kept, in order.
        let clean = "models:\n  - name: a\n" + keys
        let root = try YAMLReader(bytes: Array(clean.utf8), file: "l.yaml").read()
        let model = root.mapping?.first?.value.sequence?.first?.mapping
        #expect(model?.map { $0.key.scalar ?? "" } == ["name"] + (0..<count).map { "key_\($0)" })
    }
}
