#!/usr/bin/python3
"""Writes the RTNeural fixtures for tests/EdgeLstm.Tests/Json/RtNeuralJsonImporterTests.cs.

Independent of EdgeLstm: it reads the golden cases with PyTorch / ONNX and writes, per case,
  <case>.rtneural.json  the model as RTNeural's Keras exporter (model_utils.py save_model) lays it out:
                        kernels transposed to (inputs, gates*units), Keras gate orders (LSTM i,f,c,o; GRU z,r,h),
                        LSTM bias = b_ih + b_hh, GRU bias (2, 3H) for reset_after=True or (3H) for reset_after=False;
  <case>.source.json    the same weights exactly as the source framework stores them (PyTorch or ONNX order and
                        orientation), so that the test can derive the expected canonical weights by itself.
Run from the repository root:  /usr/bin/python3 tests/EdgeLstm.Tests/TestData/make_rtneural_fixtures.py
"""
import json
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
CASES = os.path.join(ROOT, "tests", "cases")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "RtNeural")


def f32(a):
    return np.asarray(a, dtype=np.float32)


def dump(name, obj):
    # json writes each float32 (widened exactly to a Python float) as its shortest double repr, which names that
    # float32 exactly; tolist() keeps the nesting.
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


def torch_state(case):
    sd = torch.load(os.path.join(CASES, case, "model.pt"))
    return {k: f32(v.numpy()) for k, v in sd.items()}


def pytorch_gru_to_keras(w):
    """PyTorch GRU rows r, z, n -> Keras z, r, h."""
    h = w.shape[0] // 3
    return np.concatenate([w[h:2 * h], w[0:h], w[2 * h:3 * h]], axis=0)


def lstm_case():
    case = "lstm_i3_h16_dense3"
    sd = torch_state(case)
    hidden = sd["rnn.weight_hh_l0"].shape[1]
    layers = [
        {
            "type": "lstm", "activation": "tanh", "shape": [None, None, hidden],
            # PyTorch LSTM rows are i, f, g, o: Keras' order already; only transpose.
            "weights": [sd["rnn.weight_ih_l0"].T.tolist(), sd["rnn.weight_hh_l0"].T.tolist(),
                        (sd["rnn.bias_ih_l0"] + sd["rnn.bias_hh_l0"]).tolist()],
        },
        {
            "type": "dense", "activation": "", "shape": [None, None, sd["head.weight"].shape[0]],
            "weights": [sd["head.weight"].T.tolist(), sd["head.bias"].tolist()],
        },
    ]
    dump(case + ".rtneural.json", {"in_shape": [None, None, sd["rnn.weight_ih_l0"].shape[1]], "layers": layers})
    dump(case + ".source.json", {"order": "pytorch", **{k: v.tolist() for k, v in sd.items()}})


def gru_case():
    case = "gru_i4_h32_l2_dense1"
    sd = torch_state(case)
    hidden = sd["rnn.weight_hh_l0"].shape[1]
    layers = []
    for k in range(2):
        wi, wh = sd[f"rnn.weight_ih_l{k}"], sd[f"rnn.weight_hh_l{k}"]
        bi, bh = sd[f"rnn.bias_ih_l{k}"], sd[f"rnn.bias_hh_l{k}"]
        layers.append({
            "type": "gru", "activation": "tanh", "shape": [None, None, hidden],
            # PyTorch's GRU is Keras' reset_after=True: bias row 0 = input bias, row 1 = recurrent bias.
            "weights": [pytorch_gru_to_keras(wi).T.tolist(), pytorch_gru_to_keras(wh).T.tolist(),
                        [pytorch_gru_to_keras(bi).tolist(), pytorch_gru_to_keras(bh).tolist()]],
        })
    layers.append({
        "type": "time-distributed-dense", "activation": "", "shape": [None, None, sd["head.weight"].shape[0]],
        "weights": [sd["head.weight"].T.tolist(), sd["head.bias"].tolist()],
    })
    dump(case + ".rtneural.json", {"in_shape": [None, None, sd["rnn.weight_ih_l0"].shape[1]], "layers": layers})
    dump(case + ".source.json", {"order": "pytorch", **{k: v.tolist() for k, v in sd.items()}})


def gru_lbr0_case():
    case = "onnx_gru_lbr0_i3_h16"
    model = onnx.load(os.path.join(CASES, case, "model.onnx"))
    init = {i.name: f32(numpy_helper.to_array(i)) for i in model.graph.initializer}
    w, r, b = init["W"][0], init["R"][0], init["B"][0]
    rows = w.shape[0]
    hidden = rows // 3
    # ONNX GRU rows are z, r, h: Keras' order. With linear_before_reset=0 both ONNX biases are plain addends,
    # so Keras' single reset_after=False bias is their sum.
    layers = [
        {"type": "gru", "activation": "tanh", "shape": [None, None, hidden],
         "weights": [w.T.tolist(), r.T.tolist(), (b[:rows] + b[rows:]).tolist()]},
        # Gemm(transB=1) + Sigmoid, written as a linear dense layer followed by a Keras Activation layer.
        {"type": "dense", "activation": "", "shape": [None, None, init["Wd"].shape[0]],
         "weights": [init["Wd"].T.tolist(), init["bd"].tolist()]},
        {"type": "activation", "activation": "sigmoid", "shape": [None, None, init["Wd"].shape[0]], "weights": []},
    ]
    dump(case + ".rtneural.json", {"in_shape": [None, None, w.shape[1]], "layers": layers})
    dump(case + ".source.json", {"order": "onnx", "W": w.tolist(), "R": r.tolist(), "B": b.tolist(),
                                 "Wd": init["Wd"].tolist(), "bd": init["bd"].tolist()})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    lstm_case()
    gru_case()
    gru_lbr0_case()
