import FuzzDriver
import ParamScope

// libFuzzer target: any bytes as model.safetensors.index.json must give a weight map or a diagnostic.
fuzz { _ = try? FuzzEntry.safetensorsIndex($0) }
