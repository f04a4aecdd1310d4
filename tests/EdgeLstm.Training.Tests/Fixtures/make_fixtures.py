#!/usr/bin/python3
"""Writes the training fixtures: what PyTorch computes, for EdgeLstm's managed trainer to be checked against.

Run from the repository root with Debian's python3-torch (deterministic; about a minute on 2 cores):

    /usr/bin/python3 tests/EdgeLstm.Training.Tests/Fixtures/make_fixtures.py

1. gradients.json: for small networks of every trainable cell (LSTM, GRU, RNN tanh, RNN relu; one and two layers)
   followed by nn.Linear, one fixed batch of windows and targets: the parameters (PyTorch's default initialisation,
   float32 values), the MSE loss and every parameter's gradient, all computed in float64 (model.double()).
   Layout: inputs and targets are time-major [steps, batch, features], flattened; parameters and gradients are keyed
   by state_dict name (rnn.weight_ih_l0, ..., head.weight, head.bias) in PyTorch's own layout and gate order.

2. optimizer.json: Adam's update and clip_grad_norm_ alone, on the six scalars of an RNN(1, 1) + Linear(1, 1):
   starting values, a sequence of gradients (some large enough to be clipped), and after each step the norm
   clip_grad_norm_ returned and every parameter's new value (float64).

3. training_quality.json plus <cell>_init.safetensors: a next-step predictor trained for a few epochs on a NAB series
   (tests/data/nab/realKnownCause/nyc_taxi.csv), the way `edgelstm train` trains it: the last 20 % of rows validate;
   mean and population std of the training rows, rounded to float32, standardise; windows of WINDOW inputs every
   STRIDE rows (each predicting the next row at every step) from the start of each span, as many as fit; each epoch
   shuffles the training windows with SplitMix64 (seed + 1) Fisher-Yates and takes batches of BATCH in that order;
   MSE loss, clip_grad_norm_(1.0), Adam(lr). The initial weights are written as safetensors (with input_mean and
   input_std metadata) so that both trainers start from the same point. PyTorch's per-epoch training and validation
   losses are recorded in float32 (how PyTorch users train) and in float64 (the same arithmetic as the managed trainer).
"""
import json
import math
import os
import struct

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
MASK = (1 << 64) - 1


class Network(nn.Module):
    """The trainer's network: one recurrent module named rnn, one linear head named head."""

    def __init__(self, cell, inputs, hidden, layers, outputs, nonlinearity="tanh"):
        super().__init__()
        if cell == "LSTM":
            self.rnn = nn.LSTM(inputs, hidden, num_layers=layers)
        elif cell == "GRU":
            self.rnn = nn.GRU(inputs, hidden, num_layers=layers)
        else:
            self.rnn = nn.RNN(inputs, hidden, num_layers=layers, nonlinearity=nonlinearity)
        self.head = nn.Linear(hidden, outputs)

    def forward(self, x):  # x: [steps, batch, inputs], zero initial state
        y, _ = self.rnn(x)
        return self.head(y)


def flat(tensor):
    return [float(v) for v in tensor.detach().reshape(-1).tolist()]


# ---------------------------------------------------------------------------------------------------------------
# 1. Gradients

GRADIENT_CASES = [
    # name, cell, nonlinearity, inputs, hidden, layers, outputs, steps, batch
    ("lstm_i3_h5_l1_o2", "LSTM", "tanh", 3, 5, 1, 2, 7, 3),
    ("lstm_i2_h4_l2_o3", "LSTM", "tanh", 2, 4, 2, 3, 6, 2),
    ("gru_i3_h5_l1_o2", "GRU", "tanh", 3, 5, 1, 2, 7, 3),
    ("gru_i2_h4_l2_o3", "GRU", "tanh", 2, 4, 2, 3, 6, 2),
    ("rnn_tanh_i3_h5_l1_o2", "RNN", "tanh", 3, 5, 1, 2, 7, 3),
    ("rnn_relu_i2_h6_l2_o2", "RNN", "relu", 2, 6, 2, 2, 6, 2),
]


