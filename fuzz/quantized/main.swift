import FuzzDriver
import ParamScope

// libFuzzer target: a config.json and a quantized .safetensors must give a summary or a diagnostic, never a crash.
fuzz { _ = try? FuzzEntry.quantized($0) }
