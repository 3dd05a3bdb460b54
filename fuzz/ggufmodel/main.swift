import FuzzDriver
import ParamScope

// libFuzzer target: any bytes as a GGUF read as a model must give a spec (then counted), none, or a diagnostic.
fuzz { _ = try? FuzzEntry.ggufModel($0) }
