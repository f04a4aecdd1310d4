"""Produces the state_dict test fixtures in this folder. Run once with PyTorch 1.13 (`/usr/bin/python3 make_fixtures.py`
from this folder); the outputs are committed and the tests never run Python.

- reference_tensors.json: tensors read with torch.load from two golden cases, to check where the importers place
  each weight (GRU gate re-ordering, bidirectional reverse weights, the head) independently of the importers.
- tiny_lstm_{f16,bf16,f64}.{safetensors,pt} + dtype_expected.json: a 2-input, 3-unit LSTM with a 2-output head in
  each non-float32 dtype, and the float32 values each must widen to (computed by torch/numpy).
- views.pt + views_expected.json: an RNN whose tensors are a transposed view, a slice at a storage offset and two
  biases sharing one storage, as torch.save writes views.
"""
import json
import struct
import zipfile

import numpy as np
import torch

CASES = "../../../cases"


def f32_list(t):
    return [float(v) for v in t.detach().contiguous().float().reshape(-1).numpy()]


def reference_tensors():
    out = {}
    picks = {
        "gru_i4_h32_l2_dense1": ["rnn.weight_ih_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "rnn.weight_hh_l1", "head.weight", "head.bias"],
        "lstm_i3_h12_bidir_dense2": ["rnn.weight_ih_l0", "rnn.weight_ih_l0_reverse", "rnn.weight_hh_l0_reverse",
                                     "rnn.bias_ih_l0_reverse", "rnn.bias_hh_l0_reverse", "head.weight"],
    }
    for case, names in picks.items():
        sd = torch.load(f"{CASES}/{case}/model.pt")
        out[case] = {n: {"shape": list(sd[n].shape), "values": f32_list(sd[n])} for n in names}
    with open("reference_tensors.json", "w") as f:
        json.dump(out, f)


def write_safetensors(path, tensors, metadata, dtype_name):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        raw = t.contiguous().view(torch.int16 if t.element_size() == 2 else (torch.int64 if t.element_size() == 8 else torch.int32)).numpy().tobytes()
        header[name] = {"dtype": dtype_name, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    header["__metadata__"] = metadata
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def dtype_fixtures():
    torch.manual_seed(7)
    model = torch.nn.ModuleDict({"rnn": torch.nn.LSTM(2, 3), "head": torch.nn.Linear(3, 2)})
    sd = model.state_dict()
    with torch.no_grad():
        sd["rnn.weight_ih_l0"][0, 0] = 3.0e-7       # a float16 subnormal
        sd["rnn.weight_ih_l0"][0, 1] = -0.0
        sd["rnn.weight_hh_l0"][0, 0] = 0.1234567891  # more digits than float16/bfloat16 keep
    expected = {}
    metadata = {
        "f16": {"cell": "LSTM", "head_activation": "sigmoid"},
        "bf16": {"cell": "LSTM", "head_activation": "none"},
        "f64": {"cell": "LSTM", "head_activation": "softmax", "input_mean": "[0.5, -1.25]", "input_std": "[2.0, 0.75]"},
    }
    for key, dtype, name in (("f16", torch.float16, "F16"), ("bf16", torch.bfloat16, "BF16"), ("f64", torch.float64, "F64")):
        converted = {n: t.to(dtype) for n, t in sd.items()}
        if key == "f64":
            converted["rnn.weight_hh_l0"][0, 0] = 0.12345678912345678  # rounds to float32 on import
        write_safetensors(f"tiny_lstm_{key}.safetensors", converted, metadata[key], name)
        torch.save(converted, f"tiny_lstm_{key}.pt")
        expected[key] = {n: {"shape": list(t.shape), "values": f32_list(t)} for n, t in converted.items()}
        expected[key]["__metadata__"] = metadata[key]
    with open("dtype_expected.json", "w") as f:
        json.dump(expected, f)


def views_fixture():
    torch.manual_seed(11)
    transposed = torch.randn(3, 4)                   # weight_ih_l0 [4, 3] is its transpose: strides (1, 4)
    big = torch.randn(40)                            # weight_hh_l0 [4, 4] starts at element 5 of a larger storage
    biases = torch.randn(8)                          # bias_ih_l0 and bias_hh_l0 share this storage
    sd = {
        "rnn.weight_ih_l0": transposed.t(),
        "rnn.weight_hh_l0": big[5:21].view(4, 4),
        "rnn.bias_ih_l0": biases[0:4],
        "rnn.bias_hh_l0": biases[4:8],
    }
    assert not sd["rnn.weight_ih_l0"].is_contiguous()
    torch.save(sd, "views.pt")
    with open("views_expected.json", "w") as f:
        json.dump({n: {"shape": list(t.shape), "values": f32_list(t)} for n, t in sd.items()}, f)


if __name__ == "__main__":
    reference_tensors()
    dtype_fixtures()
    views_fixture()
