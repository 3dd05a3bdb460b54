import Foundation
import Testing

/// Hostile and broken inputs through the real binary: each is refused with a precise first
/// diagnostic and exit status 2 (1 for a failed gate), never a crash, and nothing is written.
@Suite struct BadInputTableTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        /// Files to create in a fresh directory (DIR), by relative path.
        var files: [String: [UInt8]]
        /// Arguments; `DIR` is replaced by that directory.
        var arguments: [String]
        var status: Int32
        /// The first line on stderr; `DIR` is replaced.
        var firstLine: String
        /// Special files to make: name → `fifo`, or the target of a symbolic link.
        var special: [String: String]

        init(_ description: String, files: [String: String] = [:], binary: [String: [UInt8]] = [:], special: [String: String] = [:],
             _ arguments: [String], status: Int32 = 2, _ firstLine: String) {
            self.description = description
            self.special = special
            self.files = binary.merging(files.mapValues { Array($0.utf8) }) { $1 }
            self.arguments = arguments
            self.status = status
            self.firstLine = firstLine
        }
    }

    static let model = "models:\n  - name: M\n    layers: 2\n    hidden: 8\n    heads: 2\n    vocab: 10\n"
    static func list(_ yaml: String) -> [String: String] { ["l.yaml": yaml] }
    static let report = ["report", "DIR/l.yaml", "--out", "DIR/out"]
    static let estimate = ["estimate", "DIR/l.yaml"]

    static let cases: [Case] = [
        // Files that are not config lists at all.
        Case("missing file", ["report", "DIR/nope.yaml", "--out", "DIR/out"], "DIR/nope.yaml: error: no such file or directory"),
        Case("empty file", files: list(""), report, "DIR/l.yaml:1:1: error: the file is empty; expected a mapping with `models:`"),
        Case("only a comment", files: list("# nothing\n"), report, "DIR/l.yaml:2:1: error: the file is empty; expected a mapping with `models:`"),
        Case("binary garbage", binary: ["l.yaml": [0x00, 0xFF, 0x13, 0x37, 0x00, 0x01]], report,
             "DIR/l.yaml:1:1: error: invalid YAML: control characters are not allowed"),
        Case("invalid UTF-8", binary: ["l.yaml": Array("title: caf".utf8) + [0xC3, 0x28] + Array("\nmodels: []\n".utf8)], report,
             "DIR/l.yaml:1:12: error: invalid YAML: invalid trailing UTF-8 octet"),
        Case("a directory named .yaml", files: ["l.yaml/x": ""], report, "DIR/l.yaml: error: no *.yaml or *.yml config lists, no config.json and no checkpoint (model.safetensors, model.safetensors.index.json, *.gguf) in this directory"),
        Case("directory without lists", files: ["d/readme.txt": "hi"], ["report", "DIR/d", "--out", "DIR/out"],
             "DIR/d: error: no *.yaml or *.yml config lists, no config.json and no checkpoint (model.safetensors, model.safetensors.index.json, *.gguf) in this directory"),
        Case("top level is a sequence", files: list("- a\n- b\n"), report,
             "DIR/l.yaml:1:1: error: a config list must be a mapping with `title:` and `models:`, found a sequence"),
        Case("top level is a scalar", files: list("hello\n"), report,
             "DIR/l.yaml:1:1: error: a config list must be a mapping with `title:` and `models:`, found `hello`"),
        // YAML features that are refused where they appear.
        Case("anchor", files: list("defaults: &d {vocab: 10}\nmodels: []\n"), report,
             "DIR/l.yaml:1:11: error: anchors (`&d`) are not supported; use `defaults:` for shared values"),
        Case("billion laughs", files: list("a: &a [\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nmodels: []\n"), report,
             "DIR/l.yaml:1:4: error: anchors (`&a`) are not supported; use `defaults:` for shared values"),
        Case("alias", files: list("models:\n  - *m\n"), report, "DIR/l.yaml:2:5: error: aliases (`*name`) are not supported; write the value out"),
        Case("tag", files: list("models: !!seq []\n"), report, "DIR/l.yaml:1:9: error: tags (`tag:yaml.org,2002:seq`) are not supported; write a plain value"),
        Case("two documents", files: list("models: []\n---\nmodels: []\n"), report,
             "DIR/l.yaml:2:1: error: a second YAML document (`---`) is not supported; put every model in one list"),
        Case("deep nesting", files: list("models: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"), report,
             "DIR/l.yaml:1:72: error: nesting deeper than 64 levels; a config list needs four"),
        Case("tab indentation", files: list("models:\n\t- name: M\n"), report,
             "DIR/l.yaml:2:1: error: invalid YAML: found character that cannot start any token (while scanning for the next token at line 2)"),
        Case("duplicate key", files: list(model + "    layers: 3\n"), report, "DIR/l.yaml:7:5: error: duplicate key `layers` in this mapping"),
        Case("unclosed flow", files: list("models: [{name: a\n"), report,
             "DIR/l.yaml:2:1: error: invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping at line 1)"),
        // Structure.
        Case("models is a mapping", files: list("models: {a: 1}\n"), report,
             "DIR/l.yaml:1:9: error: `models` must be a sequence of models (`- name: ...`), found a mapping"),
        Case("no models key", files: list("title: x\n"), report, "DIR/l.yaml:1:1: error: a config list needs `models:`, a sequence of models"),
        Case("model is a scalar", files: list("models:\n  - just a name\n"), report,
             "DIR/l.yaml:2:5: error: a model must be a mapping of fields (`name:`, `layers:`, ...), found `just a name`"),
        Case("missing name", files: list("models:\n  - layers: 2\n"), report, "DIR/l.yaml:2:5: error: a model needs `name:`"),
        Case("name is a mapping", files: list("models:\n  - name: {a: 1}\n"), report, "DIR/l.yaml:2:11: error: `name` must be text, found a mapping"),
        Case("name as a default", files: list("defaults: {name: x}\n" + model), report, "DIR/l.yaml:1:12: error: `name` cannot be a default: every model needs its own"),
        Case("unknown top-level field", files: list("titel: x\n" + model), report,
             "DIR/l.yaml:1:1: error: unknown field `titel` at the top of a config list (expected title, description, defaults, models); did you mean `title`?"),
        Case("unknown model field", files: list(model + "    hiden: 8\n"), report, "DIR/l.yaml:7:5: error: unknown field `hiden`; did you mean `hidden`?"),
        Case("duplicate model name", files: list(model + "  - name: M\n    layers: 1\n    hidden: 8\n    heads: 2\n    vocab: 10\n"), report,
             "DIR/l.yaml:7:5: error: duplicate model name \"M\" (first at line 2); names must be unique within a list"),
        // Numbers.
        Case("integer too large", files: list(model.replacing("layers: 2", with: "layers: 99999999999999999999")), report,
             "DIR/l.yaml:3:13: error: `layers` is too large: 99999999999999999999 does not fit in a 64-bit integer"),
        Case("width beyond any model", files: list(model.replacing("hidden: 8", with: "hidden: 4294967296").replacing("heads: 2", with: "heads: 1")), report,
             "DIR/l.yaml:4:13: error: `hidden` (4294967296) is larger than 2³⁰ = 1,073,741,824; no model is that wide"),
        // The generic preset's default ffn is 4h: for h = 2⁶¹ that wrapped to −2⁶³ and was reported instead of h.
        Case("width whose 4h overflows", files: list(model.replacing("hidden: 8", with: "hidden: 2305843009213693952").replacing("heads: 2", with: "heads: 1")), report,
             "DIR/l.yaml:4:13: error: `hidden` (2305843009213693952) is larger than 2³⁰ = 1,073,741,824; no model is that wide"),
        // 2¹² layers × (2³⁰)² per Q projection = 2⁷²: an error naming the model and tensor, not a trap.
        Case("product overflows", files: list("models:\n  - name: M\n    layers: 4096\n    hidden: 1073741824\n    ffn: 1073741824\n    heads: 1\n    vocab: 10\n"), report,
             "DIR/l.yaml:2:5: error: model \"M\": the parameters of model.layers.{layer}.self_attn.q_proj.weight does not fit in a 64-bit integer"),
        // Layers are walked one by one: 2³⁰ of them once took minutes and 16 GB; now refused at load.
        Case("too many layers", files: list(model.replacing("layers: 2", with: "layers: 1073741824")), report,
             "DIR/l.yaml:3:13: error: `layers` (1073741824) is more than 2¹² = 4,096; no model is that deep"),
        Case("negative", files: list(model.replacing("heads: 2", with: "heads: -2")), report, "DIR/l.yaml:5:12: error: `heads` must be a positive integer, found -2"),
        Case("zero", files: list(model.replacing("vocab: 10", with: "vocab: 0")), report, "DIR/l.yaml:6:12: error: `vocab` must be a positive integer, found 0"),
        Case("fraction", files: list(model.replacing("layers: 2", with: "layers: 2.5")), report, "DIR/l.yaml:3:13: error: `layers` must be an integer, found `2.5`"),
        Case("quoted number", files: list(model.replacing("layers: 2", with: "layers: \"2\"")), report,
             "DIR/l.yaml:3:13: error: `layers` must be an integer, found the string \"2\""),
        Case("boolean size", files: list(model.replacing("layers: 2", with: "layers: true")), report, "DIR/l.yaml:3:13: error: `layers` must be an integer, found `true`"),
        Case("heads do not divide hidden", files: list(model.replacing("heads: 2", with: "heads: 3")), report,
             "DIR/l.yaml:5:12: error: `heads` (3) must divide `hidden` (8), or set `head_dim`"),
        Case("kv_heads do not divide heads", files: list(model + "    kv_heads: 3\n"), report, "DIR/l.yaml:7:15: error: `kv_heads` (3) must divide `heads` (2)"),
        Case("experts_per_token above experts", files: list(model.replacing("    layers", with: "    architecture: mixtral\n    ffn: 16\n    layers") + "    experts: 4\n    experts_per_token: 5\n"), report,
             "DIR/l.yaml:10:24: error: `experts_per_token` (5) cannot exceed `experts` (4)"),
        Case("bad tied_embeddings", files: list(model + "    tied_embeddings: maybe\n"), report,
             "DIR/l.yaml:7:22: error: `tied_embeddings` must be true or false, found `maybe`"),
        Case("negative context", files: list(model + "    context: -1\n"), report, "DIR/l.yaml:7:14: error: `context` must be a positive integer, found -1"),
        // Published figures.
        Case("published nonsense", files: list(model + "    published: lots\n"), report,
             "DIR/l.yaml:7:16: error: `published` must be a parameter count like 6.7B, 124M, 1.5T or 6,738,415,616, found `lots`"),
        Case("published without total", files: list(model + "    published: {active: 1B}\n"), report,
             "DIR/l.yaml:7:16: error: `published` needs `total:` (the headline count, like 6.7B)"),
        Case("published bad basis", files: list(model + "    published: {total: 1B, basis: rumour}\n"), report,
             "DIR/l.yaml:7:35: error: `published.basis` must be paper, card or name, found \"rumour\""),
        Case("published unknown key", files: list(model + "    published: {total: 1B, sorce: x}\n"), report,
             "DIR/l.yaml:7:28: error: unknown field `published.sorce`; did you mean `source`?"),
        // Imported files.
        Case("hf_config missing", files: list(model.replacing("    layers: 2\n    hidden: 8\n    heads: 2\n    vocab: 10\n", with: "    hf_config: nope.json\n")), report,
             "DIR/l.yaml:3:16: error: cannot import hf_config \"nope.json\": cannot read this file (missing or no permission)"),
        Case("hf_config not JSON", files: ["l.yaml": "models:\n  - name: M\n    hf_config: c.json\n", "c.json": "{not json"], report,
             "DIR/l.yaml:3:16: error: cannot import hf_config \"c.json\": line 1, column 2: not valid JSON: expected a key in double quotes, found `n`"),
        Case("hf_config is a directory", files: ["l.yaml": "models:\n  - name: M\n    hf_config: d\n", "d/x": ""], report,
             "DIR/l.yaml:3:16: error: cannot import hf_config \"d\": is a directory, not a file"),
        Case("hf_config empty", files: ["l.yaml": "models:\n  - name: M\n    hf_config: c.json\n", "c.json": ""], report,
             "DIR/l.yaml:3:16: error: cannot import hf_config \"c.json\": line 1, column 1: not valid JSON: unexpected end of file; expected a value"),
        Case("hf_config binary garbage", files: ["l.yaml": "models:\n  - name: M\n    hf_config: c.json\n"], binary: ["c.json": [0x00, 0x01, 0x02, 0xFF]], report,
             "DIR/l.yaml:3:16: error: cannot import hf_config \"c.json\": line 1, column 1: not valid JSON: unexpected character `\\u{0}`; expected a value"),
        Case("hf_config invalid UTF-8", files: ["l.yaml": "models:\n  - name: M\n    hf_config: c.json\n"],
             binary: ["c.json": Array("{\"model_type\": \"llama".utf8) + [0xC3, 0x28] + Array("\"}".utf8)], report,
             "DIR/l.yaml:3:16: error: cannot import hf_config \"c.json\": line 1, column 22: not valid JSON: invalid UTF-8 (byte 0xC3 followed by 0x28)"),
        // JSONReader stops at 512 levels, at the bracket that goes one deeper.
        Case("config.json nested 10,000 deep", files: ["c.json": "{\"model_type\": \"llama\", \"x\": " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"],
             ["estimate", "DIR/c.json"], "DIR/c.json:1:541: error: not valid JSON: objects and arrays nested deeper than 512 levels"),
        Case("checkpoint is garbage", files: list(model + "    checkpoint: w.safetensors\n"), binary: ["w.safetensors": Array("garbage!".utf8)], report,
             "DIR/w.safetensors: error: the header length is 2406443243860549991 bytes; safetensors headers above 100000000 bytes are refused"),
        Case("checkpoint GGUF cut short", files: list(model + "    checkpoint: w.gguf\n"), binary: ["w.gguf": Array("GGUF".utf8) + [3, 0, 0, 0]], report,
             "DIR/w.gguf: error: truncated: the tensor count needs 8 bytes at offset 8, but the file has 8 bytes"),
        Case("checkpoint directory without weights", files: list(model + "    checkpoint: d\n").merging(["d/readme": ""]) { $1 }, report,
             "DIR/d: error: no model.safetensors, model.safetensors.index.json or *.gguf in this directory"),
        Case("config.json without model_type", files: ["c.json": "{\"hidden_size\": 8}"], ["estimate", "DIR/c.json"],
             "DIR/c.json: error: $: missing `model_type`; ParamScope reads it to choose the family (supported: "),
        Case("config.json is an array", files: ["c.json": "[1, 2]"], ["estimate", "DIR/c.json"], "DIR/c.json: error: a config.json must be a JSON object"),
        // Control characters: refused in a list's text at its line and column; escaped (`\u{1B}`)
        // in every diagnostic about other input — no ESC byte from input ever reaches stderr.
        Case("terminal escape in a name", files: list(model.replacing("name: M", with: "name: \"\\e[31mRed\\e]0;pwned\\a\"")), report,
             "DIR/l.yaml:2:11: error: `name` contains the control character U+001B (character 1); names and other one-line text may not hold control characters"),
        Case("NUL in a name", files: list(model.replacing("name: M", with: "name: \"A\\0B\"")), report,
             "DIR/l.yaml:2:11: error: `name` contains the control character U+0000 (character 2); names and other one-line text may not hold control characters"),
        Case("C1 control in a title", files: list("title: \"T\\x9b2J\"\n" + model), report,
             "DIR/l.yaml:1:8: error: `title` contains the control character U+009B (character 2); names and other one-line text may not hold control characters"),
        Case("NUL in notes", files: list(model + "    notes: \"a\\tb\\nc\\0\"\n"), report,
             "DIR/l.yaml:7:12: error: `notes` contains the control character U+0000 (character 6); text may hold tabs and line breaks, no other control characters"),
        Case("terminal escape in a field name", files: list(model + "    \"\\e[2Jx\": 1\n"), report,
             "DIR/l.yaml:7:5: error: unknown field `\\u{1B}[2Jx`"),
        Case("terminal escape in a model_type", files: ["c.json": "{\"model_type\": \"\\u001b]52;c;AAAA\\u0007\"}"], ["estimate", "DIR/c.json"],
             "DIR/c.json: error: $.model_type: unsupported model type \"\\u{1B}]52;c;AAAA\\u{7}\" (supported: "),
        Case("terminal escape in a tensor name", binary: ["w.safetensors": CheckpointBytes.safetensors("{\"\\u001b[31ma\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}", data: 8)],
             ["inspect", "DIR/w.safetensors"], "DIR/w.safetensors: error: tensor \"\\u{1B}[31ma\": data_offsets [0, 4] hold 4 bytes, but F32 [2] needs 8"),
        Case("terminal escape in a GGUF key", binary: ["w.gguf": CheckpointBytes.gguf(keys: [CheckpointBytes.string("\u{1B}[2Jgeneral.x") + CheckpointBytes.u32(99)], tensors: [], data: 0)],
             ["inspect", "DIR/w.gguf"], "DIR/w.gguf: error: \\u{1B}[2Jgeneral.x: unknown GGUF value type 99"),
        // JSON: every error at its line and column; booleans are never sizes; file order, not hash order.
        Case("config.json number out of range", files: ["c.json": "{\"model_type\": \"llama\",\n  \"rope_theta\": 1e400}"], ["estimate", "DIR/c.json"],
             "DIR/c.json:2:17: error: not valid JSON: the number 1e400 is out of range (beyond ±1.8e308)"),
        Case("config.json lone surrogate", files: ["c.json": "{\"model_type\": \"ll\\ud800ama\"}"], ["estimate", "DIR/c.json"],
             "DIR/c.json:1:19: error: not valid JSON: a lone surrogate \\uD800 (a high surrogate must be followed by a low one)"),
        Case("config.json lone low surrogate", files: ["c.json": "{\"model_type\":\n\"\\udc00\"}"], ["estimate", "DIR/c.json"],
             "DIR/c.json:2:2: error: not valid JSON: a lone surrogate \\uDC00 (a low surrogate without a high one)"),
        Case("config.json duplicate key", files: ["c.json": "{\"model_type\": \"llama\", \"hidden_size\": 8,\n \"hidden_size\": 16}"], ["estimate", "DIR/c.json"],
             "DIR/c.json:2:2: error: not valid JSON: duplicate key \"hidden_size\" in this object"),
        Case("config.json boolean size", files: ["c.json": "{\"model_type\": \"llama\", \"num_hidden_layers\": true}"], ["estimate", "DIR/c.json"],
             "DIR/c.json: error: $.num_hidden_layers: expected an integer, found true"),
        Case("safetensors boolean in a shape", binary: ["w.safetensors": CheckpointBytes.safetensors("{\"a\": {\"dtype\": \"F32\", \"shape\": [true, 4], \"data_offsets\": [0, 16]}}", data: 16)],
             ["inspect", "DIR/w.safetensors"], "DIR/w.safetensors: error: tensor \"a\": shape [true, 4] must hold non-negative integers"),
        Case("safetensors problems in file order", binary: ["w.safetensors": CheckpointBytes.safetensors(
            "{\"z\": {\"dtype\": \"F99\", \"shape\": [1], \"data_offsets\": [0, 4]}, \"a\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}, \"m\": 3}", data: 4)],
             ["inspect", "DIR/w.safetensors"], "DIR/w.safetensors: error: tensor \"z\": unknown dtype \"F99\" (known: BF16, BOOL, F16, F32, F4, F64, F6_E2M3, F6_E3M2, F8_E4M3, F8_E5M2, F8_E8M0, I16, I32, I64, I8, U16, U32, U64, U8)"),
        Case("safetensors header number out of range", binary: ["w.safetensors": CheckpointBytes.safetensors("{\"a\": {\"dtype\": \"F32\", \"shape\": [1e400], \"data_offsets\": [0, 4]}}", data: 4)],
             ["inspect", "DIR/w.safetensors"], "DIR/w.safetensors: error: the header is not valid JSON (line 1, column 34 of the header): the number 1e400 is out of range (beyond ±1.8e308)"),
        Case("index problems in file order", files: ["i/model.safetensors.index.json": "{\"weight_map\": {\"z\": \"/etc/passwd\", \"a\": \"../x\"}}"],
             ["inspect", "DIR/i/model.safetensors.index.json"],
             "DIR/i/model.safetensors.index.json: error: weight_map: tensor \"z\" must map to a shard file name beside the index"),
        // Only regular files are read: a device or a FIFO is refused at once, before any read
        // (a link to /dev/zero once allocated 4 GB; a FIFO waited for a writer forever).
        Case("list links to /dev/zero", special: ["l.yaml": "/dev/zero"], report,
             "DIR/l.yaml: error: is not a regular file (a character device); only regular files are read"),
        Case("list links to /dev/urandom", special: ["l.yaml": "/dev/urandom"], report,
             "DIR/l.yaml: error: is not a regular file (a character device); only regular files are read"),
        Case("list is a FIFO", special: ["l.yaml": "fifo"], report, "DIR/l.yaml: error: is not a regular file (a FIFO); only regular files are read"),
        Case("a FIFO among a directory's lists", files: ["d/a.yaml": model], special: ["d/b.yaml": "fifo"], ["report", "DIR/d", "--out", "DIR/out"],
             "DIR/d/b.yaml: error: is not a regular file (a FIFO); only regular files are read"),
        Case("hf_config is a FIFO", files: ["l.yaml": "models:\n  - name: M\n    hf_config: c.json\n"], special: ["c.json": "fifo"], report,
             "DIR/l.yaml:3:16: error: cannot import hf_config \"c.json\": is not a regular file (a FIFO); only regular files are read"),
        Case("hf_config links to /dev/zero", files: ["l.yaml": "models:\n  - name: M\n    hf_config: c.json\n"], special: ["c.json": "/dev/zero"], report,
             "DIR/l.yaml:3:16: error: cannot import hf_config \"c.json\": is not a regular file (a character device); only regular files are read"),
        Case("config.json is a FIFO", special: ["c.json": "fifo"], ["estimate", "DIR/c.json"],
             "DIR/c.json: error: is not a regular file (a FIFO); only regular files are read"),
        Case("model directory's config.json links to /dev/urandom", special: ["m/config.json": "/dev/urandom"], ["estimate", "DIR/m"],
             "DIR/m/config.json: error: is not a regular file (a character device); only regular files are read"),
        Case("checkpoint is a FIFO", files: list(model + "    checkpoint: w.safetensors\n"), special: ["w.safetensors": "fifo"], report,
             "DIR/w.safetensors: error: is not a regular file (a FIFO); only regular files are read"),
        Case("inspect a FIFO", special: ["w.gguf": "fifo"], ["inspect", "DIR/w.gguf"],
             "DIR/w.gguf: error: is not a regular file (a FIFO); only regular files are read"),
        Case("inspect /dev/zero", special: ["w.safetensors": "/dev/zero"], ["inspect", "DIR/w.safetensors"],
             "DIR/w.safetensors: error: is not a regular file (a character device); only regular files are read"),
        Case("index shard is a FIFO", files: ["i/model.safetensors.index.json": "{\"weight_map\": {\"a\": \"s.safetensors\"}}"],
             special: ["i/s.safetensors": "fifo"], ["inspect", "DIR/i/model.safetensors.index.json"],
             "DIR/i/s.safetensors: error: is not a regular file (a FIFO); only regular files are read"),
        Case("template is a FIFO", files: list(model).merging(["t/style.css": ""]) { $1 }, special: ["t/page.html.mustache": "fifo"],
             ["report", "DIR/l.yaml", "--out", "DIR/out", "--templates", "DIR/t"],
             "DIR/t/page.html.mustache: error: is not a regular file (a FIFO); only regular files are read"),
        Case("stylesheet links to /dev/zero", files: list(model).merging(["t/page.html.mustache": "{{{body}}}"]) { $1 }, special: ["t/style.css": "/dev/zero"],
             ["report", "DIR/l.yaml", "--out", "DIR/out", "--templates", "DIR/t"],
             "DIR/t/style.css: error: is not a regular file (a character device); only regular files are read"),
        Case("template too large", files: list(model).merging(["t/style.css": ""]) { $1 },
             binary: ["t/page.html.mustache": [UInt8](repeating: UInt8(ascii: "x"), count: 5 << 20)],
             ["report", "DIR/l.yaml", "--out", "DIR/out", "--templates", "DIR/t"],
             "DIR/t/page.html.mustache: error: the file is 5242880 bytes; templates above 4 MiB are refused"),
        // The command line.
        Case("negative max-deviation", files: list(model), ["report", "DIR/l.yaml", "--out", "DIR/out", "--max-deviation=-1"],
             "Error: --max-deviation must be a percentage ≥ 0, found -1.0"),
        Case("negative --context as its own argument", files: list(model), ["estimate", "DIR/l.yaml", "--context", "-5"],
             "Error: --context must be a positive number of tokens, found -5 (negative)"),
        Case("negative --context joined", files: list(model), ["report", "DIR/l.yaml", "--out", "DIR/out", "--context=-5"],
             "Error: --context must be a positive number of tokens, found -5 (negative)"),
        Case("negative --batch", files: list(model), ["estimate", "DIR/l.yaml", "--batch", "-1"],
             "Error: --batch must be a positive number of sequences, found -1 (negative)"),
        Case("negative --max-deviation as its own argument", files: list(model), ["report", "DIR/l.yaml", "--out", "DIR/out", "--max-deviation", "-3"],
             "Error: --max-deviation must be a percentage ≥ 0, found -3.0"),
        Case("bad --published", files: list(model), ["estimate", "DIR/l.yaml", "--published", "lots"],
             "Error: --published must be a count like 7B, 124M or 6,738,415,616, found \"lots\""),
        Case("missing templates", files: list(model), ["report", "DIR/l.yaml", "--out", "DIR/out", "--templates", "DIR/none"],
             "DIR/none/page.html.mustache: error: cannot read this file (missing or no permission)"),
        Case("broken template", files: list(model).merging(["t/page.html.mustache": "<p>\n{{#nav}}\n", "t/style.css": ""]) { $1 },
             ["report", "DIR/l.yaml", "--out", "DIR/out", "--templates", "DIR/t"],
             "DIR/t/page.html.mustache:3:1: error: template error: expectedSectionEnd"),
        Case("binary template", files: list(model).merging(["t/style.css": ""]) { $1 },
             binary: ["t/page.html.mustache": [0xFF, 0xFE, 0x00, 0x01] + Array("{{{body}}}".utf8)],
             ["report", "DIR/l.yaml", "--out", "DIR/out", "--templates", "DIR/t"], "DIR/t/page.html.mustache: error: the template is not valid UTF-8"),
        Case("style sheet not UTF-8", files: list(model).merging(["t/page.html.mustache": "{{{body}}}"]) { $1 },
             binary: ["t/style.css": Array("body {}".utf8) + [0xC3, 0x28]],
             ["report", "DIR/l.yaml", "--out", "DIR/out", "--templates", "DIR/t"], "DIR/t/style.css: error: the template is not valid UTF-8"),
        // A user template cannot hang a run: bounded nesting, bounded output, at the tag's line and column.
        Case("template nests sections too deep", files: list(model).merging(["t/style.css": "",
             "t/page.html.mustache": "{{{body}}}\n" + String(repeating: "{{#title}}", count: 17) + "x" + String(repeating: "{{/title}}", count: 17)]) { $1 },
             ["report", "DIR/l.yaml", "--out", "DIR/out", "--templates", "DIR/t"],
             "DIR/t/page.html.mustache:2:161: error: template error: sections nest deeper than 16 levels"),
        Case("template output explodes over nav", files: list(model).merging(["t/style.css": "",
             "t/page.html.mustache": "{{{body}}}\n{{#nav}}{{#nav}}{{#nav}}{{#nav}}<a>{{title}}</a>{{/nav}}{{/nav}}{{/nav}}{{/nav}}"]) { $1 },
             ["report", "DIR/l.yaml", "--out", "DIR/out", "--templates", "DIR/t"],
             "DIR/t/page.html.mustache:2:36: error: template error: the template can write more than 16 MiB per page here (sections over `nav` repeat their contents for each of up to 51 links)"),
        Case("template prints the body per link", files: list(model).merging(["t/style.css": "", "t/page.html.mustache": "<ul>{{#nav}}{{{ body }}}{{/nav}}</ul>"]) { $1 },
             ["report", "DIR/l.yaml", "--out", "DIR/out", "--templates", "DIR/t"],
             "DIR/t/page.html.mustache:1:13: error: template error: `body` inside a section over `nav` would print the page once per link"),
        Case("template changes delimiters", files: list(model).merging(["t/style.css": "", "t/page.html.mustache": "<p>\n  {{=<% %>=}}<%{body}%>"]) { $1 },
             ["report", "DIR/l.yaml", "--out", "DIR/out", "--templates", "DIR/t"],
             "DIR/t/page.html.mustache:2:3: error: template error: changing delimiters (`{{=...=}}`) is not supported in page templates"),
        Case("style sheet repeated over nav beyond the bound", files: list(model).merging(["t/style.css": String(repeating: "a{}", count: 200_000),
             "t/page.html.mustache": "{{{body}}}{{#nav}}<style>{{{style}}}</style>{{/nav}}"]) { $1 },
             ["report", "DIR/l.yaml", "--out", "DIR/out", "--templates", "DIR/t"],
             "DIR/t/page.html.mustache:1:26: error: template error: the template can write more than 16 MiB per page here (sections over `nav` repeat their contents for each of up to 51 links)"),
        // 1,696 vs 1.5K: +13.07%, under the 25% that warns, over the gate's 5%.
        Case("--out is a file", files: list(model).merging(["f": "mine"]) { $1 }, ["report", "DIR/l.yaml", "--out", "DIR/f"],
             "DIR/f: error: cannot create the output directory: The operation could not be completed. A file with the same name already exists."),
        Case("gate fails after writing", files: list(model + "    published: {total: 1.5K, basis: paper}\n"),
             ["report", "DIR/l.yaml", "--out", "DIR/out", "--max-deviation", "5"], status: 1,
             "gate: DIR/l.yaml: M: exact 1,696 is +13.07% from the published 1.5K (limit 5%)"),
    ]

    @Test(arguments: cases)
    func refused(_ c: Case) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, bytes) in c.files {
            let path = "\(directory)/\(name)"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
        }
        for (name, kind) in c.special {
            let path = "\(directory)/\(name)"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if kind == "fifo" {
                #expect(mkfifo(path, 0o644) == 0)
            } else {
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: kind.replacing("DIR", with: directory))
            }
        }
        let output = try CommandRunner.run(c.arguments.map { $0.replacing("DIR", with: directory) })
        let expected = c.firstLine.replacing("DIR", with: directory)
        #expect(output.status == c.status, "stderr: \(output.stderr)")
        #expect(!output.stderr.utf8.contains(0x1B), "an ESC byte reached stderr: \(output.stderr)")
        if expected.hasSuffix(" ") || expected.hasSuffix("(supported: ") {
            #expect(output.firstError.hasPrefix(expected))
        } else {
            #expect(output.firstError == expected)
        }
        // Bad input writes nothing; a failed gate still writes the reports.
        let wrote = FileManager.default.fileExists(atPath: "\(directory)/out")
        #expect(wrote == (c.status == 1))
    }

    /// A config file far too large to be a config is refused by its size, without reading it:
    /// a list, a config.json given directly, and one a list imports.
    @Test(arguments: ["huge.yaml", "config.json"]) func oneGigabyteFile(name: String) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = "\(directory)/\(name)"
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 1 << 30)  // sparse: no disk used
        try handle.close()
        let output = try CommandRunner.run(["report", path, "--out", "\(directory)/out"])
        #expect(output.status == 2)
        #expect(output.firstError == "\(path): error: the file is 1073741824 bytes; config files above 64 MiB are refused")
        guard name == "config.json" else { return }
        try Data("models:\n  - name: M\n    hf_config: config.json\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/l.yaml"))
        let imported = try CommandRunner.run(["report", "\(directory)/l.yaml", "--out", "\(directory)/out"])
        #expect(imported.status == 2)
        #expect(imported.firstError == "\(directory)/l.yaml:3:16: error: cannot import hf_config \"config.json\": the file is 1073741824 bytes; config files above 64 MiB are refused")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/out"))
    }

    /// Bad input leaves an existing --out exactly as it was.
    @Test func badInputLeavesOutputAlone() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: "\(directory)/out", withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: "\(directory)/out/index.html"))
        try Data("models: [\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/l.yaml"))
        let output = try CommandRunner.run(["report", "\(directory)/l.yaml", "--out", "\(directory)/out"])
        #expect(output.status == 2)
        #expect(try String(contentsOfFile: "\(directory)/out/index.html", encoding: .utf8) == "mine")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["l.yaml", "out"])
    }
}
