import FuzzDriver
import ParamScope

// libFuzzer target: any page template is refused with a diagnostic or renders a bounded page,
// never a hang or a crash.
fuzz { _ = try? FuzzEntry.pageTemplate($0) }
