import Testing
@testable import ParamScope
@testable import ParamScopeCore

/// `JSONObjectWriter` writes each member straight into the buffer's block: the bytes must be
/// those `JSONValue.write` prints for the same object at the same indentation.
@Suite struct JSONObjectWriterTests {
    /// Quote, backslash, newline, tab, `<`, a control character, multi-byte text, an empty
    /// string; indentation levels past the eight spaces written at a time.
    @Test(arguments: [0, 1, 2, 3, 7])
    func sameAsJSONValue(indent: Int) {
        let texts = ["plain", "a\"b\\c\nd\te<f\u{1}g", "Llama 3.1 · 8B — “quoted”", ""]
        let expected = JSONValue.object([
            ("text", .string(texts[0])),
            ("escaped", .string(texts[1])),
            ("unicode", .string(texts[2])),
            ("empty", .string(texts[3])),
            ("int", .int(-1_234_567)),
            ("zero", .int(0)),
            ("yes", .bool(true)),
            ("no", .bool(false)),
            ("absent", .null),
            ("inner", .object([("deep", .int(Int.max)), ("none", .object([]))])),
            ("items", .array([.object([("index", .int(0))]), .object([("index", .int(1))])])),
            ("nothing", .array([])),
        ])
        var want = OutputBuffer()
        expected.write(into: &want, indent: indent)

        var out = OutputBuffer(capacity: 1)  // grows past its first block
        var object = JSONObjectWriter(out, indent: indent)
        object.string("text", texts[0])
        object.string("escaped", texts[1])
        object.string("unicode", texts[2])
        object.string("empty", texts[3])
        object.int("int", -1_234_567)
        object.int("zero", 0)
        object.bool("yes", true)
        object.bool("no", false)
        object.string("absent", nil as String?)
        object.object("inner") { inner in
            inner.int("deep", Int.max)
            inner.object("none") { _ in }
        }
        object.array("items", count: 2) { index, item in item.int("index", index) }
        object.array("nothing", count: 0) { _, _ in }
        object.end()
        out = object.out
        #expect(out.string == want.string)
    }

    /// Storage entries written through kept heads: the same bytes as three members each, when
    /// the formats change from one model to the next (a kept head is rebuilt), at two
    /// indentations, and for a label that needs escaping.
    @Test func storageHeads() {
        let models: [[StorageEntry]] = [
            [StorageEntry(format: "fp32", label: "FP32", bytes: 8), StorageEntry(format: "bf16", label: "BF16", bytes: 4)],
            [StorageEntry(format: "fp32", label: "FP32", bytes: 16), StorageEntry(format: "bf16", label: "BF16", bytes: 0)],
            [StorageEntry(format: "q4_0", label: "GGUF \"Q4_0\" <x>", bytes: 3)],
            [StorageEntry(format: "q4_0", label: "GGUF Q4_0", bytes: 3), StorageEntry(format: "int8", label: "INT8", bytes: -1)],
            // Long labels (heap Strings) with equal text and different storage, then a different text.
            [StorageEntry(format: "nf4", label: String(repeating: "NF4 (bitsandbytes) ", count: 2), bytes: 5)],
            [StorageEntry(format: "nf4", label: String(repeating: "NF4 (bitsandbytes) ", count: 2), bytes: 6)],
            [StorageEntry(format: "nf4", label: String(repeating: "NF4 + double quant ", count: 2), bytes: 7)],
        ]
        var heads = StorageHeads()
        for indent in [2, 0] {
            for entries in models {
                var want = OutputBuffer()
                var plain = JSONObjectWriter(want, indent: indent)
                plain.array("storage", count: entries.count) { index, item in
                    item.string("precision", entries[index].format)
                    item.string("label", entries[index].label)
                    item.int("bytes", entries[index].bytes)
                }
                plain.end()
                want = plain.out

                var out = OutputBuffer()
                var kept = JSONObjectWriter(out, indent: indent)
                entries.withUnsafeBufferPointer { buffer in
                    kept.array("storage", count: buffer.count) { index, item in
                        heads.write(buffer, at: index, into: &item)
                        item.out.append(int: buffer[index].bytes)
                    }
                }
                kept.end()
                out = kept.out
                #expect(out.string == want.string)
            }
        }
    }
}
