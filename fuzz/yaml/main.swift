import FuzzDriver
import ParamScope

// libFuzzer target: any bytes as a config list must give a list or diagnostics, never a crash.
fuzz { _ = try? ConfigLoader().parseList($0, file: "fuzz.yaml") }
