#!/usr/bin/python3
"""Produces reference_fixtures.json: hand-built models in EdgeLstm's canonical layout with expected outputs that come
from PyTorch (float64) or ONNX Runtime, never from EdgeLstm. The tests check ReferenceNetwork against them without
going through any importer.

Run from this folder with /usr/bin/python3 (torch 1.13, onnx 1.12, numpy); the output is committed, so building and
testing never need Python.

Three kinds of fixture:
  * "torch": tiny models built here with seeded float32 weights, run by PyTorch in float64 (expected to ~1e-15).
  * "golden": the ONNX-only shared cases (tests/cases/onnx_*), whose outputs come from ONNX Runtime; only the weights are
    converted here from ONNX's gate order to the canonical one. Input and output are read from the case's case.json.
  * "numpy": activation functions PyTorch's cells cannot use (HardSigmoid, Softsign, LeakyRelu...), run by a NumPy
    float64 transcription of the ONNX LSTM equations written independently of the C# code.
"""
import json
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper

CASES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "cases")
rng = np.random.default_rng(20240611)


def f32(a):
    return np.asarray(a, dtype=np.float32)


def floats(a):
    # The shortest decimal that reads back as the same float32 keeps the file small and exact.
    return [float(repr(v)) for v in np.asarray(a, dtype=np.float32).ravel()]


def act(kind, alpha=0.0, beta=0.0):
    # Rounded to float32 as ActivationFunction stores them, so both sides compute with the same parameters.
    return {"kind": kind, "alpha": float(np.float32(alpha)), "beta": float(np.float32(beta))}


DEFAULT_ACTS = {
    "Lstm": [act("Sigmoid"), act("Tanh"), act("Tanh")],
    "Gru": [act("Sigmoid"), act("Tanh")],
    "Rnn": [act("Tanh")],
}


def direction(W, R, Wb, Rb, P=None, acts=None, cell="Lstm"):
    return {"inputWeights": floats(W), "recurrentWeights": floats(R), "inputBias": floats(Wb),
            "recurrentBias": floats(Rb), "peepholes": floats(P) if P is not None else [],
            "activations": acts or DEFAULT_ACTS[cell]}


def recurrent(cell, inputs, hidden, dirname, dirs, clip=None, input_forget=False, lbr=True):
    return {"type": "recurrent", "cell": cell, "input": inputs, "hidden": hidden, "direction": dirname,
            "directions": dirs, "clip": clip, "inputForget": input_forget, "linearBeforeReset": lbr}


def dense(W, b, activation):
    W = f32(W)
    return {"type": "dense", "inputs": W.shape[1], "outputs": W.shape[0], "weights": floats(W), "bias": floats(b),
            "activation": act(activation)}


# ---------------------------------------------------------------- PyTorch fixtures

def torch_gate_rows(cell, tensor):
    """PyTorch stores GRU gates r, z, n; canonical is z, r, n. LSTM (i, f, g, o) and RNN are already canonical."""
    t = tensor.detach().numpy()
    if cell != "Gru":
        return t
    h = t.shape[0] // 3
    return np.concatenate([t[h:2 * h], t[:h], t[2 * h:]])


def torch_layers(cell, module):
    layers = []
    for k in range(module.num_layers):
        dirs = []
        for suffix in ([""] + (["_reverse"] if module.bidirectional else [])):
            g = lambda n: torch_gate_rows(cell, getattr(module, f"{n}_l{k}{suffix}"))
            acts = [act("Relu")] if cell == "Rnn" and module.nonlinearity == "relu" else None
            dirs.append(direction(g("weight_ih"), g("weight_hh"), g("bias_ih"), g("bias_hh"), acts=acts, cell=cell))
        inputs = module.input_size if k == 0 else module.hidden_size * (2 if module.bidirectional else 1)
        layers.append(recurrent(cell, inputs, module.hidden_size, "Bidirectional" if module.bidirectional else "Forward", dirs))
    return layers


def make_module(cell, i, h, layers=1, bidir=False, nonlinearity="tanh"):
    if cell == "Lstm":
        m = torch.nn.LSTM(i, h, layers, bidirectional=bidir)
    elif cell == "Gru":
        m = torch.nn.GRU(i, h, layers, bidirectional=bidir)
    else:
        m = torch.nn.RNN(i, h, layers, bidirectional=bidir, nonlinearity=nonlinearity)
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(torch.from_numpy(f32(rng.uniform(-0.8, 0.8, p.shape))))
    return m


