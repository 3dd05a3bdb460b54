import ParamScopeCore

/// The pictures of a report: which figures each chart shows is decided here, once. Each chart
/// draws figures that a table on the same page lists, and its description says which table.
enum ReportCharts {
    /// A chart of more models than this would be taller than any screen and say less than the
    /// table beside it: the chart is left out and the table stays.
    static let maxModels = 50

    /// Per list: published, exact and seed estimate side by side for every model.
    static func comparison(_ models: [ModelSummary], id: String) -> SVGChart? {
        guard !models.isEmpty, models.count <= maxModels else { return nil }
        return SVGChart(
            id: id,
            title: "Exact vs published vs seed estimate",
            description: "For each model, bars for the exact count, the published figure (none when there is none) "
                + "and the seed estimate 12·L·h² + V·h, in parameters. The summary table lists the same figures.",
            axisLabel: axisLabel(models.flatMap { [$0.total, $0.published?.total.value ?? 0, $0.seedApprox] }),
            series: [SVGChart.Series(name: "Exact", colour: 1), SVGChart.Series(name: "Published", colour: 2),
                     SVGChart.Series(name: "Seed 12·L·h² + V·h", colour: 3)],
            rows: models.map { model in
                SVGChart.Row(label: model.name, values: [
                    Double(model.total),
                    model.published.map { Double($0.total.value) },
                    Double(model.seedApprox),
                ])
            },
            format: { parameters($0) },
            tickFormat: { tick(parameters($0)) })
    }

    /// The index: every model with a published figure, how far the exact count and the seed
    /// estimate are from it (signed, in percent).
    static func deviation(_ models: [ModelSummary], id: String) -> SVGChart? {
        let compared = models.filter { $0.published != nil }
        guard !compared.isEmpty, compared.count <= maxModels else { return nil }
        return SVGChart(
            id: id,
            title: "Distance from the published figure",
            description: "For each model with a published figure, (exact − published) / published and "
                + "(seed estimate − published) / published, in percent; bars left of zero are below the published figure. "
                + "The summary table lists the exact deviation.",
            axisLabel: "Deviation from the published figure (%)",
            series: [SVGChart.Series(name: "Exact", colour: 1), SVGChart.Series(name: "Seed 12·L·h² + V·h", colour: 3)],
            rows: compared.map { model in
                let published = Double(model.published?.total.value ?? 1)
                return SVGChart.Row(label: model.name, values: [
                    (Double(model.total) - published) / published * 100,
                    (Double(model.seedApprox) - published) / published * 100,
                ])
            },
            format: { NumberFormat.percent($0 / 100) },
            tickFormat: { tick(NumberFormat.percent($0 / 100)) })
    }

    /// The per-model charts' one series each, built once (not an array per chart).
    private static let parametersSeries = [SVGChart.Series(name: "Parameters", colour: 1)]
    private static let weightsSeries = [SVGChart.Series(name: "Weights", colour: 4)]

    /// Per model: parameters per component, the non-zero ones (the table lists all of them).
    static func breakdown(_ model: ModelReport) -> SVGChart {
        // The axis' unit comes from the largest count, which is the largest non-zero one
        // whenever any is drawn.
        let components = model.result.components
        var labels: [String] = [], values: [Double?] = []
        labels.reserveCapacity(components.count)
        values.reserveCapacity(components.count)
        var largest = 0
        if let parts = ReportTables.checkpointParts(model.result) {
            for part in CheckpointPart.allCases {
                let count = parts[part] ?? 0
                guard count != 0 else { continue }
                labels.append(part.rawValue)
                values.append(Double(count))
                largest = max(largest, count)
            }
        } else {
            for (component, count) in components {
                guard count != 0 else { continue }
                labels.append(component.rawValue)
                values.append(Double(count))
                largest = max(largest, count)
            }
        }
        return SVGChart(
            width: 480,
            id: "\(model.anchor)-breakdown-chart",
            title: "Parameters by component",
            description: """
                Parameters of \(model.name) per component; components with none are left out. \
                The table “Breakdown by component” lists every component with its exact count and share.
                """,
            axisLabel: axisLabel([largest]),
            series: parametersSeries,
            labels: labels, values: values,
            writeValue: { value, out in parameters(value, into: out) },
            writeTick: { value, out in
                let start = out.count
                parameters(value, into: out)
                out.trimFractionZeros(from: start)
            })
    }

    /// Per model: the weights' size in each precision of the report.
    static func storage(_ model: ModelReport) -> SVGChart {
        SVGChart(
            width: 480,
            id: "\(model.anchor)-storage-chart",
            title: "Weights per precision",
            description: """
                Size of the weights of \(model.name) in each precision, in GB (10⁹ bytes). \
                The table “Weights per precision” lists the exact bytes.
                """,
            axisLabel: "GB (10⁹ bytes)",
            series: weightsSeries,
            labels: model.result.storage.map(\.label),
            values: model.result.storage.map { Double($0.bytes) / 1e9 },
            writeValue: { value, out in
                NumberFormat.threeSignificant(value, into: out)
                out.append(" GB")
            },
            writeTick: { value, out in
                let start = out.count
                NumberFormat.threeSignificant(value, into: out)
                out.trimFractionZeros(from: start)
            })
    }

    /// "Parameters", with the unit of the largest figure spelled out ("B = 10⁹").
    static func axisLabel(_ counts: [Int]) -> String {
        let largest = counts.max() ?? 0
        for (size, unit) in [(1_000_000_000_000, "T = 10¹²"), (1_000_000_000, "B = 10⁹"), (1_000_000, "M = 10⁶"), (1_000, "K = 10³")]
        where largest >= size {
            return "Parameters (\(unit))"
        }
        return "Parameters"
    }

    /// A count drawn as a Double, back in the words of the tables; a tick beyond `Int`'s range
    /// (a model near 2⁶³ parameters) is printed in trillions rather than trapping.
    static func parameters(_ value: Double) -> String {
        NumberFormat.text { parameters(value, into: $0) }
    }

    /// HTML-safe: digits, `.`, a unit, a minus sign.
    static func parameters(_ value: Double, into out: OutputBuffer) {
        guard value.isFinite else { out.append("—"); return }
        guard abs(value) < 9e18 else {
            NumberFormat.threeSignificant(value / 1e12, into: out)
            out.append("T")
            return
        }
        NumberFormat.parameters(Int(value.rounded()), into: out)
    }

    /// Tick labels without trailing zeros: "20.0B" → "20B", "+5.00%" → "+5%", "0.00%" → "0%".
    static func tick(_ text: String) -> String {
        NumberFormat.text { out in
            out.append(string: text)
            out.trimFractionZeros(from: 0)
        }
    }
}
