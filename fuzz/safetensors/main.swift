import FuzzDriver
import ParamScope

// libFuzzer target: any bytes as a .safetensors file must give a summary or a diagnostic, never a crash.
fuzz { _ = try? FuzzEntry.safetensors($0) }
