import Testing
@testable import ParamScope

@Suite struct FieldReaderTests {
    /// The byte-wise fast path accepts exactly the plain integers; everything else goes to the
    /// checks that explain the refusal (and `Int.max + 1` is refused, not wrapped).
    @Test(arguments: [
        ("4096", 4096), ("32_000", 32_000), ("0", 0), ("007", 7), ("9223372036854775807", Int.max),
        ("9223372036854775808", nil), ("_", nil), ("", nil), ("-1", nil), ("1.5", nil), ("1e3", nil), ("٣", nil), (" 1", nil),
    ] as [(String, Int?)])
    func plainDigits(text: String, expected: Int?) {
        #expect(FieldReader.plainDigits(text) == expected)
    }

    /// What the reader returns and says for the values the fast path passes on.
    @Test(arguments: [
        ("12_288", false, 12_288, nil),
        ("0", true, 0, nil),
        ("0", false, nil, "`layers` must be a positive integer, found 0"),
        ("-3", false, nil, "`layers` must be a positive integer, found -3"),
        ("99999999999999999999", false, nil, "`layers` is too large: 99999999999999999999 does not fit in a 64-bit integer"),
    ] as [(String, Bool, Int?, String?)])
    func positiveInt(text: String, allowZero: Bool, value: Int?, message: String?) {
        var reader = FieldReader()
        let node = YAMLNode(value: .scalar(text, quoted: false), location: SourceLocation(file: "l.yaml", line: 1, column: 1))
        #expect(reader.positiveInt(node, field: "layers", allowZero: allowZero) == value)
        #expect(reader.problems.first?.message == message)
    }
}
