/// A horizontal bar chart drawn as inline SVG: one group of bars per row, one bar per series.
///
/// The chart is a picture of a table printed beside it, so its text equivalent is that table:
/// `<title>` and `<desc>` name the chart and point to the table, `role="img"` with
/// `aria-labelledby` lets a screen reader announce them. Every label is escaped; coordinates are
/// printed with one fixed decimal by integer arithmetic, so the same data gives the same bytes
/// in any locale. Colours are presentation attributes (so a page without our stylesheet, such as a
/// `--fragment` embedded in a docs theme, still shows them) that the stylesheet may override per
/// colour scheme through the `series-N` classes; text uses `currentColor`.
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
    var rows: [Row]
    /// Formats a value at a bar's end (and in its tooltip).
    var format: @Sendable (Double) -> String
    /// Formats a tick of the value axis (shorter: "20B", "+1%").
    var tickFormat: @Sendable (Double) -> String

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
        let titleID = HTMLEscape.text("\(id)-title"), descID = HTMLEscape.text("\(id)-desc")
        let plotLeft = labelWidth, plotRight = width - Self.valueWidth
        let values = rows.flatMap { $0.values.compactMap { $0 } }
        // Room left of the plot for the labels of bars that go below zero.
        let negativeRoom = values.contains { $0 < 0 } ? Self.valueWidth : 0
        let scale = Scale(values: values, from: plotLeft + negativeRoom, to: plotRight)
        let rowHeight = Double(series.count) * (Self.barHeight + Self.barGap) - Self.barGap
        let plotHeight = Double(rows.count) * (rowHeight + Self.rowGap)
        let height = Self.top + plotHeight + Self.axisHeight

        var out = "<figure class=\"chart\" id=\"\(HTMLEscape.text(id))\">\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\"\(width > 600 ? " class=\"wide\"" : "") role=\"img\" aria-labelledby=\"\(titleID) \(descID)\" "
        out += "viewBox=\"0 0 \(Self.fixed(width)) \(Self.fixed(height))\" width=\"\(Self.fixed(width))\" "
        out += "height=\"\(Self.fixed(height))\" style=\"max-width: 100%; height: auto\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\n"
        out += "<title id=\"\(titleID)\">\(HTMLEscape.text(title))</title>\n"
        out += "<desc id=\"\(descID)\">\(HTMLEscape.text(description))</desc>\n"
        out += "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"600\" fill=\"currentColor\">\(HTMLEscape.text(title))</text>\n"
        out += legend()

        // Grid and ticks behind the bars.
        let axisY = Self.top + plotHeight
        out += "<g class=\"axis\" stroke=\"currentColor\" stroke-opacity=\"0.25\">\n"
        for tick in scale.ticks {
            let x = Self.fixed(scale.position(tick))
            out += "<line x1=\"\(x)\" y1=\"\(Self.fixed(Self.top - 4))\" x2=\"\(x)\" y2=\"\(Self.fixed(axisY))\"/>\n"
        }
        out += "</g>\n<g class=\"ticks\" fill=\"currentColor\" text-anchor=\"middle\">\n"
        for tick in scale.ticks {
            out += "<text x=\"\(Self.fixed(scale.position(tick)))\" y=\"\(Self.fixed(axisY + 16))\">\(HTMLEscape.text(tickFormat(tick)))</text>\n"
        }
        out += "</g>\n"
        out += "<text class=\"axis-label\" x=\"\(Self.fixed((scale.from + scale.to) / 2))\" y=\"\(Self.fixed(axisY + 36))\" "
        out += "text-anchor=\"middle\" fill=\"currentColor\">\(HTMLEscape.text(axisLabel))</text>\n"

        for (rowIndex, row) in rows.enumerated() {
            let rowTop = Self.top + Double(rowIndex) * (rowHeight + Self.rowGap) + Self.rowGap / 2
            out += "<g class=\"row\">\n"
            out += "<text x=\"\(Self.fixed(plotLeft - 8))\" y=\"\(Self.fixed(rowTop + rowHeight / 2 + 4))\" text-anchor=\"end\" "
            out += "fill=\"currentColor\">\(HTMLEscape.text(Self.shortened(row.label)))</text>\n"
            for (seriesIndex, value) in row.values.enumerated() where seriesIndex < series.count {
                guard let value else { continue }
                let y = rowTop + Double(seriesIndex) * (Self.barHeight + Self.barGap)
                let zero = scale.position(0), end = scale.position(value)
                let x = min(zero, end), width = max(abs(end - zero), 0.5)
                let tip = "\(row.label), \(series[seriesIndex].name): \(format(value))"
                let colour = series[seriesIndex].colour
                out += "<rect class=\"series-\(colour)\" x=\"\(Self.fixed(x))\" y=\"\(Self.fixed(y))\" "
                out += "width=\"\(Self.fixed(width))\" height=\"\(Self.fixed(Self.barHeight))\" "
                out += "fill=\"\(Self.fill(colour))\"><title>\(HTMLEscape.text(tip))</title></rect>\n"
                let labelX = value < 0 ? x - 4 : x + width + 4
                out += "<text x=\"\(Self.fixed(labelX))\" y=\"\(Self.fixed(y + Self.barHeight - 3))\" font-size=\"11\" "
                out += "text-anchor=\"\(value < 0 ? "end" : "start")\" fill=\"currentColor\">\(HTMLEscape.text(format(value)))</text>\n"
            }
            out += "</g>\n"
        }
        if scale.hasNegative {
            let x = Self.fixed(scale.position(0))
            out += "<line class=\"zero\" x1=\"\(x)\" y1=\"\(Self.fixed(Self.top - 4))\" x2=\"\(x)\" y2=\"\(Self.fixed(axisY))\" "
            out += "stroke=\"currentColor\" stroke-width=\"1.5\"/>\n"
        }
        out += "</svg>\n</figure>\n"
        return out
    }

    /// One swatch and name per series, left to right under the title.
    private func legend() -> String {
        guard series.count > 1 else { return "" }
        var out = "<g class=\"legend\">\n"
        var x = 0.0
        for item in series {
            out += "<rect class=\"series-\(item.colour)\" x=\"\(Self.fixed(x))\" y=\"22\" width=\"10\" height=\"10\" "
            out += "fill=\"\(Self.fill(item.colour))\"/>"
            out += "<text x=\"\(Self.fixed(x + 14))\" y=\"31\" fill=\"currentColor\">\(HTMLEscape.text(item.name))</text>\n"
            // An estimate of the text's width; legends are short, fixed English words.
            x += 14 + Double(item.name.count) * 6.5 + 18
        }
        return out + "</g>\n"
    }

    /// Wide enough for the longest (shortened) row label at 12px, estimated from its length.
    var labelWidth: Double {
        let longest = rows.map { Self.shortened($0.label).count }.max() ?? 0
        return min(190, max(50, Double(longest) * 6.8 + 14))
    }

    static func fill(_ colour: Int) -> String {
        fills[(max(colour, 1) - 1) % fills.count]
    }

    /// Long names are cut so the label column stays readable; the full name is in each bar's
    /// tooltip and in the table.
    static func shortened(_ label: String, limit: Int = 26) -> String {
        label.count <= limit ? label : String(label.prefix(limit - 1)) + "…"
    }

    /// One decimal, by integer arithmetic: no locale, no exponent, `-0` printed as `0`.
    static func fixed(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        let magnitude = tenths.magnitude
        let text = "\(magnitude / 10)" + (magnitude % 10 == 0 ? "" : ".\(magnitude % 10)")
        return tenths < 0 ? "-" + text : text
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

        init(values: [Double], from: Double, to: Double) {
            let finite = values.filter(\.isFinite)
            let minimum = min(0, finite.min() ?? 0), maximum = max(0, finite.max() ?? 0)
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
            for factor in [1.0, 2.0, 5.0, 10.0] where factor * power >= rough { return factor * power }
            return 10 * power
        }
    }
}
