#!/usr/bin/env python3
"""Writes the fixture repos the stand-in Hub (hub_server.py) serves: `python3 make_hub_fixtures.py`.

Safetensors files are written as their JSON headers only (`X.safetensors.header.json`, the format's
header: {name: {dtype, shape, data_offsets}}); the server sends the 8-byte length, the header and
zeros for the data, so a 117 MB shard costs a few KB here. Commits are fixed hex strings.

- tiny/llama          main: Llama, 2 layers, hidden 64, 4 heads / 2 KV, ffn 128, vocab 256, untied,
                      BF16: 16,384 + 2·36,992 + 64 + 16,384 = 106,816 parameters.
                      v1 (a tag): the same with 3 layers: 106,816 + 36,992 = 143,808.
- tiny/llama-sharded  the 2-layer model in two BF16 shards and the index.
- tiny/deep           160 layers of the same widths: a ~190 KB header, past the first 100 KB range.
- big/llama           2 layers, hidden 1024, 8 heads, ffn 2816, vocab 16000, untied: one 117 MB shard.
- tiny/unknown        tiny/llama's files with `model_type: "mystery"`: no family knows it, so the
                      checkpoint's 106,816 parameters are the count (basis: checkpoint).
- gated/llama         tiny/llama behind a token (`hf_stand_in_token`).
- flaky/llama         tiny/llama; the first two requests answer 429 with Retry-After: 1.
- dropped/llama       tiny/llama; the first two requests are read and their connection closed
                      without an answer (a dropped keep-alive connection, a proxy that gave up).
- slow/llama          tiny/llama; each answer waits 3 s.
- liar/llama          a model.safetensors whose length field claims 1 GB in a 64-byte file.
- liar/ignores-range  big/llama from a CDN that ignores Range (sends the whole file).
- gguf/tiny           tiny.gguf (the Checkpoint tests' file) and big-header.gguf, whose 1.5 MB metadata
                      string runs past the first 1 MiB range (one F32 tensor [4, 8]); no config.json.
The benchmark's 100 repos are copies of tiny/llama-sharded that the server makes
(`hub_server.py --copies 100:tiny/llama-sharded`: bench/model-000 ... bench/model-099).
"""
import json
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
REPOS = os.path.join(HERE, "repos")
CHECKPOINTS = os.path.join(HERE, "..", "checkpoints")

COMMITS = {
    "llama-main": "1111111111111111111111111111111111111111",
    "llama-v1": "2222222222222222222222222222222222222222",
    "sharded": "3333333333333333333333333333333333333333",
    "deep": "4444444444444444444444444444444444444444",
    "big": "5555555555555555555555555555555555555555",
    "liar": "6666666666666666666666666666666666666666",
    "gguf": "7777777777777777777777777777777777777777",
    "unknown": "8888888888888888888888888888888888888888",
}


def llama_shapes(layers, hidden, heads, kv_heads, ffn, vocab):
    head_dim = hidden // heads
    shapes = {"model.embed_tokens.weight": (vocab, hidden)}
    for i in range(layers):
        p = f"model.layers.{i}"
        shapes[f"{p}.self_attn.q_proj.weight"] = (heads * head_dim, hidden)
        shapes[f"{p}.self_attn.k_proj.weight"] = (kv_heads * head_dim, hidden)
        shapes[f"{p}.self_attn.v_proj.weight"] = (kv_heads * head_dim, hidden)
        shapes[f"{p}.self_attn.o_proj.weight"] = (hidden, heads * head_dim)
        shapes[f"{p}.mlp.gate_proj.weight"] = (ffn, hidden)
        shapes[f"{p}.mlp.up_proj.weight"] = (ffn, hidden)
        shapes[f"{p}.mlp.down_proj.weight"] = (hidden, ffn)
        shapes[f"{p}.input_layernorm.weight"] = (hidden,)
        shapes[f"{p}.post_attention_layernorm.weight"] = (hidden,)
    shapes["model.norm.weight"] = (hidden,)
    shapes["lm_head.weight"] = (vocab, hidden)
    return shapes


def config(layers, hidden, heads, kv_heads, ffn, vocab):
    return {
        "architectures": ["LlamaForCausalLM"], "model_type": "llama",
        "hidden_size": hidden, "intermediate_size": ffn, "num_attention_heads": heads,
        "num_key_value_heads": kv_heads, "num_hidden_layers": layers, "vocab_size": vocab,
        "max_position_embeddings": 512, "rms_norm_eps": 1e-5, "tie_word_embeddings": False,
        "torch_dtype": "bfloat16",
    }


def header(shapes, dtype="BF16", width=2):
    out, offset = {"__metadata__": {"format": "pt"}}, 0
    for name in sorted(shapes):
        count = 1
        for d in shapes[name]:
            count *= d
        out[name] = {"dtype": dtype, "shape": list(shapes[name]), "data_offsets": [offset, offset + count * width]}
        offset += count * width
    return out


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        if path.endswith(".header.json"):
            json.dump(value, f, separators=(",", ":"))
        else:
            json.dump(value, f, indent=1)
        f.write("\n")