def torch_fixture(name, cell, i, h, steps, layers=1, bidir=False, nonlinearity="tanh", head=None, head_act="Identity",
                  normalization=False, reverse=False):
    m = make_module(cell, i, h, layers, bidir, nonlinearity)
    x = f32(rng.normal(0.0, 1.5, (steps, i)))
    xin = x.astype(np.float64)
    norm = None
    if normalization:
        mean, std = f32(rng.normal(0.0, 1.0, i)), f32(rng.uniform(0.5, 2.0, i))
        xin = (xin - mean.astype(np.float64)) / std.astype(np.float64)
        norm = {"mean": floats(mean), "std": floats(std)}
    if reverse:
        xin = xin[::-1].copy()
    with torch.no_grad():
        y, _ = m.double()(torch.from_numpy(xin).unsqueeze(1))
        y = y.squeeze(1).numpy()
    if reverse:
        y = y[::-1].copy()
    model_layers = torch_layers(cell, m.float())
    if reverse:
        model_layers[0]["direction"] = "Reverse"
    if head is not None:
        Wd, bd = f32(rng.uniform(-0.8, 0.8, (head, y.shape[1]))), f32(rng.uniform(-0.5, 0.5, head))
        y = y @ Wd.astype(np.float64).T + bd.astype(np.float64)
        if head_act == "Sigmoid":
            y = 1.0 / (1.0 + np.exp(-y))
        elif head_act == "Softmax":
            y = np.exp(y - y.max(axis=1, keepdims=True))
            y = y / y.sum(axis=1, keepdims=True)
        model_layers.append(dense(Wd, bd, head_act))
    what = "PyTorch 1.13 in float64" + (" on the time-reversed input (a reverse-only layer)" if reverse else "")
    return {"name": name, "source": what, "normalization": norm, "layers": model_layers,
            "steps": steps, "input": floats(x), "output": [float(v) for v in y.ravel()]}


# ---------------------------------------------------------------- ONNX golden conversions

def onnx_fixture(case):
    model = onnx.load(os.path.join(CASES, case, "model.onnx"))
    init = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    layers = []
    for node in model.graph.node:
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        if node.op_type in ("LSTM", "GRU", "RNN"):
            cell = {"LSTM": "Lstm", "GRU": "Gru", "RNN": "Rnn"}[node.op_type]
            H = attrs["hidden_size"]
            W, R, B = (init[n][0] for n in node.input[1:4])
            G = W.shape[0] // H
            # ONNX LSTM gates i, o, f, c -> canonical i, f, c, o; GRU (z, r, h) and RNN already match.
            order = [0, 2, 3, 1] if cell == "Lstm" else list(range(G))
            reorder = lambda t: np.concatenate([t[g * H:(g + 1) * H] for g in order])
            P = None
            if len(node.input) > 7 and node.input[7]:
                p = init[node.input[7]][0]
                P = np.concatenate([p[0:H], p[2 * H:3 * H], p[H:2 * H]])  # i, o, f -> i, f, o
            d = direction(reorder(W), reorder(R), reorder(B[:G * H]), reorder(B[G * H:]), P, cell=cell)
            layers.append(recurrent(cell, W.shape[1], H, "Forward", [d], clip=attrs.get("clip"),
                                    input_forget=bool(attrs.get("input_forget", 0)),
                                    lbr=bool(attrs.get("linear_before_reset", 0)) if cell == "Gru" else True))
        elif node.op_type == "Gemm":
            assert attrs.get("transB") == 1
            layers.append(dense(init[node.input[1]], init[node.input[2]], "Identity"))
        elif node.op_type in ("Sigmoid", "Tanh"):
            layers[-1]["activation"] = act(node.op_type)
    return {"name": case, "source": "ONNX Runtime (tests/cases/%s/case.json)" % case, "case": case,
            "normalization": None, "layers": layers}


def torch_golden_fixture(case):
    """A PyTorch-made shared case, weights read from its model.pt with torch itself; output from case.json."""
    arch = json.load(open(os.path.join(CASES, case, "case.json")))["architecture"]
    cell = {"LSTM": "Lstm", "GRU": "Gru", "RNN": "Rnn"}[arch["cell"]]
    state = torch.load(os.path.join(CASES, case, "model.pt"))
    m = make_module(cell, arch["input_size"], arch["hidden_size"], arch["num_layers"], arch["bidirectional"],
                    arch.get("nonlinearity", "tanh"))
    m.load_state_dict({k[len("rnn."):]: v for k, v in state.items() if k.startswith("rnn.")})
    layers = torch_layers(cell, m)
    if arch["head_out"]:
        layers.append(dense(state["head.weight"].numpy(), state["head.bias"].numpy(),
                            {"none": "Identity", "sigmoid": "Sigmoid", "softmax": "Softmax"}[arch["head_activation"]]))
    return {"name": "pt_" + case, "source": "PyTorch (tests/cases/%s/case.json)" % case, "case": case,
            "normalization": None, "layers": layers}


def parameter_count(case):
    path = os.path.join(CASES, case, "model.pt")
    return sum(v.numel() for v in torch.load(path).values()) if os.path.exists(path) else 0


