#!/usr/bin/python3
"""Writes the benchmark models as ONNX files (run: /usr/bin/python3 make_models.py; torch 1.13, onnx 1.12).

For every model two graphs come from the same weights:
  <name>.onnx       the whole-sequence model, exported from PyTorch (opset 14) the way a user exports one:
                    input "input" [seq, 1, 8] -> output "output" [seq, 1, 4]. EdgeLstm bakes it; ONNX Runtime
                    runs it for the whole-sequence comparison.
  step/<name>.onnx  one time step that takes and returns the recurrent state, so that ONNX Runtime can stream
                    sample by sample as a device does: "input" [1, 1, 8], "h0" [layers, 1, H] (and "c0" for LSTM)
                    -> "output" [1, 1, 4], "hn" (and "cn").

The files are committed so that building the benchmarks needs no Python; rerunning this script rewrites them
byte for byte (fixed seeds, fixed export settings). Before writing, it checks in PyTorch that stepping the step
module T times reproduces the whole-sequence module.
"""
import hashlib
import os
import sys

import onnx
import torch
from torch import nn

INPUT_SIZE = 8
OUTPUT_SIZE = 4
HIDDEN_SIZES = (8, 16, 32, 64, 128, 256)
OPSET = 14
HERE = os.path.dirname(os.path.abspath(__file__))


class SequenceModel(nn.Module):
    """nn.LSTM / nn.GRU followed by a linear head, as in RTNeural's LSTM 8 -> H -> Dense 4 measurements."""

    def __init__(self, cell, hidden, layers):
        super().__init__()
        rnn_type = {"lstm": nn.LSTM, "gru": nn.GRU}[cell]
        self.rnn = rnn_type(INPUT_SIZE, hidden, num_layers=layers)
        self.head = nn.Linear(hidden, OUTPUT_SIZE)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.head(y)


class LstmStep(nn.Module):
    """One LSTM step with the state passed in and out."""

    def __init__(self, model):
        super().__init__()
        self.rnn, self.head = model.rnn, model.head

    def forward(self, x, h0, c0):
        y, (hn, cn) = self.rnn(x, (h0, c0))
        return self.head(y), hn, cn


class GruStep(nn.Module):
    """One GRU step with the state passed in and out."""

    def __init__(self, model):
        super().__init__()
        self.rnn, self.head = model.rnn, model.head

    def forward(self, x, h0):
        y, hn = self.rnn(x, h0)
        return self.head(y), hn


def models():
    """(file name, cell, hidden, layers, seed); the seed is fixed per model so each file is reproducible alone."""
    seed = 1000
    for cell in ("lstm", "gru"):
        for hidden in HIDDEN_SIZES:
            seed += 1
            yield f"{cell}_h{hidden}", cell, hidden, 1, seed
    yield "lstm2_h64", "lstm", 64, 2, 2001


def check_step_matches_sequence(model, step, cell, hidden, layers):
    """Stepping the step module must give the whole-sequence output: the two graphs compute the same network."""
    generator = torch.Generator().manual_seed(7)
    x = torch.randn(50, 1, INPUT_SIZE, generator=generator)
    with torch.no_grad():
        expected = model(x)
        h = torch.zeros(layers, 1, hidden)
        c = torch.zeros(layers, 1, hidden)
        rows = []
        for t in range(x.shape[0]):
            if cell == "lstm":
                y, h, c = step(x[t:t + 1], h, c)
            else:
                y, h = step(x[t:t + 1], h)
            rows.append(y)
        stepped = torch.cat(rows)
    difference = (expected - stepped).abs().max().item()
    if difference > 1e-5:
        sys.exit(f"step graph differs from sequence graph by {difference}")


def export(module, args, path, input_names, output_names, dynamic_axes):
    torch.onnx.export(module, args, path, opset_version=OPSET, input_names=input_names,
                      output_names=output_names, dynamic_axes=dynamic_axes, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))


def main():
    os.makedirs(os.path.join(HERE, "step"), exist_ok=True)
    for name, cell, hidden, layers, seed in models():
        torch.manual_seed(seed)
        model = SequenceModel(cell, hidden, layers).eval()
        step = (LstmStep if cell == "lstm" else GruStep)(model).eval()
        check_step_matches_sequence(model, step, cell, hidden, layers)

        sequence_path = os.path.join(HERE, f"{name}.onnx")
        export(model, (torch.zeros(3, 1, INPUT_SIZE),), sequence_path, ["input"], ["output"],
               {"input": {0: "seq"}, "output": {0: "seq"}})

        step_path = os.path.join(HERE, "step", f"{name}.onnx")
        x = torch.zeros(1, 1, INPUT_SIZE)
        h = torch.zeros(layers, 1, hidden)
        if cell == "lstm":
            export(step, (x, h, torch.zeros(layers, 1, hidden)), step_path,
                   ["input", "h0", "c0"], ["output", "hn", "cn"], None)
        else:
            export(step, (x, h), step_path, ["input", "h0"], ["output", "hn"], None)

        for path in (sequence_path, step_path):
            with open(path, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()[:16]
            print(f"{os.path.relpath(path, HERE):24} {os.path.getsize(path):9} bytes  sha256 {digest}")


if __name__ == "__main__":
    main()
