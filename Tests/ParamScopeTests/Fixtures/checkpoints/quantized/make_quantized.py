#!/usr/bin/env python3
"""Writes the quantized, buffer, unknown-family and checkpoint-only fixtures the Checkpoint tests read.

  /work/venv/bin/python make_quantized.py     # from anywhere; needs torch, transformers, safetensors, gguf

Shapes come from transformers' own classes (a tiny config built on the meta device); packed forms
follow the formats' public layouts (NOTES.md): every fixture's logical count is the unquantized
model's, which the tests assert. Weights are zeros (only shapes matter), so the files are small and
reproducible.
"""
import json
import os

import numpy as np
import torch
import gguf
from safetensors.numpy import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
LLAMA = {
    "architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 64, "intermediate_size": 128,
    "num_attention_heads": 4, "num_key_value_heads": 2, "num_hidden_layers": 2, "vocab_size": 256,
    "max_position_embeddings": 512, "rms_norm_eps": 1e-5, "tie_word_embeddings": False, "head_dim": 16,
}
LINEAR = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


def meta_shapes(config):
    """Parameter names and shapes of the config's class, as transformers builds it."""
    import transformers
    cfg = transformers.AutoConfig.for_model(**{k: v for k, v in config.items() if k != "architectures"})
    with torch.device("meta"):
        model = getattr(transformers, config["architectures"][0])(cfg)
    return {name: tuple(p.shape) for name, p in model.named_parameters(remove_duplicate=False)}, model


def write(folder, config, tensors, name="model.safetensors"):
    path = os.path.join(HERE, folder)
    os.makedirs(path, exist_ok=True)
    if config is not None:
        with open(os.path.join(path, "config.json"), "w") as f:
            json.dump(config, f, indent=2)
            f.write("\n")
    save_file(tensors, os.path.join(path, name), metadata={"format": "pt"})


def plain(shapes, dtype=np.float16):
    return {k: np.zeros(s, dtype) for k, s in shapes.items()}


def is_linear(name):
    return name.endswith(".weight") and name.split(".")[-2] in LINEAR


