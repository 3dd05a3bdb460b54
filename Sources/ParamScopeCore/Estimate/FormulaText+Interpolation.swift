/// String interpolation into `FormulaText`, so the worked calculation's labels are written as
/// before (`"Q is \(heads)·\(hd) wide"`) but appended as bytes: `DefaultStringInterpolation`
/// cost ~3 K instructions per label, ~4 labels per model.
extension FormulaText: ExpressibleByStringInterpolation {
    init(stringLiteral value: StaticString) {
        self.init()
        append(value)
    }

    init(stringInterpolation: Interpolation) { self = stringInterpolation.text }

    struct Interpolation: StringInterpolationProtocol {
        var text = FormulaText()

        init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func appendLiteral(_ literal: StaticString) { text.append(literal) }
        mutating func appendInterpolation(_ value: Int) { text.append(value) }
        mutating func appendInterpolation(_ value: String) { text.append(value) }
    }
}
