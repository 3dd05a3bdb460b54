import Testing
@testable import ParamScope

/// The one JSON printer, against the text written out: two-space indentation, `,` between
/// members, `{}` / `[]` when empty, escaped keys and values, exact integers.
@Suite struct JSONObjectWriterTests {
    @Test(arguments: [0, 1, 3])
    func printsPrettyJSON(indent: Int) {
        let out = OutputBuffer(capacity: 1)  // grows past its first block
        var object = JSONObjectWriter(out, indent: indent)
        object.string("text", "plain")
        object.string("escaped", "a\"b\\c\nd\te<f\u{1}g")
        object.string("unicode", "8B — “quoted”")
        object.string("empty", "")
        object.int("int", -1_234_567)
        object.int("max", Int.max)
        object.bool("yes", true)
        object.string("absent", nil as String?)
        object.double("half", 0.5)
        object.double("nan", .nan)
        object.object("inner") { inner in
            inner.int(named: "key \"named\"", 1)
            inner.object("none") { _ in }
        }
        object.array("items", count: 2) { index, item in item.int("index", index) }
        object.array("nothing", count: 0) { _, _ in }
        object.strings("names", ["a", "<b>"])
        object.end()
        let pad = String(repeating: "  ", count: indent)
        let expected = """
            {
            \(pad)  "text": "plain",
            \(pad)  "escaped": "a\\"b\\\\c\\nd\\te\\u003cf\\u0001g",
            \(pad)  "unicode": "8B — “quoted”",
            \(pad)  "empty": "",
            \(pad)  "int": -1234567,
            \(pad)  "max": 9223372036854775807,
            \(pad)  "yes": true,
            \(pad)  "absent": null,
            \(pad)  "half": 0.5,
            \(pad)  "nan": null,
            \(pad)  "inner": {
            \(pad)    "key \\"named\\"": 1,
            \(pad)    "none": {}
            \(pad)  },
            \(pad)  "items": [
            \(pad)    {
            \(pad)      "index": 0
            \(pad)    },
            \(pad)    {
            \(pad)      "index": 1
            \(pad)    }
            \(pad)  ],
            \(pad)  "nothing": [],
            \(pad)  "names": [
            \(pad)    "a",
            \(pad)    "\\u003cb>"
            \(pad)  ]
            \(pad)}
            """
        #expect(out.string == expected)
    }

    @Test func emptyObject() {
        let out = OutputBuffer()
        var object = JSONObjectWriter(out, indent: 2)
        object.end()
        #expect(out.string == "{}")
    }
}
