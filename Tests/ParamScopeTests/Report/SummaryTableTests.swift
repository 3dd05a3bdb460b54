import ParamScopeCore
import Testing
@testable import ParamScope

/// The summary row (index and list pages): the Q4_K_M column appears only when that format is
/// among the storage figures, and shows that format's bytes — never an estimate of its own.
@Suite struct SummaryTableTests {
    static func report(formats: [StorageFormat]) throws -> Report {
        let lists = ConfigLoader().load(["\(TestSupport.fixtures)/seed.yaml"]).0
        return try ReportBuilder.build(lists, options: ReportOptions(formats: formats)).get()
    }

    @Test func noQ4ColumnWithoutTheFormat() throws {
        let table = ReportTables.summary(try Self.report(formats: [.fp32, .bf16, .int8]).summaries, linkPages: true)
        #expect(table.headers == ["Model", "Family", "Exact parameters", "Active", "Published", "Deviation",
                                  "Seed 12·L·h² + V·h", "BF16 weights"])
    }

    /// A stand-in `q4_k_m` of 4 bits per weight: Generic-1B's 1,273,696,256 parameters
    /// × 4 / 8 = 636,848,128 bytes = 0.637 GB; BF16 × 2 = 2,547,392,512 = 2.55 GB.
    @Test func q4ColumnShowsTheFormatsBytes() throws {
        let q4 = StorageFormat.uniform("q4_k_m", label: "Q4_K_M", bits: 4, rule: "test stand-in")
        let table = ReportTables.summary(try Self.report(formats: [.bf16, q4]).summaries, linkPages: true)
        #expect(table.headers.last == "Q4_K_M weights")
        let generic = try #require(table.rows.first)
        #expect(generic.map(\.text) == ["Generic-1B", "generic", "1,273,696,256", "1.27B", "1.3B", "\u{2212}2.02% ✓",
                                        "1.27B", "2.55 GB", "0.637 GB"])
    }

    /// A deviation above 10% is never emphasised (green), whatever the basis, even when the figure
    /// is consistent: 2,506,172,416 truncates to "2B" (one significant digit) but is +25.31%;
    /// 1,273,696,256 against 1.3B is −2.02% and consistent.
    @Test(arguments: [
        ("2B", 2_506_172_416, "+25.31% ✓", false),
        ("1.3B", 1_273_696_256, "\u{2212}2.02% ✓", true),
        ("1.5B", 1_273_696_256, "\u{2212}15.09%", false),
        // +10.00% exactly: 1,100,000,000 to one digit is 1B (truncated), 10% away, emphasised.
        ("1B", 1_100_000_000, "+10.00% ✓", true),
        ("1B", 1_100_000_001, "+10.00% ✓", false),
    ])
    func farFiguresAreNeverGreen(_ figure: String, _ exact: Int, _ text: String, _ strong: Bool) throws {
        let deviation = Deviation(exact: exact, published: try #require(PublishedCount(figure)))
        let cell = ReportTables.deviationCell(deviation)
        #expect(cell.text == text)
        #expect(cell.strong == strong)
    }
}