# ---------------------------------------------------------------- NumPy fixtures (ONNX activations)

def apply(a, x):
    k, al, be = a["kind"], a["alpha"], a["beta"]
    return {"Sigmoid": lambda: 1 / (1 + np.exp(-x)), "Tanh": lambda: np.tanh(x), "Relu": lambda: np.maximum(x, 0),
            "HardSigmoid": lambda: np.clip(al * x + be, 0, 1), "LeakyRelu": lambda: np.where(x >= 0, x, al * x),
            "Softsign": lambda: x / (1 + np.abs(x)), "ScaledTanh": lambda: al * np.tanh(be * x),
            "Affine": lambda: al * x + be}[k]()


def numpy_lstm_fixture(name, i, h, steps, acts, clip=None, peepholes=False):
    clip = float(np.float32(clip)) if clip else None  # RecurrentLayer.Clip is a float
    W, R = f32(rng.uniform(-0.8, 0.8, (4 * h, i))), f32(rng.uniform(-0.8, 0.8, (4 * h, h)))
    Wb, Rb = f32(rng.uniform(-0.5, 0.5, 4 * h)), f32(rng.uniform(-0.5, 0.5, 4 * h))
    P = f32(rng.uniform(-0.5, 0.5, 3 * h)) if peepholes else None
    x = f32(rng.normal(0.0, 1.5, (steps, i)))
    d = lambda t: t.astype(np.float64)
    gate = lambda t, g: d(t[g * h:(g + 1) * h])
    cl = (lambda v: np.clip(v, -clip, clip)) if clip else (lambda v: v)
    p = (lambda k: d(P[k * h:(k + 1) * h])) if peepholes else (lambda k: 0.0)
    f_, g_, h_ = acts
    hs, cs, out = np.zeros(h), np.zeros(h), []
    for xt in d(x):
        pre = lambda g: gate(W, g) @ xt + gate(R, g) @ hs + gate(Wb, g) + gate(Rb, g)
        it = apply(f_, cl(pre(0) + p(0) * cs))
        ft = apply(f_, cl(pre(1) + p(1) * cs))
        ct = apply(g_, cl(pre(2)))
        cs = ft * cs + it * ct
        ot = apply(f_, cl(pre(3) + p(2) * cs))
        hs = ot * apply(h_, cs)
        out.append(hs)
    layer = recurrent("Lstm", i, h, "Forward", [direction(W, R, Wb, Rb, P, acts)], clip=clip)
    return {"name": name, "source": "NumPy float64 transcription of the ONNX LSTM equations", "normalization": None,
            "layers": [layer], "steps": steps, "input": floats(x), "output": [float(v) for v in np.ravel(out)]}


torch.manual_seed(0)
fixtures = [
    torch_fixture("torch_lstm_i2_h3", "Lstm", 2, 3, 7),
    torch_fixture("torch_lstm_l2_i3_h4_norm_softmax", "Lstm", 3, 4, 9, layers=2, head=3, head_act="Softmax", normalization=True),
    torch_fixture("torch_gru_i2_h3_sigmoid", "Gru", 2, 3, 8, head=2, head_act="Sigmoid"),
    torch_fixture("torch_gru_reverse_i2_h3", "Gru", 2, 3, 6, reverse=True),
    torch_fixture("torch_rnn_relu_i2_h3", "Rnn", 2, 3, 7, nonlinearity="relu"),
    torch_fixture("torch_rnn_bidir_i2_h3_dense1", "Rnn", 2, 3, 6, bidir=True, head=1),
    torch_fixture("torch_lstm_bidir_l2_i2_h3", "Lstm", 2, 3, 5, layers=2, bidir=True),
    torch_fixture("torch_gru_bidir_i3_h2", "Gru", 3, 2, 6, bidir=True),
    numpy_lstm_fixture("numpy_lstm_hardsigmoid_softsign_leakyrelu", 2, 3, 8,
                       [act("HardSigmoid", 0.2, 0.5), act("Softsign"), act("LeakyRelu", 0.1)]),
    numpy_lstm_fixture("numpy_lstm_scaledtanh_affine_peephole_clip", 3, 4, 8,
                       [act("Sigmoid"), act("ScaledTanh", 1.5, 0.7), act("Affine", 0.8, 0.1)], clip=0.9, peepholes=True),
] + [onnx_fixture(c) for c in sorted(os.listdir(CASES)) if c.startswith("onnx_")] \
  + [torch_golden_fixture(c) for c in sorted(os.listdir(CASES))
     if not c.startswith("onnx_") and parameter_count(c) < 15000]  # the big ones are left to the importer tests

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference_fixtures.json"), "w") as f:
    json.dump(fixtures, f, separators=(",", ":"))
print("wrote", len(fixtures), "fixtures")