def model(folder, sizes, sharded=False):
    shapes = llama_shapes(*sizes)
    write_json(os.path.join(folder, "config.json"), config(*sizes))
    if not sharded:
        write_json(os.path.join(folder, "model.safetensors.header.json"), header(shapes))
        return
    names = sorted(shapes)
    halves = [names[: len(names) // 2], names[len(names) // 2:]]
    weight_map = {}
    for index, half in enumerate(halves, 1):
        shard = f"model-{index:05d}-of-00002.safetensors"
        write_json(os.path.join(folder, shard + ".header.json"), header({n: shapes[n] for n in half}))
        weight_map.update({n: shard for n in half})
    write_json(os.path.join(folder, "model.safetensors.index.json"), {"metadata": {}, "weight_map": weight_map})


def repo(name, refs, **meta):
    write_json(os.path.join(REPOS, name, "repo.json"), dict(refs=refs, **meta))
    return os.path.join(REPOS, name)


def gguf_with_long_string(path, length):
    """A GGUF v3 file: one string key/value of `length` bytes, one F32 tensor [8, 4]."""
    key, value = b"general.description", b"a" * length
    out = b"GGUF" + struct.pack("<IQQ", 3, 1, 1)
    out += struct.pack("<Q", len(key)) + key + struct.pack("<I", 8) + struct.pack("<Q", len(value)) + value
    name = b"output.weight"
    out += struct.pack("<Q", len(name)) + name + struct.pack("<I", 2) + struct.pack("<QQ", 8, 4)
    out += struct.pack("<IQ", 0, 0)
    out += bytes(-len(out) % 32) + bytes(8 * 4 * 4)
    with open(path, "wb") as f:
        f.write(out)


def main():
    shutil.rmtree(REPOS, ignore_errors=True)
    tiny = (2, 64, 4, 2, 128, 256)
    model(os.path.join(repo("tiny/llama", {"main": COMMITS["llama-main"], "v1": COMMITS["llama-v1"]}), COMMITS["llama-main"]), tiny)
    model(os.path.join(REPOS, "tiny/llama", COMMITS["llama-v1"]), (3, 64, 4, 2, 128, 256))
    model(os.path.join(repo("tiny/llama-sharded", {"main": COMMITS["sharded"]}), COMMITS["sharded"]), tiny, sharded=True)
    unknown = os.path.join(repo("tiny/unknown", {"main": COMMITS["unknown"]}), COMMITS["unknown"])
    model(unknown, tiny)
    with open(os.path.join(unknown, "config.json")) as f:
        mystery = dict(json.load(f), model_type="mystery", architectures=["MysteryForCausalLM"])
    write_json(os.path.join(unknown, "config.json"), mystery)
    model(os.path.join(repo("tiny/deep", {"main": COMMITS["deep"]}), COMMITS["deep"]), (160, 64, 4, 2, 128, 256))
    big = (2, 1024, 8, 8, 2816, 16000)
    model(os.path.join(repo("big/llama", {"main": COMMITS["big"]}), COMMITS["big"]), big)
    model(os.path.join(repo("gated/llama", {"main": COMMITS["llama-main"]}, gated=True, token="hf_stand_in_token"),
                       COMMITS["llama-main"]), tiny)
    model(os.path.join(repo("flaky/llama", {"main": COMMITS["llama-main"]}, throttle=2, retry_after=1),
                       COMMITS["llama-main"]), tiny)
    model(os.path.join(repo("dropped/llama", {"main": COMMITS["llama-main"]}, drop=2), COMMITS["llama-main"]), tiny)
    model(os.path.join(repo("slow/llama", {"main": COMMITS["llama-main"]}, slow_ms=3000), COMMITS["llama-main"]), tiny)
    liar = os.path.join(repo("liar/llama", {"main": COMMITS["liar"]}), COMMITS["liar"])
    write_json(os.path.join(liar, "config.json"), config(*tiny))
    with open(os.path.join(liar, "model.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", 1_000_000_000) + b"{" + b" " * 55)
    model(os.path.join(repo("liar/ignores-range", {"main": COMMITS["big"]}, ignore_range=True), COMMITS["big"]), big)
    gguf = os.path.join(repo("gguf/tiny", {"main": COMMITS["gguf"]}), COMMITS["gguf"])
    os.makedirs(gguf, exist_ok=True)
    shutil.copy(os.path.join(CHECKPOINTS, "tiny.gguf"), os.path.join(gguf, "tiny.gguf"))
    # 1.5 MiB of metadata: the first 1 MiB range ends inside it, so the reader asks for more.
    gguf_with_long_string(os.path.join(gguf, "big-header.gguf"), 1_500_000)


if __name__ == "__main__":
    main()
