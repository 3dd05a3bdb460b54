/// A horizontal bar chart drawn as inline SVG: one group of bars per row, one bar per series.
///
/// The chart is a picture of a table printed beside it, so its text equivalent is that table:
/// `<title>` and `<desc>` name the chart and point to the table, `role="img"` with
/// `aria-labelledby` lets a screen reader announce them. Every label is escaped; coordinates are
/// printed with one fixed decimal by integer arithmetic, so the same data gives the same bytes
/// in any locale. Colours are presentation attributes (so a page without our stylesheet, such as a
/// `--fragment` embedded in a docs theme, still shows them) that the stylesheet may override per
/// colour scheme through the `series-N` classes; text uses `currentColor`, set once on the
/// `<svg>` and inherited (every bar and swatch has its own fill), rather than on each text.
struct SVGChart: Sendable {
    struct Series: Sendable {
        var name: String
        /// Which colour (1-based `series-N` class): the same quantity keeps its colour on every chart.
        var colour: Int
    }

    struct Row: Sendable {
        var label: String
        /// One value per series; `nil` draws no bar (a model without a published figure).
        var values: [Double?]

        init(label: String, values: [Double?]) {
            self.label = label
            self.values = values
        }

        /// A row of a one-series chart.
        init(label: String, value: Double?) {
            self.init(label: label, values: [value])
        }
    }

    /// The drawing's width in SVG units; it scales to the page, so a chart meant for half a
    /// screen is drawn narrower to keep its text legible.
    var width: Double = 720
    /// Unique on its page: the chart's title and description get ids derived from it.
    var id: String
    var title: String
    var description: String
    /// The value axis, with its unit ("parameters", "GB (10⁹ bytes)").
    var axisLabel: String
    var series: [Series]
    /// The rows' labels, and their values row by row, `series.count` per row (`nil` draws no
    /// bar): one array of each per chart, not an array per bar.
    var labels: [String]
    var values: [Double?]
    /// Writes a value at a bar's end (and in its tooltip), escaped for HTML.
    var writeValue: @Sendable (Double, OutputBuffer) -> Void
    /// Writes a tick of the value axis (shorter: "20B", "+1%"), escaped for HTML.
    var writeTick: @Sendable (Double, OutputBuffer) -> Void

    /// - Parameters:
    ///   - format: a value at a bar's end (and in its tooltip); escaped when written.
    ///   - tickFormat: a tick of the value axis; escaped when written.
    init(
        width: Double = 720, id: String, title: String, description: String, axisLabel: String,
        series: [Series], rows: [Row],
        format: @escaping @Sendable (Double) -> String, tickFormat: @escaping @Sendable (Double) -> String
    ) {
        self.init(width: width, id: id, title: title, description: description, axisLabel: axisLabel,
                  series: series, rows: rows,
                  writeValue: { value, out in out.append(html: format(value)) },
                  writeTick: { value, out in out.append(html: tickFormat(value)) })
    }

    /// A chart whose values and ticks are printed straight into the page.
    ///
    /// - Parameters:
    ///   - writeValue: appends a value's text, already safe in HTML (the per-model charts print
    ///     numbers and units, which need no escaping, without building a String per bar).
    ///   - writeTick: appends a tick's text, already safe in HTML.
    init(
        width: Double = 720, id: String, title: String, description: String, axisLabel: String,
        series: [Series], rows: [Row],
        writeValue: @escaping @Sendable (Double, OutputBuffer) -> Void,
        writeTick: @escaping @Sendable (Double, OutputBuffer) -> Void
    ) {
        var values: [Double?] = []
        values.reserveCapacity(rows.count * series.count)
        for row in rows {
            for index in series.indices { values.append(index < row.values.count ? row.values[index] : nil) }
        }
        self.init(width: width, id: id, title: title, description: description, axisLabel: axisLabel, series: series,
                  labels: rows.map(\.label), values: values, writeValue: writeValue, writeTick: writeTick)
    }

    /// - Parameter values: row by row, `series.count` per row.
    init(
        width: Double = 720, id: String, title: String, description: String, axisLabel: String,
        series: [Series], labels: [String], values: [Double?],
        writeValue: @escaping @Sendable (Double, OutputBuffer) -> Void,
        writeTick: @escaping @Sendable (Double, OutputBuffer) -> Void
    ) {
        precondition(values.count == labels.count * series.count, "a chart needs a value (or nil) per row and series")
        self.width = width
        self.id = id
        self.title = title
        self.description = description
        self.axisLabel = axisLabel
        self.series = series
        self.labels = labels
        self.values = values
        self.writeValue = writeValue
        self.writeTick = writeTick
    }

