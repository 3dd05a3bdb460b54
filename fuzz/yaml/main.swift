import FuzzDriver
import ParamScope

/// No Hub: an `hf:` field in the random bytes is reported, never fetched.
let loader = ConfigLoader(hub: .failure(Diagnostic(file: nil, "the fuzz target reads no Hub models")))

// libFuzzer target: any bytes as a config list must give a list or diagnostics, never a crash.
fuzz { _ = try? loader.parseList($0, file: "fuzz.yaml") }
