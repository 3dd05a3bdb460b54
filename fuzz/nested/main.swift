import FuzzDriver
import ParamScope

// libFuzzer target: a config.json with nested configs (text_config, vision_config, ...) must give
// specs (then counted) or a diagnostic, never a crash.
fuzz { _ = try? FuzzEntry.nestedConfig($0) }