    var rowCount: Int { labels.count }

    /// Fallback fills for series 1, 2, 3, ... (overridden by `.series-N` in the stylesheet).
    static let fills = ["#3b6fd4", "#d9822b", "#7d8894", "#2f9e5b"]

    // Layout, in SVG user units: the viewBox scales to the page's width.
    static let valueWidth = 70.0
    static let barHeight = 14.0
    static let barGap = 2.0
    static let rowGap = 10.0
    static let top = 40.0
    static let axisHeight = 44.0

    func render() -> String {
        let out = OutputBuffer()
        render(into: out)
        return out.string
    }

    /// Writes the chart straight into a page's buffer: charts are a large share of every model's
    /// section, so coordinates are printed digit by digit and labels escaped while appended.
    func render(into out: OutputBuffer) {
        // One pass over the values: the scale's extent, whether any bar goes below zero (a
        // non-finite value counts for that, not for the extent) and the longest label.
        var finiteMinimum = 0.0, finiteMaximum = 0.0, anyNegative = false, longest = 0
        for label in labels { longest = max(longest, Self.shortenedCount(label)) }
        for case let value? in values {
            if value < 0 { anyNegative = true }
            if value.isFinite {
                finiteMinimum = min(finiteMinimum, value)
                finiteMaximum = max(finiteMaximum, value)
            }
        }
        let plotLeft = Self.labelWidth(longest: longest), plotRight = width - Self.valueWidth
        // Room left of the plot for the labels of bars that go below zero.
        let negativeRoom = anyNegative ? Self.valueWidth : 0
        let scale = Scale(minimum: finiteMinimum, maximum: finiteMaximum, from: plotLeft + negativeRoom, to: plotRight)
        let rowHeight = Double(series.count) * (Self.barHeight + Self.barGap) - Self.barGap
        let plotHeight = Double(labels.count) * (rowHeight + Self.rowGap)
        let height = Self.top + plotHeight + Self.axisHeight

        // Text printed more than once is escaped once and its bytes copied after.
        out.append("<figure class=\"chart\" id=\"")
        let idStart = out.count
        out.append(html: id)
        let idEnd = out.count
        out.append("\">\n<svg xmlns=\"http://www.w3.org/2000/svg\"")
        if width > 600 { out.append(" class=\"wide\"") }
        out.append(" role=\"img\" aria-labelledby=\"")
        out.appendCopy(from: idStart, to: idEnd)
        out.append("-title ")
        out.appendCopy(from: idStart, to: idEnd)
        out.append("-desc\" viewBox=\"0 0 ")
        out.append(fixed: width)
        out.append(" ")
        out.append(fixed: height)
        out.append("\" width=\"")
        out.append(fixed: width)
        out.append("\" height=\"")
        out.append(fixed: height)
        out.append("\" style=\"max-width: 100%; height: auto\" font-family=\"system-ui, sans-serif\" font-size=\"12\" fill=\"currentColor\">\n")
        out.append("<title id=\"")
        out.appendCopy(from: idStart, to: idEnd)
        out.append("-title\">")
        out.append(html: title)
        out.append("</title>\n<desc id=\"")
        out.appendCopy(from: idStart, to: idEnd)
        out.append("-desc\">")
        out.append(html: description)
        out.append("</desc>\n<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"600\">")
        out.append(html: title)
        out.append("</text>\n")
        legend(into: out)

        // Grid and ticks behind the bars.
        let axisY = Self.top + plotHeight
        out.append("<g class=\"axis\" stroke=\"currentColor\" stroke-opacity=\"0.25\">\n")
        for tick in scale.ticks {
            Self.verticalLine(at: scale.position(tick), from: Self.top - 4, to: axisY, into: out)
        }
        out.append("</g>\n<g class=\"ticks\" text-anchor=\"middle\">\n")
        for tick in scale.ticks {
            out.append("<text x=\"")
            out.append(fixed: scale.position(tick))
            out.append("\" y=\"")
            out.append(fixed: axisY + 16)
            out.append("\">")
            writeTick(tick, out)
            out.append("</text>\n")
        }
        out.append("</g>\n<text class=\"axis-label\" x=\"")
        out.append(fixed: (scale.from + scale.to) / 2)
        out.append("\" y=\"")
        out.append(fixed: axisY + 36)
        out.append("\" text-anchor=\"middle\">")
        out.append(html: axisLabel)
        out.append("</text>\n")

        // The same in every row: printed for the first row, its bytes copied after.
        var labelX = 0..<0
        // Where each series' escaped name was first printed, to copy it into later bars.
        var seriesNames = [Range<Int>?](repeating: nil, count: series.count)
        let zero = scale.position(0)
        for rowIndex in labels.indices {
            let rowLabel = labels[rowIndex]
            let rowTop = Self.top + Double(rowIndex) * (rowHeight + Self.rowGap) + Self.rowGap / 2
            out.append("<g class=\"row\">\n<text x=\"")
            if labelX.isEmpty {
                let start = out.count
                out.append(fixed: plotLeft - 8)
                labelX = start..<out.count
            } else {
                out.appendCopy(from: labelX.lowerBound, to: labelX.upperBound)
            }
            out.append("\" y=\"")
            out.append(fixed: rowTop + rowHeight / 2 + 4)
            out.append("\" text-anchor=\"end\">")
            // The label in full, when it is not cut: its bytes are copied into each bar's title.
            var label: Range<Int>?
            if let cut = Self.cut(rowLabel) {
                out.append(html: cut)
            } else {
                let start = out.count
                out.append(html: rowLabel)
                label = start..<out.count
            }
            out.append("</text>\n")
            for seriesIndex in series.indices {
                guard let value = values[rowIndex * series.count + seriesIndex] else { continue }
                let y = rowTop + Double(seriesIndex) * (Self.barHeight + Self.barGap)
                let end = scale.position(value)
                let x = min(zero, end), width = max(abs(end - zero), 0.5)
                let colour = series[seriesIndex].colour
                out.append("<rect class=\"series-")
                out.append(int: colour)
                out.append("\" x=\"")
                out.append(fixed: x)
                out.append("\" y=\"")
                out.append(fixed: y)
                out.append("\" width=\"")
                out.append(fixed: width)
                out.append("\" height=\"")
                out.append(Self.barHeightText)
                out.append("\" fill=\"")
                out.append(Self.fillText(colour))
                out.append("\"><title>")
                if let label {
                    out.appendCopy(from: label.lowerBound, to: label.upperBound)
                } else {
                    out.append(html: rowLabel)
                }
                out.append(", ")
                if let name = seriesNames[seriesIndex] {
                    out.appendCopy(from: name.lowerBound, to: name.upperBound)
                } else {
                    let start = out.count
                    out.append(html: series[seriesIndex].name)
                    seriesNames[seriesIndex] = start..<out.count
                }
                out.append(": ")
                let formatted = out.count
                writeValue(value, out)
                let formattedEnd = out.count
                out.append("</title></rect>\n<text x=\"")
                out.append(fixed: value < 0 ? x - 4 : x + width + 4)
                out.append("\" y=\"")
                out.append(fixed: y + Self.barHeight - 3)
                // Left of a negative bar, ending at it; else from its end (`start` is SVG's default).
                out.append(value < 0 ? "\" font-size=\"11\" text-anchor=\"end\">" : "\" font-size=\"11\">")
                out.appendCopy(from: formatted, to: formattedEnd)
                out.append("</text>\n")
            }
            out.append("</g>\n")
        }
        if scale.hasNegative {
            Self.verticalLine(at: scale.position(0), from: Self.top - 4, to: axisY, into: out,
                              before: " class=\"zero\"", after: " stroke=\"currentColor\" stroke-width=\"1.5\"")
        }
        out.append("</svg>\n</figure>\n")
    }

