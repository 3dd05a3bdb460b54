#!/usr/bin/env python3
"""Writes the small checkpoint seeds of the fuzz targets with each format's reference writer.

  python3 fuzz/seeds/make_seeds.py     # needs numpy, safetensors, gguf

The test fixtures (Tests/ParamScopeTests/Fixtures/checkpoints/) are seeds too, but a safetensors
fixture is 200 KB and libFuzzer cuts inputs at -max_len; these carry the same header features
(metadata, several dtypes, 1-D to 3-D shapes, empty tensors) around a few bytes of data.
"""
import os

import numpy as np
import gguf
from safetensors.numpy import save_file

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    out = os.path.join(HERE, "safetensors")
    os.makedirs(out, exist_ok=True)
    save_file({"model.embed_tokens.weight": np.zeros((4, 2), np.float16),
               "model.norm.weight": np.ones((2,), np.float32),
               "lm_head.weight": np.zeros((4, 2), np.float16)},
              os.path.join(out, "tiny.safetensors"), metadata={"format": "pt"})
    save_file({"model.layers.0.mlp.experts.0.up_proj.weight": np.zeros((2, 3, 2), np.int8),
               "model.layers.0.self_attn.q_proj.bias": np.zeros((3,), np.int64),
               "empty": np.zeros((0, 5), np.float64)},
              os.path.join(out, "dtypes.safetensors"))

    writer = gguf.GGUFWriter(os.path.join(HERE, "gguf", "small.gguf"), "llama")
    writer.add_uint32("general.alignment", 32)
    writer.add_file_type(1)
    writer.add_array("tokenizer.ggml.tokens", ["a", "b", "c"])
    writer.add_array("tokenizer.ggml.scores", [0.5, 0.25, 0.125])
    writer.add_string("general.name", "small")
    writer.add_tensor("token_embd.weight", np.zeros((4, 8), np.float16))
    writer.add_tensor("output_norm.weight", np.ones((8,), np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


if __name__ == "__main__":
    main()
