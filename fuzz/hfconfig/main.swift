import FuzzDriver
import ParamScope

// libFuzzer target: any bytes as a config.json must give a spec (then counted) or a diagnostic, never a crash.
fuzz { _ = try? FuzzEntry.hfConfig($0) }
