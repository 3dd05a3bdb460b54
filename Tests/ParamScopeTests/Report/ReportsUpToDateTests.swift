import Testing
@testable import ParamScope

/// `reports/` is committed: regenerating it from `configs/` must not change a byte.
@Suite struct ReportsUpToDateTests {
    @Test func reportsMatchConfigs() throws {
        let report = try TestSupport.report(["\(TestSupport.root)/configs"])
        let site = try Site.render(report, template: PageTemplate(directory: "\(TestSupport.root)/templates"), fragment: false)
        let stale = OutputDirectory("\(TestSupport.root)/reports").staleFiles(site)
        #expect(stale.isEmpty, "reports/ is stale (\(stale)); run `make report` and commit it")
    }
}