def gradient_case(name, cell, nonlinearity, inputs, hidden, layers, outputs, steps, batch, seed):
    torch.manual_seed(seed)
    model = Network(cell, inputs, hidden, layers, outputs, nonlinearity)  # float32 default init ...
    model = model.double()  # ... then float64 arithmetic: the values stay exactly the float32 ones
    x = torch.randn(steps, batch, inputs, dtype=torch.float64)
    target = torch.randn(steps, batch, outputs, dtype=torch.float64)
    loss = nn.functional.mse_loss(model(x), target)
    loss.backward()
    state = model.state_dict()
    grads = dict(model.named_parameters())
    return {
        "name": name,
        "cell": cell,
        "nonlinearity": nonlinearity,
        "input_size": inputs,
        "hidden_size": hidden,
        "num_layers": layers,
        "output_size": outputs,
        "steps": steps,
        "batch": batch,
        "input": flat(x),
        "target": flat(target),
        "loss": float(loss.item()),
        "parameters": {k: {"shape": list(v.shape), "values": flat(v)} for k, v in state.items()},
        "gradients": {k: flat(p.grad) for k, p in grads.items()},
    }


# ---------------------------------------------------------------------------------------------------------------
# 2. Optimiser

OPTIMIZER_LEARNING_RATE, OPTIMIZER_CLIP, OPTIMIZER_STEPS = 0.01, 0.5, 8


def optimizer_case():
    torch.manual_seed(3000)
    model = Network("RNN", 1, 1, 1, 1).double()
    parameters = list(model.named_parameters())
    start = {k: flat(p) for k, p in parameters}
    optimiser = torch.optim.Adam(model.parameters(), lr=OPTIMIZER_LEARNING_RATE)
    steps = []
    for step in range(OPTIMIZER_STEPS):
        scale = 0.05 if step % 3 else 4.0  # every third gradient is large and gets clipped
        gradients = {}
        for k, p in parameters:
            p.grad = torch.randn(p.shape, dtype=torch.float64) * scale
            gradients[k] = flat(p.grad)
        norm = float(nn.utils.clip_grad_norm_(model.parameters(), OPTIMIZER_CLIP))
        optimiser.step()
        steps.append({"gradients": gradients, "norm": norm, "values": {k: flat(p) for k, p in parameters}})
    return {"learning_rate": OPTIMIZER_LEARNING_RATE, "clip": OPTIMIZER_CLIP, "start": start, "steps": steps}


# ---------------------------------------------------------------------------------------------------------------
# 3. Training quality

SERIES = "realKnownCause/nyc_taxi.csv"
HIDDEN, WINDOW, STRIDE, BATCH, LEARNING_RATE, EPOCHS, SEED, VALIDATION, CLIP = 16, 32, 16, 32, 0.01, 4, 7, 0.2, 1.0


