#!/usr/bin/python3
"""Golden cases for LSTM projections (PyTorch nn.LSTM(proj_size=P)): h = W_hr (o * tanh(c)), recurrent weights [4H, P].

Run with Debian's Python, which has torch 1.13:   /usr/bin/python3 tests/cases/make_projection_cases.py
Writes, for every case below, tests/cases/<name>/ with model.pt (torch.save of the state_dict), model.safetensors (the
same tensors, written here by hand: the safetensors package is not installed) and case.json (architecture, inputs and
the outputs PyTorch computes from the zero state). Deterministic: fixed seeds, no data. ONNX cannot express proj_size,
so there is no model.onnx.
"""
import json
import os
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))

# name, input size, hidden size, projection size, layers, bidirectional, head outputs (0: none), steps, seed
CASES = [
    ("lstm_proj_i4_h12_p5_dense3", 4, 12, 5, 1, False, 3, 40, 1101),
    ("lstm_proj_i2_h5_p3_l2", 2, 5, 3, 2, False, 0, 36, 1102),
    ("lstm_proj_i3_h10_p6_l2_bidir_dense2", 3, 10, 6, 2, True, 2, 30, 1103),
]


class Network(torch.nn.Module):
    def __init__(self, inputs, hidden, proj, layers, bidirectional, head):
        super().__init__()
        self.rnn = torch.nn.LSTM(inputs, hidden, num_layers=layers, proj_size=proj, bidirectional=bidirectional, batch_first=True)
        self.head = torch.nn.Linear(proj * (2 if bidirectional else 1), head) if head else None

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.head(y) if self.head is not None else y


def write_safetensors(path, tensors, metadata):
    """The safetensors layout: 8-byte little-endian header length, a JSON header padded with spaces, raw data."""
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name, tensor in tensors.items():
        data = tensor.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def make(name, inputs, hidden, proj, layers, bidirectional, head, steps, seed):
    torch.manual_seed(seed)
    net = Network(inputs, hidden, proj, layers, bidirectional, head).eval()
    x = torch.randn(1, steps, inputs)
    with torch.no_grad():
        y = net(x)
    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    state = net.state_dict()
    torch.save(state, os.path.join(folder, "model.pt"))
    write_safetensors(os.path.join(folder, "model.safetensors"), state, {"cell": "LSTM", "head_activation": "none"})
    case = {
        "name": name,
        "source": f"PyTorch {torch.__version__}, float32, batch 1, zero initial state",
        "architecture": {
            "cell": "LSTM",
            "input_size": inputs,
            "hidden_size": hidden,
            "proj_size": proj,
            "num_layers": layers,
            "bidirectional": bidirectional,
            "head_out": head,
            "head_activation": "none",
        },
        "files": {"safetensors": "model.safetensors", "pt": "model.pt"},
        "steps": steps,
        "input_size": inputs,
        "output_size": y.shape[-1],
        "input": [float(f"{v:.9g}") for v in x.reshape(-1).tolist()],
        "output": [float(v) for v in y.reshape(-1).tolist()],
    }
    with open(os.path.join(folder, "case.json"), "w") as f:
        json.dump(case, f, indent=1)
        f.write("\n")
    print(f"{name}: {sum(t.numel() for t in state.values())} parameters, output {tuple(y.shape)}")


if __name__ == "__main__":
    for case in CASES:
        make(*case)
