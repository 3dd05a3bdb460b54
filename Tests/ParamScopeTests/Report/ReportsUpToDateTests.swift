import Testing
@testable import ParamScope

/// `reports/` is committed: regenerating it from `configs/` must not change a byte. Checked by the
/// code `paramscope report --check` runs (`OutputDirectory.staleFiles(plan)`, `Pipeline.render`).
@Suite struct ReportsUpToDateTests {
    @Test func reportsMatchConfigs() throws {
        let lists = try Pipeline.load(["\(TestSupport.root)/configs"]).get().0
        let plan = ReportPlan(TestSupport.relativeToRoot(lists))
        let checked = try OutputDirectory("\(TestSupport.root)/reports")
            .staleFiles(plan, template: PageTemplate(directory: "\(TestSupport.root)/templates"), fragment: false)
        #expect(checked.stale.isEmpty, "reports/ is stale (\(checked.stale)); run `make report` and commit it")
        #expect(checked.summaries.count > 40)
    }
}
