#!/usr/bin/python3
"""Trains MachineMonitor's next-step-prediction LSTM on the normal part of a NAB series.

Run from the repository root (about a minute on 2 cores; CPU only):

    /usr/bin/python3 firmware-samples/MachineMonitor/training/train.py

Options: --series (a NAB file under tests/data/nab, default artificialWithAnomaly/art_daily_jumpsup.csv),
--hidden (32), --epochs (150), --out (firmware-samples/MachineMonitor/models).

What it trains: nn.LSTM(1 -> HIDDEN) followed by nn.Linear(HIDDEN -> 1). Input x_t is the standardised value
(x - mean) / std; the target is the standardised value at t + 1. Training uses only NAB's probationary period
(the first min(15 %, 750) rows), which NAB guarantees holds no labelled anomaly, so the model learns normal behaviour
only. mean and std come from that same span.

Writes, and the repository commits (so building never needs Python):
  machine.onnx         torch.onnx.export, opset 14; input "input" [steps, 1, 1], output "output" [steps, 1, 1]
  machine.safetensors  the state_dict (rnn.*, head.*) with __metadata__: cell, head_activation,
                       input_mean / input_std (JSON arrays, one entry per input channel), series, probationary_rows.
  machine_features.safetensors  rnn.* only: what MachineMonitor bakes as MachineFeatures (hidden state out).
The standardisation is NOT baked into the weights: the detector applies input_mean / input_std
(DetectorOptions.InputMean / InputStd) and compares predictions in standardised units.

Determinism: fixed seeds, single thread, torch.use_deterministic_algorithms(True).
"""
import argparse
import csv
import json
import math
import os
import struct
import sys

import numpy as np
import torch
from torch import nn

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


class NextStepLstm(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.rnn = nn.LSTM(input_size=1, hidden_size=hidden, num_layers=1)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):  # x: [steps, batch, 1]
        y, _ = self.rnn(x)
        return self.head(y)


def read_series(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return np.array([float(r[1]) for r in rows[1:] if r], dtype=np.float32)


def probationary_length(n):
    return int(min(math.floor(0.15 * n), 0.15 * 5000))


def write_safetensors(path, tensors, metadata):
    header = {"__metadata__": metadata}
    blobs, offset = [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)  # align the data section to 8 bytes
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", default="artificialWithAnomaly/art_daily_jumpsup.csv")
    parser.add_argument("--hidden", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=150)
    parser.add_argument("--out", default=os.path.join(ROOT, "firmware-samples", "MachineMonitor", "models"))
    args = parser.parse_args()

    torch.manual_seed(20240501)
    np.random.seed(20240501)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    series = read_series(os.path.join(ROOT, "tests", "data", "nab", args.series))
    normal = series[:probationary_length(len(series))]
    mean, std = float(normal.mean()), float(normal.std())
    z = (normal - mean) / std

    # Overlapping windows of the normal span; each predicts every next step inside the window.
    window = 96
    starts = range(0, len(z) - window - 1, 8)
    x = np.stack([z[s:s + window] for s in starts])[:, :, None]
    y = np.stack([z[s + 1:s + window + 1] for s in starts])[:, :, None]
    x = torch.from_numpy(x).transpose(0, 1).contiguous()  # [window, batch, 1]
    y = torch.from_numpy(y).transpose(0, 1).contiguous()

    model = NextStepLstm(args.hidden)
    optimiser = torch.optim.Adam(model.parameters(), lr=0.01)
    schedule = torch.optim.lr_scheduler.StepLR(optimiser, step_size=50, gamma=0.3)
    for epoch in range(args.epochs):
        optimiser.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimiser.step()
        schedule.step()
        if epoch % 25 == 0 or epoch == args.epochs - 1:
            print(f"epoch {epoch:4d}  mse {loss.item():.5f}", file=sys.stderr)

    model.eval()
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "machine.onnx")
    example = torch.from_numpy(z[:16, None, None].copy())
    torch.onnx.export(model, example, onnx_path, opset_version=14, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "steps"}, "output": {0: "steps"}})

    state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    metadata = {
        "cell": "LSTM",
        "head_activation": "none",
        "input_mean": json.dumps([mean]),
        "input_std": json.dumps([std]),
        "series": args.series,
        "probationary_rows": str(len(normal)),
    }
    write_safetensors(os.path.join(args.out, "machine.safetensors"), state, metadata)
    # The device's detector bakes the LSTM without its head: its hidden state feeds the readout it learns on the board.
    features = {k: v for k, v in state.items() if k.startswith("rnn.")}
    write_safetensors(os.path.join(args.out, "machine_features.safetensors"), features, {
        "cell": "LSTM", "head_activation": "none",
        "source": "models/machine.safetensors without its head: the LSTM's hidden state is the output"})
    print(f"wrote {onnx_path} and machine.safetensors; input_mean={mean:.6f} input_std={std:.6f} final mse {loss.item():.5f}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
