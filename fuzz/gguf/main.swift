import FuzzDriver
import ParamScope

// libFuzzer target: any bytes as a .gguf file must give a summary or a diagnostic, never a crash.
fuzz { _ = try? FuzzEntry.gguf($0) }