    /// `<line x1=x y1=top x2=x y2=bottom/>` for grid lines and the zero line, with attributes
    /// `before` and `after` the coordinates.
    private static func verticalLine(
        at x: Double, from top: Double, to bottom: Double, into out: OutputBuffer,
        before: StaticString = "", after: StaticString = ""
    ) {
        out.append("<line")
        out.append(before)
        out.append(" x1=\"")
        out.append(fixed: x)
        out.append("\" y1=\"")
        out.append(fixed: top)
        out.append("\" x2=\"")
        out.append(fixed: x)
        out.append("\" y2=\"")
        out.append(fixed: bottom)
        out.append("\"")
        out.append(after)
        out.append("/>\n")
    }

    /// One swatch and name per series, left to right under the title.
    private func legend(into out: OutputBuffer) {
        guard series.count > 1 else { return }
        out.append("<g class=\"legend\">\n")
        var x = 0.0
        for item in series {
            out.append("<rect class=\"series-")
            out.append(int: item.colour)
            out.append("\" x=\"")
            out.append(fixed: x)
            out.append("\" y=\"22\" width=\"10\" height=\"10\" fill=\"")
            out.append(Self.fillText(item.colour))
            out.append("\"/><text x=\"")
            out.append(fixed: x + 14)
            out.append("\" y=\"31\">")
            out.append(html: item.name)
            out.append("</text>\n")
            // An estimate of the text's width; legends are short, fixed English words.
            x += 14 + Double(item.name.count) * 6.5 + 18
        }
        out.append("</g>\n")
    }