def gptq(shapes, bits=4, group=32, awq=False):
    out = {}
    for k, s in shapes.items():
        if not is_linear(k):
            out[k] = np.zeros(s, np.float16)
            continue
        p, (o, i) = k[: -len(".weight")], s
        pack = 32 // bits
        if awq:   # AutoAWQ GEMM: packed along the output
            out[p + ".qweight"] = np.zeros((i, o // pack), np.int32)
        else:     # GPTQ: packed along the input
            out[p + ".qweight"] = np.zeros((i // pack, o), np.int32)
            out[p + ".g_idx"] = np.zeros((i,), np.int32)
        out[p + ".qzeros"] = np.zeros((i // group, o // pack), np.int32)
        out[p + ".scales"] = np.zeros((i // group, o), np.float16)
    return out


def bnb4(shapes, blocksize=64):
    out = {}
    for k, s in shapes.items():
        if not is_linear(k):
            out[k] = np.zeros(s, np.float16)
            continue
        n = int(np.prod(s))
        out[k] = np.zeros(((n + 1) // 2, 1), np.uint8)
        out[k + ".absmax"] = np.zeros((n // blocksize,), np.uint8)
        out[k + ".quant_map"] = np.zeros((16,), np.float32)
        out[k + ".nested_absmax"] = np.zeros((1,), np.float32)
        out[k + ".nested_quant_map"] = np.zeros((256,), np.float32)
        state = {"quant_type": "nf4", "blocksize": blocksize, "dtype": "float16", "shape": list(s),
                 "nested_blocksize": 256, "nested_dtype": "float32", "nested_offset": 0.0}
        out[k + ".quant_state.bitsandbytes__nf4"] = np.frombuffer(json.dumps(state).encode(), np.uint8).copy()
    return out


def bnb8(shapes):
    out = {}
    for k, s in shapes.items():
        if not is_linear(k):
            out[k] = np.zeros(s, np.float16)
            continue
        out[k] = np.zeros(s, np.int8)
        out[k[: -len(".weight")] + ".SCB"] = np.zeros((s[0],), np.float32)
        out[k[: -len(".weight")] + ".weight_format"] = np.zeros((), np.uint8)
    return out


def fp8(shapes):
    import safetensors.torch
    out = {}
    for k, s in shapes.items():
        if is_linear(k):
            out[k] = torch.zeros(s, dtype=torch.float8_e4m3fn)
            out[k + "_scale_inv"] = torch.zeros(((s[0] + 127) // 128, (s[1] + 127) // 128), dtype=torch.float32)
        else:
            out[k] = torch.zeros(s, dtype=torch.bfloat16)
    return out


def nvfp4(shapes):
    """ModelOpt NVFP4: weight U8 [out, in/2], weight_scale F8_E4M3 [out, in/16], weight_scale_2 and
    input_scale F32 scalars."""
    out = {}
    for k, s in shapes.items():
        if is_linear(k):
            o, i = s
            out[k] = torch.zeros((o, i // 2), dtype=torch.uint8)
            out[k + "_scale"] = torch.zeros((o, i // 16), dtype=torch.float8_e4m3fn)
            out[k + "_scale_2"] = torch.zeros((), dtype=torch.float32)
            out[k[: -len("weight")] + "input_scale"] = torch.zeros((), dtype=torch.float32)
        else:
            out[k] = torch.zeros(s, dtype=torch.bfloat16)
    return out


def compressed(shapes, bits=4, group=32):
    out = {}
    for k, s in shapes.items():
        if not is_linear(k):
            out[k] = np.zeros(s, np.float16)
            continue
        p, (o, i) = k[: -len(".weight")], s
        out[p + ".weight_packed"] = np.zeros((o, i * bits // 32), np.int32)
        out[p + ".weight_scale"] = np.zeros((o, i // group), np.float16)
        out[p + ".weight_shape"] = np.array([o, i], np.int64)
    return out


def deepseek_gguf(ds, tensors):
    """The DeepSeek-V3 tensors as llama.cpp names them (gguf's tensor map; experts stacked into
    ffn_*_exps; the multi-token-prediction layer as blk.2.nextn.*, counted in block_count)."""
    layers = ds["num_hidden_layers"] + 1
    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.DEEPSEEK2, layers)
    w = gguf.GGUFWriter(os.path.join(HERE, "tiny-deepseek-v3.gguf"), "deepseek2")
    w.add_block_count(layers)
    w.add_nextn_predict_layers(1)
    w.add_embedding_length(ds["hidden_size"])
    w.add_feed_forward_length(ds["intermediate_size"])
    w.add_head_count(ds["num_attention_heads"])
    w.add_head_count_kv(ds["num_key_value_heads"])
    w.add_vocab_size(ds["vocab_size"])
    w.add_context_length(ds["max_position_embeddings"])
    w.add_q_lora_rank(ds["q_lora_rank"])
    w.add_kv_lora_rank(ds["kv_lora_rank"])
    w.add_key_length(ds["qk_nope_head_dim"] + ds["qk_rope_head_dim"])
    w.add_value_length(ds["v_head_dim"])
    w.add_rope_dimension_count(ds["qk_rope_head_dim"])
    w.add_leading_dense_block_count(ds["first_k_dense_replace"])
    w.add_expert_count(ds["n_routed_experts"])
    w.add_expert_used_count(ds["num_experts_per_tok"])
    w.add_expert_feed_forward_length(ds["moe_intermediate_size"])
    w.add_expert_shared_count(ds["n_shared_experts"])
    w.add_expert_gating_func(gguf.ExpertGatingFuncType.SIGMOID)
    w.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    experts = {}
    nextn = {"eh_proj": "eh_proj", "enorm": "enorm", "hnorm": "hnorm", "embed_tokens": "embed_tokens",
             "shared_head.head": "shared_head_head", "shared_head.norm": "shared_head_norm"}
    for k in sorted(tensors):
        t = tensors[k]
        parts = k.split(".")
        if ".experts." in k:
            experts.setdefault((parts[2], parts[-2].split("_")[0]), {})[int(parts[-3])] = t
            continue
        rest = ".".join(parts[3:-1])
        if parts[1] == "layers" and rest in nextn:
            w.add_tensor(f"blk.{parts[2]}.nextn.{nextn[rest]}.weight", t)
            continue
        new = names.get_name(k, try_suffixes=(".weight", ".bias"))
        assert new is not None, k
        w.add_tensor(new, t)
    for (block, kind), by_expert in sorted(experts.items()):
        w.add_tensor(f"blk.{block}.ffn_{kind}_exps.weight", np.stack([by_expert[e] for e in sorted(by_expert)]))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def main():
    shapes, _ = meta_shapes(LLAMA)
    assert sum(int(np.prod(s)) for s in shapes.values()) == 106_816

    q = {"quant_method": "gptq", "bits": 4, "group_size": 32, "desc_act": False, "sym": True}
    write("tiny-llama-gptq", {**LLAMA, "quantization_config": q}, gptq(shapes))
    a = {"quant_method": "awq", "bits": 4, "group_size": 32, "version": "gemm", "zero_point": True}
    write("tiny-llama-awq", {**LLAMA, "quantization_config": a}, gptq(shapes, awq=True))
    b4 = {"quant_method": "bitsandbytes", "load_in_4bit": True, "bnb_4bit_quant_type": "nf4",
          "bnb_4bit_use_double_quant": True}
    write("tiny-llama-bnb4", {**LLAMA, "quantization_config": b4}, bnb4(shapes))
    b8 = {"quant_method": "bitsandbytes", "load_in_8bit": True}
    write("tiny-llama-bnb8", {**LLAMA, "quantization_config": b8}, bnb8(shapes))
    import safetensors.torch
    f8 = {"quant_method": "fp8", "fmt": "e4m3", "activation_scheme": "dynamic", "weight_block_size": [128, 128]}
    os.makedirs(os.path.join(HERE, "tiny-llama-fp8"), exist_ok=True)
    with open(os.path.join(HERE, "tiny-llama-fp8", "config.json"), "w") as f:
        json.dump({**LLAMA, "quantization_config": f8}, f, indent=2)
        f.write("\n")
    safetensors.torch.save_file(fp8(shapes), os.path.join(HERE, "tiny-llama-fp8", "model.safetensors"))
    nv = {"quant_method": "modelopt", "quant_algo": "NVFP4", "group_size": 16}
    os.makedirs(os.path.join(HERE, "tiny-llama-nvfp4"), exist_ok=True)
    with open(os.path.join(HERE, "tiny-llama-nvfp4", "config.json"), "w") as f:
        json.dump({**LLAMA, "quantization_config": nv}, f, indent=2)
        f.write("\n")
    safetensors.torch.save_file(nvfp4(shapes), os.path.join(HERE, "tiny-llama-nvfp4", "model.safetensors"))
    ct = {"quant_method": "compressed-tensors", "format": "pack-quantized",
          "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 4, "type": "int",
                                                                           "strategy": "group", "group_size": 32}}}}
    write("tiny-llama-compressed", {**LLAMA, "quantization_config": ct}, compressed(shapes))

    # Buffers: rotary inv_freq beside every layer (older transformers saved it).
    buffers = plain(shapes)
    for i in range(LLAMA["num_hidden_layers"]):
        buffers[f"model.layers.{i}.self_attn.rotary_emb.inv_freq"] = np.zeros((8,), np.float32)
    write("tiny-llama-buffers", LLAMA, buffers)

    # An unknown model_type with Llama's tensors, and the tensors with no config at all.
    write("tiny-unknown", {**LLAMA, "model_type": "tinyfoo_lm", "architectures": ["TinyFooForCausalLM"]}, plain(shapes))
    write("tiny-noconfig", None, plain(shapes))

    # GPT-2 with its causal-mask buffers (attn.bias [1, 1, n, n], attn.masked_bias), as 2019-2023
    # checkpoints store them.
    g2 = {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "n_embd": 32, "n_head": 4, "n_layer": 2,
          "n_positions": 16, "vocab_size": 64, "tie_word_embeddings": True}
    gshapes, _ = meta_shapes(g2)
    gshapes = {k[len("transformer."):] if k.startswith("transformer.") else k: s for k, s in gshapes.items()}
    gshapes.pop("lm_head.weight", None)
    gpt2 = plain(gshapes, np.float32)
    for i in range(2):
        gpt2[f"h.{i}.attn.bias"] = np.zeros((1, 1, 16, 16), np.float32)
        gpt2[f"h.{i}.attn.masked_bias"] = np.zeros((), np.float32)
    write("tiny-gpt2-buffers", g2, gpt2)

    # gpt-oss: MXFP4 experts (blocks [E, out, in/32, 16] + scales [E, out, in/32]).
    oss = {"architectures": ["GptOssForCausalLM"], "model_type": "gpt_oss", "hidden_size": 64, "intermediate_size": 64,
           "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 16, "num_hidden_layers": 2,
           "num_local_experts": 4, "num_experts_per_tok": 2, "vocab_size": 128, "sliding_window": 8,
           "layer_types": ["sliding_attention", "full_attention"], "max_position_embeddings": 256,
           "tie_word_embeddings": False, "rope_parameters": {"rope_type": "yarn", "rope_theta": 150000.0, "factor": 32.0,
           "beta_fast": 32.0, "beta_slow": 1.0, "truncate": False, "original_max_position_embeddings": 4096}}
    oshapes, _ = meta_shapes(oss)
    mx = {}
    for k, s in oshapes.items():
        if k.endswith("experts.gate_up_proj") or k.endswith("experts.down_proj"):
            e, i, o = s          # transformers' parameter: [E, in, out]
            mx[k + "_blocks"] = np.zeros((e, o, i // 32, 16), np.uint8)
            mx[k + "_scales"] = np.zeros((e, o, i // 32), np.uint8)
        else:
            mx[k] = np.zeros(s, np.float16)
    mq = {"quant_method": "mxfp4", "modules_to_not_convert": ["model.layers.*.self_attn", "model.layers.*.mlp.router",
                                                               "model.embed_tokens", "lm_head"]}
    write("tiny-gpt-oss-mxfp4", {**oss, "quantization_config": mq}, mx)
    print("gpt-oss logical", sum(int(np.prod(s)) for s in oshapes.values()))

    # DeepSeek-V3 with its multi-token-prediction layer (layer index = num_hidden_layers) stored.
    ds = {"architectures": ["DeepseekV3ForCausalLM"], "model_type": "deepseek_v3", "hidden_size": 32,
          "intermediate_size": 64, "moe_intermediate_size": 16, "num_hidden_layers": 2, "num_attention_heads": 2,
          "num_key_value_heads": 2, "n_routed_experts": 4, "n_shared_experts": 1, "num_experts_per_tok": 2,
          "first_k_dense_replace": 1, "kv_lora_rank": 16, "q_lora_rank": 16, "qk_rope_head_dim": 8,
          "qk_nope_head_dim": 8, "v_head_dim": 8, "vocab_size": 64, "n_group": 1, "topk_group": 1,
          "num_nextn_predict_layers": 1, "tie_word_embeddings": False, "max_position_embeddings": 256}
    dshapes, _ = meta_shapes(ds)
    print("deepseek logical", sum(int(np.prod(s)) for s in dshapes.values()))
    # The Hub's files name each expert (transformers 5 fuses them into [E, ...] when it loads).
    split = {}
    for k, s in dshapes.items():
        if k.endswith("mlp.experts.gate_up_proj"):
            p = k[: -len("gate_up_proj")]
            for e in range(s[0]):
                split[f"{p}{e}.gate_proj.weight"] = (s[1] // 2, s[2])
                split[f"{p}{e}.up_proj.weight"] = (s[1] // 2, s[2])
        elif k.endswith("mlp.experts.down_proj"):
            p = k[: -len("down_proj")]
            for e in range(s[0]):
                split[f"{p}{e}.down_proj.weight"] = (s[1], s[2])
        else:
            split[k] = s
    dshapes = split
    dsv = plain(dshapes, np.float16)
    for k, s in dshapes.items():
        if k.startswith("model.layers.1."):
            dsv["model.layers.2." + k[len("model.layers.1."):]] = np.zeros(s, np.float16)
    for k, s in {"enorm.weight": (32,), "hnorm.weight": (32,), "eh_proj.weight": (32, 64),
                 "embed_tokens.weight": (64, 32), "shared_head.norm.weight": (32,), "shared_head.head.weight": (64, 32)}.items():
        dsv["model.layers.2." + k] = np.zeros(s, np.float16)
    write("tiny-deepseek-v3-mtp", ds, dsv)
    deepseek_gguf(ds, dsv)

    # GLM-4.5 (glm4_moe) with its next-n layer stored at index num_hidden_layers, in BF16.
    glm = {"architectures": ["Glm4MoeForCausalLM"], "model_type": "glm4_moe", "hidden_size": 32, "intermediate_size": 64,
           "moe_intermediate_size": 16, "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
           "head_dim": 8, "n_routed_experts": 4, "n_shared_experts": 1, "num_experts_per_tok": 2, "first_k_dense_replace": 1,
           "vocab_size": 64, "n_group": 1, "topk_group": 1, "partial_rotary_factor": 0.5, "attention_bias": True,
           "use_qk_norm": False, "num_nextn_predict_layers": 1, "tie_word_embeddings": False, "max_position_embeddings": 256}
    gshapes, _ = meta_shapes(glm)
    print("glm4_moe logical", sum(int(np.prod(s)) for s in gshapes.values()))
    split = {}
    for k, s in gshapes.items():
        if k.endswith("mlp.experts.gate_up_proj"):
            p = k[: -len("gate_up_proj")]
            for e in range(s[0]):
                split[f"{p}{e}.gate_proj.weight"] = (s[1] // 2, s[2])
                split[f"{p}{e}.up_proj.weight"] = (s[1] // 2, s[2])
        elif k.endswith("mlp.experts.down_proj"):
            p = k[: -len("down_proj")]
            for e in range(s[0]):
                split[f"{p}{e}.down_proj.weight"] = (s[1], s[2])
        else:
            split[k] = s
    import safetensors.torch
    gl = {k: torch.zeros(s, dtype=torch.bfloat16) for k, s in split.items()}
    for k, s in split.items():
        if k.startswith("model.layers.1."):
            gl["model.layers.2." + k[len("model.layers.1."):]] = torch.zeros(s, dtype=torch.bfloat16)
    for k, s in {"enorm.weight": (32,), "hnorm.weight": (32,), "eh_proj.weight": (32, 64),
                 "embed_tokens.weight": (64, 32), "shared_head.norm.weight": (32,), "shared_head.head.weight": (64, 32)}.items():
        gl["model.layers.2." + k] = torch.zeros(s, dtype=torch.bfloat16)
    os.makedirs(os.path.join(HERE, "tiny-glm4-moe-mtp"), exist_ok=True)
    with open(os.path.join(HERE, "tiny-glm4-moe-mtp", "config.json"), "w") as f:
        json.dump(glm, f, indent=2)
        f.write("\n")
    safetensors.torch.save_file(gl, os.path.join(HERE, "tiny-glm4-moe-mtp", "model.safetensors"), metadata={"format": "pt"})

    # T5 (2 encoder and 2 decoder blocks): `decoder.block.N.layer.2` is a sub-layer of block N,
    # not a layer beyond the decoder's; the embeddings and head are tied to `shared`.
    t5 = {"architectures": ["T5ForConditionalGeneration"], "model_type": "t5", "d_model": 32, "d_kv": 8, "d_ff": 64,
          "num_layers": 2, "num_heads": 4, "vocab_size": 100, "decoder_start_token_id": 0}
    tshapes, _ = meta_shapes(t5)
    print("t5 logical", sum(int(np.prod(s)) for k, s in tshapes.items()
                            if k not in ("encoder.embed_tokens.weight", "decoder.embed_tokens.weight", "lm_head.weight")))
    write("tiny-t5", t5, {k: np.zeros(s, np.float32) for k, s in tshapes.items()
                          if k not in ("encoder.embed_tokens.weight", "decoder.embed_tokens.weight", "lm_head.weight")})

    # BERT as bert-base-uncased ships it: BertForPreTraining (the cls.* heads; the decoder tied to
    # the word embeddings and its bias to cls.predictions.bias, as save_pretrained writes), counted as transformers' BertModel, with its position_ids buffer.
    bert = {"architectures": ["BertForPreTraining"], "model_type": "bert", "hidden_size": 32, "num_attention_heads": 4,
            "num_hidden_layers": 2, "intermediate_size": 64, "vocab_size": 100, "max_position_embeddings": 64}
    bshapes, _ = meta_shapes(bert)
    bt = {k: np.zeros(s, np.float32) for k, s in bshapes.items() if k not in ("cls.predictions.decoder.weight", "cls.predictions.decoder.bias")}
    bt["bert.embeddings.position_ids"] = np.zeros((1, 64), np.int64)
    write("tiny-bert-pretraining", {**bert, "architectures": ["BertModel"]}, bt)

    # A GGUF Llama (2 layers, h 32, 4 heads / 2 KV heads of 8, ffn 64, V 128, untied) with its
    # rope_freqs buffer, written by gguf.GGUFWriter.
    path = os.path.join(HERE, "tiny-llama.gguf")
    w = gguf.GGUFWriter(path, "llama")
    w.add_block_count(2)
    w.add_embedding_length(32)
    w.add_feed_forward_length(64)
    w.add_head_count(4)
    w.add_head_count_kv(2)
    w.add_context_length(256)
    w.add_vocab_size(128)
    w.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    w.add_tensor("token_embd.weight", np.zeros((128, 32), np.float16))
    w.add_tensor("rope_freqs.weight", np.zeros((4,), np.float32))
    for i in range(2):
        for n, s in {"attn_q": (32, 32), "attn_k": (16, 32), "attn_v": (16, 32), "attn_output": (32, 32),
                     "ffn_gate": (64, 32), "ffn_up": (64, 32), "ffn_down": (32, 64)}.items():
            w.add_tensor(f"blk.{i}.{n}.weight", np.zeros(s, np.float16))
        w.add_tensor(f"blk.{i}.attn_norm.weight", np.zeros((32,), np.float32))
        w.add_tensor(f"blk.{i}.ffn_norm.weight", np.zeros((32,), np.float32))
    w.add_tensor("output_norm.weight", np.zeros((32,), np.float32))
    w.add_tensor("output.weight", np.zeros((128, 32), np.float16))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


if __name__ == "__main__":
    main()
