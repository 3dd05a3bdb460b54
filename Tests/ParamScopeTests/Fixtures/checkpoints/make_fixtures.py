#!/usr/bin/env python3
"""Writes the small checkpoints the Checkpoint tests read, with each format's reference writer.

  python3 make_fixtures.py     # from this folder; needs numpy, torch, safetensors, gguf

- tiny-llama/: config.json (Llama, 2 layers, hidden 64, 4 heads / 2 KV heads, ffn 128, vocab 256,
  untied) and model.safetensors in BF16 (safetensors.torch.save_file).
- tiny-llama-sharded/: the same tensors in two shards (safetensors.numpy, F16 and F32) and the
  model.safetensors.index.json transformers writes beside them.
- tiny.gguf: a GGUF v3 file from gguf.GGUFWriter with F32, F16, Q8_0, Q4_0 and Q4_K tensors
  (the quantized ones quantized by gguf.quants, Q4_K passed as raw blocks).
- tiny-v2.gguf: the same bytes with the version field set to 2 — GGUF v2 and v3 share one layout
  (v3 only added big-endian files), so this is what a v2 writer produces.
Weights are a fixed pattern, never random, so the files are reproducible.
"""
import json
import os

import numpy as np
import torch
import gguf
from gguf import quants
from safetensors.numpy import save_file as save_numpy
from safetensors.torch import save_file as save_torch

HERE = os.path.dirname(os.path.abspath(__file__))
LAYERS, HIDDEN, HEADS, KV_HEADS, FFN, VOCAB = 2, 64, 4, 2, 128, 256
HEAD_DIM = HIDDEN // HEADS


def llama_shapes():
    shapes = {"model.embed_tokens.weight": (VOCAB, HIDDEN)}
    for i in range(LAYERS):
        p = f"model.layers.{i}"
        shapes[f"{p}.self_attn.q_proj.weight"] = (HEADS * HEAD_DIM, HIDDEN)
        shapes[f"{p}.self_attn.k_proj.weight"] = (KV_HEADS * HEAD_DIM, HIDDEN)
        shapes[f"{p}.self_attn.v_proj.weight"] = (KV_HEADS * HEAD_DIM, HIDDEN)
        shapes[f"{p}.self_attn.o_proj.weight"] = (HIDDEN, HEADS * HEAD_DIM)
        shapes[f"{p}.mlp.gate_proj.weight"] = (FFN, HIDDEN)
        shapes[f"{p}.mlp.up_proj.weight"] = (FFN, HIDDEN)
        shapes[f"{p}.mlp.down_proj.weight"] = (HIDDEN, FFN)
        shapes[f"{p}.input_layernorm.weight"] = (HIDDEN,)
        shapes[f"{p}.post_attention_layernorm.weight"] = (HIDDEN,)
    shapes["model.norm.weight"] = (HIDDEN,)
    shapes["lm_head.weight"] = (VOCAB, HIDDEN)
    return shapes


def pattern(shape, dtype=np.float32):
    n = int(np.prod(shape))
    return ((np.arange(n) % 17) / 17.0 - 0.5).astype(dtype).reshape(shape)


def write_config(folder):
    config = {
        "architectures": ["LlamaForCausalLM"], "model_type": "llama",
        "hidden_size": HIDDEN, "intermediate_size": FFN, "num_attention_heads": HEADS,
        "num_key_value_heads": KV_HEADS, "num_hidden_layers": LAYERS, "vocab_size": VOCAB,
        "max_position_embeddings": 512, "rms_norm_eps": 1e-5, "tie_word_embeddings": False,
        "torch_dtype": "bfloat16",
    }
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def main():
    shapes = llama_shapes()
    single = os.path.join(HERE, "tiny-llama")
    os.makedirs(single, exist_ok=True)
    write_config(single)
    save_torch({k: torch.from_numpy(pattern(s)).to(torch.bfloat16) for k, s in shapes.items()},
               os.path.join(single, "model.safetensors"), metadata={"format": "pt"})

    sharded = os.path.join(HERE, "tiny-llama-sharded")
    os.makedirs(sharded, exist_ok=True)
    write_config(sharded)
    names = list(shapes)
    halves = [names[: len(names) // 2], names[len(names) // 2:]]
    weight_map, total = {}, 0
    for index, half in enumerate(halves):
        shard = f"model-{index + 1:05d}-of-00002.safetensors"
        tensors = {k: pattern(shapes[k], np.float32 if len(shapes[k]) == 1 else np.float16) for k in half}
        save_numpy(tensors, os.path.join(sharded, shard), metadata={"format": "pt"})
        for k, v in tensors.items():
            weight_map[k] = shard
            total += v.nbytes
    with open(os.path.join(sharded, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": dict(sorted(weight_map.items()))}, f, indent=2)
        f.write("\n")

    path = os.path.join(HERE, "tiny.gguf")
    writer = gguf.GGUFWriter(path, "llama")
    writer.add_block_count(1)
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_Q8_0)
    writer.add_token_list([f"tok{i}" for i in range(8)])
    embd = pattern((VOCAB, HIDDEN))
    writer.add_tensor("token_embd.weight", quants.quantize(embd, gguf.GGMLQuantizationType.Q8_0),
                      raw_dtype=gguf.GGMLQuantizationType.Q8_0)
    writer.add_tensor("blk.0.attn_norm.weight", pattern((HIDDEN,)))
    writer.add_tensor("blk.0.attn_q.weight", pattern((HIDDEN, HIDDEN), np.float16))
    down = pattern((HIDDEN, FFN))
    writer.add_tensor("blk.0.ffn_down.weight", quants.quantize(down, gguf.GGMLQuantizationType.Q4_0),
                      raw_dtype=gguf.GGMLQuantizationType.Q4_0)
    # Q4_K: 2 rows of 256 weights = 2 blocks of 144 bytes, passed as raw blocks.
    writer.add_tensor("output.weight", np.zeros((2, 144), dtype=np.uint8),
                      raw_dtype=gguf.GGMLQuantizationType.Q4_K)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()

    with open(path, "rb") as f:
        data = bytearray(f.read())
    assert data[:4] == b"GGUF" and int.from_bytes(data[4:8], "little") == 3
    data[4:8] = (2).to_bytes(4, "little")
    with open(os.path.join(HERE, "tiny-v2.gguf"), "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