    /// Wide enough for the longest (shortened) row label at 12px, estimated from its length.
    var labelWidth: Double {
        var longest = 0
        for label in labels { longest = max(longest, Self.shortenedCount(label)) }
        return Self.labelWidth(longest: longest)
    }

    /// The label column for a longest shortened label of `longest` characters.
    static func labelWidth(longest: Int) -> Double {
        min(190, max(50, Double(longest) * 6.8 + 14))
    }

    static func fill(_ colour: Int) -> String {
        fills[(max(colour, 1) - 1) % fills.count]
    }

    /// `fill(colour)` as a static text (no String retained per bar); `fills` in the same order.
    static func fillText(_ colour: Int) -> StaticString {
        switch (max(colour, 1) - 1) % 4 {
        case 0: "#3b6fd4"
        case 1: "#d9822b"
        case 2: "#7d8894"
        default: "#2f9e5b"
        }
    }

    /// `fixed(barHeight)`, the height of every bar.
    static let barHeightText: StaticString = "14"

    /// Long names are cut so the label column stays readable; the full name is in each bar's
    /// tooltip and in the table.
    static func shortened(_ label: String, limit: Int = 26) -> String {
        cut(label, limit: limit) ?? label
    }

    /// The label cut to `limit` characters with "…", or nil when it fits.
    static func cut(_ label: String, limit: Int = 26) -> String? {
        // A character is at least one byte: a label of at most `limit` bytes is never cut.
        label.utf8.count <= limit || characters(label) <= limit ? nil : String(label.prefix(limit - 1)) + "…"
    }

    /// `shortened(label).count`, without building the string when the label is short.
    static func shortenedCount(_ label: String, limit: Int = 26) -> Int {
        let count = characters(label)
        return count <= limit ? count : shortened(label, limit: limit).count
    }

    /// `label.count`; for ASCII without carriage returns (where CR LF is one character) every
    /// byte is one character, so no grapheme breaking is needed.
    static func characters(_ label: String) -> Int {
        var copy = label
        let simple = copy.withUTF8 { bytes in
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return false }
            return true
        }
        return simple ? label.utf8.count : label.count
    }

    /// One decimal, by integer arithmetic: no locale, no exponent, `-0` printed as `0`.
    static func fixed(_ value: Double) -> String {
        let out = OutputBuffer(capacity: 32)
        out.append(fixed: value)
        return out.string
    }
}

extension SVGChart {
    /// Maps data to x positions; the domain always includes zero and ends on round ticks.
    struct Scale: Sendable {
        var low: Double
        var high: Double
        var from: Double
        var to: Double
        var ticks: [Double]
        var hasNegative: Bool { low < 0 }

        /// The scale of finite values from `minimum` to `maximum` (zero is added to the range).
        init(minimum: Double, maximum: Double, from: Double, to: Double) {
            let minimum = min(0, minimum), maximum = max(0, maximum)
            let step = Self.niceStep((maximum - minimum) / 4)
            low = (minimum / step).rounded(.down) * step
            high = max((maximum / step).rounded(.up) * step, low + step)
            var ticks: [Double] = []
            var index = 0
            while true {
                let tick = low + Double(index) * step
                if tick > high + step / 2 { break }
                // Snap to the step so 0.1 + 0.2 style residue never reaches a label.
                ticks.append((tick / step).rounded() * step)
                index += 1
            }
            self.ticks = ticks
            self.from = from
            self.to = to
        }

        func position(_ value: Double) -> Double {
            from + (value - low) / (high - low) * (to - from)
        }

        /// 1, 2 or 5 × a power of ten, at least `rough`.
        static func niceStep(_ rough: Double) -> Double {
            guard rough > 0, rough.isFinite else { return 1 }
            var power = 1.0
            while power * 10 <= rough { power *= 10 }
            while power > rough { power /= 10 }
            if power >= rough { return power }
            if 2 * power >= rough { return 2 * power }
            if 5 * power >= rough { return 5 * power }
            return 10 * power
        }
    }
}