class SplitMix64:
    """The managed trainer's random sequence (EdgeLstm.Training.Numerics.SplitMix64)."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next_int(self, bound):
        return int(float(self.next() >> 11) * (1.0 / (1 << 53)) * bound)

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.next_int(i + 1)
            items[i], items[j] = items[j], items[i]


def read_values(path):
    with open(path) as f:
        lines = f.read().splitlines()[1:]
    return np.array([float(line.split(",")[1]) for line in lines if line.strip()], dtype=np.float64)


def window_starts(first, end, length, stride):
    return list(range(first, end - length + 1, stride)) if end - first >= length else []


def write_safetensors(path, tensors, metadata):
    header = {"__metadata__": metadata}
    blobs, offset = [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def train(initial, cell, dtype, z, training_starts, validation_starts):
    model = Network(cell, 1, HIDDEN, 1, 1)
    model.load_state_dict(initial)
    model = model.to(dtype)
    series = torch.tensor(z, dtype=dtype)

    def batch_of(starts):
        x = torch.stack([series[s:s + WINDOW] for s in starts], dim=1)[:, :, None]
        y = torch.stack([series[s + 1:s + WINDOW + 1] for s in starts], dim=1)[:, :, None]
        return x, y

    optimiser = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    order_random = SplitMix64(SEED + 1)
    history = []
    vx, vy = batch_of(validation_starts)
    for epoch in range(EPOCHS):
        order = list(range(len(training_starts)))
        order_random.shuffle(order)
        squares, count = 0.0, 0
        for first in range(0, len(order), BATCH):
            x, y = batch_of([training_starts[i] for i in order[first:first + BATCH]])
            optimiser.zero_grad()
            loss = nn.functional.mse_loss(model(x), y)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), CLIP)
            optimiser.step()
            squares += loss.item() * y.numel()
            count += y.numel()
        with torch.no_grad():
            validation = nn.functional.mse_loss(model(vx), vy).item()
        history.append({"epoch": epoch + 1, "training_loss": squares / count, "validation_loss": validation})
    return history


def training_quality():
    values = read_values(os.path.join(ROOT, "tests", "data", "nab", SERIES))
    rows = len(values)
    validation_rows = int(math.floor(rows * VALIDATION))
    training_rows = rows - validation_rows
    train_part = values[:training_rows]
    mean = np.float32(train_part.mean())
    std = np.float32(np.sqrt(((train_part - train_part.mean()) ** 2).mean()))
    z = (values - np.float64(mean)) / np.float64(std)
    training_starts = window_starts(0, training_rows, WINDOW + 1, STRIDE)
    validation_starts = window_starts(training_rows, rows, WINDOW + 1, STRIDE)

    cases = []
    for index, cell in enumerate(["LSTM", "GRU"]):
        torch.manual_seed(20250101 + index)
        initial = Network(cell, 1, HIDDEN, 1, 1).state_dict()
        init_file = f"{cell.lower()}_init.safetensors"
        write_safetensors(os.path.join(HERE, init_file), {k: v.numpy() for k, v in initial.items()}, {
            "cell": cell,
            "head_activation": "none",
            "input_mean": json.dumps([float(mean)]),
            "input_std": json.dumps([float(std)]),
        })
        cases.append({
            "cell": cell,
            "initial_weights": init_file,
            "torch_float32": train(initial, cell, torch.float32, z, training_starts, validation_starts),
            "torch_float64": train(initial, cell, torch.float64, z, training_starts, validation_starts),
        })
        print(f"{cell}: float32 {cases[-1]['torch_float32'][-1]}  float64 {cases[-1]['torch_float64'][-1]}")

    return {
        "series": SERIES,
        "rows": rows,
        "training_rows": training_rows,
        "validation_rows": validation_rows,
        "input_mean": float(mean),
        "input_std": float(std),
        "input_mean_float64": float(train_part.mean()),
        "input_std_float64": float(np.sqrt(((train_part - train_part.mean()) ** 2).mean())),
        "training_windows": len(training_starts),
        "validation_windows": len(validation_starts),
        "settings": {"hidden": HIDDEN, "window": WINDOW, "stride": STRIDE, "batch_size": BATCH,
                     "learning_rate": LEARNING_RATE, "epochs": EPOCHS, "seed": SEED,
                     "validation_fraction": VALIDATION, "gradient_clip_norm": CLIP},
        "cases": cases,
    }


def main():
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    gradients = {
        "torch_version": torch.__version__,
        "cases": [gradient_case(*case, seed=1000 + i) for i, case in enumerate(GRADIENT_CASES)],
    }
    with open(os.path.join(HERE, "gradients.json"), "w") as f:
        json.dump(gradients, f, indent=1)
        f.write("\n")

    with open(os.path.join(HERE, "optimizer.json"), "w") as f:
        json.dump(optimizer_case(), f, indent=1)
        f.write("\n")

    quality = training_quality()
    quality["torch_version"] = torch.__version__
    with open(os.path.join(HERE, "training_quality.json"), "w") as f:
        json.dump(quality, f, indent=1)
        f.write("\n")
    print("wrote gradients.json, optimizer.json, training_quality.json and the initial weights")


if __name__ == "__main__":
    main()
