"""The PyTorch -> ONNX export corpus: models written the usual way, exported the four ways users export them.

Run from the repository root with Debian's Python (it has torch 1.13 and onnx 1.12):

    /usr/bin/python3 tests/exports/make_exports.py

Deterministic: every model and input comes from a fixed seed, so a rerun rewrites the same files. It writes

  tests/exports/<model>/<form>_opset<N>.onnx   torch.onnx.export of the model, one file per form and opset
  tests/exports/<model>/golden.json            PyTorch's own outputs (the golden) and what the model is
  tests/exports/refused/*.onnx                 exports EdgeLstm refuses on purpose (tests check the messages)
  tests/EdgeLstm.Conformance.ExportCorpus/ExportCorpusModels.cs
                                               one generated model class per .onnx file
  tests/EdgeLstm.Conformance/ExportCorpus/ExportCorpusCatalogue.cs
                                               the conformance app's checks of each class at each golden length

The forms (dynamic_axes of torch.onnx.export):
  dynamic  batch and time axes dynamic: the form README recommends
  fixed    no dynamic_axes: every dimension is baked in, the time axis included
  batch    only the batch axis dynamic (the PyTorch tutorial's form)
  time     only the time axis dynamic

The golden is PyTorch's output on a whole sequence, float32, batch 1, zero initial state. Every model is checked at
the export's own length (TRACE_STEPS) and at a different one (LONG_STEPS): a fixed-shape export still describes the
same torch module, which runs any length. For a model that returns only the last step (out[:, -1, :]) the golden row
t is the module's output on the first t+1 steps: what EdgeLstm's Step returns after row t.
"""
import json
import os
import re
import shutil
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn

ROOT = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(ROOT))
MODEL_CLASSES = os.path.join(REPO, "tests", "EdgeLstm.Conformance.ExportCorpus", "ExportCorpusModels.cs")
CATALOGUE = os.path.join(REPO, "tests", "EdgeLstm.Conformance", "ExportCorpus", "ExportCorpusCatalogue.cs")

TRACE_STEPS = 9
LONG_STEPS = 23
OPSETS = (11, 14, 17)
FORMS = ("dynamic", "fixed", "batch", "time")
# Opset 9 writes Slice, Squeeze and Unsqueeze with attributes and an older Softmax; one form is enough to cover it.
EXTRA = (("dynamic", 9),)


class Recurrent(nn.Module):
    """nn.LSTM / nn.GRU / nn.RNN, an optional nn.Linear head and an optional activation, all inside forward()."""

    def __init__(self, spec):
        super().__init__()
        self.spec = spec
        cell = {"LSTM": nn.LSTM, "GRU": nn.GRU, "RNN": nn.RNN}[spec["cell"]]
        extra = {"nonlinearity": spec["nonlinearity"]} if spec["cell"] == "RNN" else {}
        self.rnn = cell(spec["input_size"], spec["hidden_size"], num_layers=spec["num_layers"],
                        batch_first=spec["batch_first"], bidirectional=spec["bidirectional"], **extra)
        directions = 2 if spec["bidirectional"] else 1
        self.head = nn.Linear(directions * spec["hidden_size"], spec["head_out"]) if spec["head_out"] else None

    def forward(self, x):
        spec = self.spec
        if spec["zero_state_in_forward"]:
            # The tutorial way of writing a zero initial state: sized by x.size(batch axis) at run time.
            batch = x.size(0) if spec["batch_first"] else x.size(1)
            directions = 2 if spec["bidirectional"] else 1
            shape = (spec["num_layers"] * directions, batch, spec["hidden_size"])
            h0 = torch.zeros(*shape)
            y, state = self.rnn(x, (h0, torch.zeros(*shape)) if spec["cell"] == "LSTM" else h0)
        else:
            y, state = self.rnn(x)
        head_input = spec["head_input"]
        if head_input == "last_index":
            y = y[:, -1, :] if spec["batch_first"] else y[-1]
        elif head_input == "last_slice":
            y = y[:, -1:, :] if spec["batch_first"] else y[-1:]
        elif head_input == "h_n":
            y = state[0][-1] if spec["cell"] == "LSTM" else state[-1]
        elif head_input == "h_n_squeeze":
            y = (state[0] if spec["cell"] == "LSTM" else state).squeeze(0)
        if self.head is not None:
            y = self.head(y)
        activation = spec["head_activation"]
        if activation == "sigmoid":
            y = torch.sigmoid(y)
        elif activation == "tanh":
            y = torch.tanh(y)
        elif activation == "relu":
            y = torch.relu(y)
        elif activation == "softmax":
            y = torch.softmax(y, dim=-1)
        return y


# head_input: what forward() hands the head. "sequence": every step (many-to-many). The many-to-one ways of writing
# "the last step": "last_index" out[:, -1, :] (out[-1] when not batch_first), "last_slice" out[:, -1:, :],
# "h_n" h_n[-1], "h_n_squeeze" h_n.squeeze(0).
def spec(name, cell, input_size, hidden_size, *, num_layers=1, batch_first=True, bidirectional=False, head_out=0,
         head_activation="none", nonlinearity="tanh", head_input="sequence", zero_state_in_forward=False):
    return dict(name=name, cell=cell, input_size=input_size, hidden_size=hidden_size, num_layers=num_layers,
                batch_first=batch_first, bidirectional=bidirectional, head_out=head_out,
                head_activation=head_activation, nonlinearity=nonlinearity, head_input=head_input,
                last_step_only=head_input != "sequence", zero_state_in_forward=zero_state_in_forward)


MODELS = [
    spec("lstm_l2_bf_sigmoid", "LSTM", 3, 8, num_layers=2, head_out=1, head_activation="sigmoid"),
    spec("gru_bf_sigmoid", "GRU", 4, 12, head_out=1, head_activation="sigmoid"),
    spec("lstm_bf_softmax", "LSTM", 3, 10, head_out=4, head_activation="softmax"),
    spec("lstm_bidir_bf", "LSTM", 3, 6, bidirectional=True, head_out=2),
    spec("rnn_tanh_sf_tanh", "RNN", 2, 8, batch_first=False, head_out=2, head_activation="tanh"),
    spec("rnn_relu_l2_bf_relu", "RNN", 3, 8, num_layers=2, nonlinearity="relu", head_out=3, head_activation="relu"),
    spec("gru_bidir_l2_sf", "GRU", 3, 5, num_layers=2, batch_first=False, bidirectional=True),
    spec("lstm_sf_l2", "LSTM", 2, 16, num_layers=2, batch_first=False, head_out=2),
    spec("lstm_bf_last_sigmoid", "LSTM", 3, 8, head_out=1, head_activation="sigmoid", head_input="last_index"),
    spec("lstm_l2_bf_zero_state", "LSTM", 2, 6, num_layers=2, head_out=2, zero_state_in_forward=True),
    spec("gru_sf_last_slice_tanh", "GRU", 2, 4, batch_first=False, head_out=2, head_activation="tanh",
         head_input="last_slice"),
    spec("lstm_l2_bf_hn_sigmoid", "LSTM", 3, 6, num_layers=2, head_out=1, head_activation="sigmoid", head_input="h_n"),
    spec("rnn_relu_sf_hn_softmax", "RNN", 2, 5, batch_first=False, nonlinearity="relu", head_out=3,
         head_activation="softmax", head_input="h_n_squeeze"),
]


def dynamic_axes(model_spec, form):
    """The dynamic_axes argument of one form, on the model's real batch and time axes."""
    batch, time = (0, 1) if model_spec["batch_first"] else (1, 0)
    wanted = {"dynamic": {batch: "batch", time: "time"}, "fixed": None, "batch": {batch: "batch"},
              "time": {time: "time"}}[form]
    if wanted is None:
        return None
    if model_spec["head_input"] == "last_slice":
        # The output keeps a time axis of length 1.
        output = {batch: "batch"} if batch in wanted else {}
    elif model_spec["last_step_only"]:
        # The output is [batch, features]: no time axis, and the batch axis is axis 0 whatever batch_first says.
        output = {0: "batch"} if batch in wanted else {}
    else:
        output = dict(wanted)
    axes = {"input": wanted}
    if output:
        axes["output"] = output
    return axes


def example_input(model_spec, steps, seed):
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(steps, model_spec["input_size"], generator=generator)
    return x


def as_batch(model_spec, x):
    """[steps, features] -> the module's input with batch 1 on its batch axis."""
    return x.unsqueeze(0) if model_spec["batch_first"] else x.unsqueeze(1)


def golden_rows(model, model_spec, x):
    """PyTorch's output as [steps, outputs] rows: per step, or per prefix for a last-step-only model."""
    with torch.no_grad():
        if not model_spec["last_step_only"]:
            y = model(as_batch(model_spec, x))
            return (y[0] if model_spec["batch_first"] else y[:, 0]).numpy()
        return np.stack([model(as_batch(model_spec, x[: t + 1])).reshape(-1).numpy() for t in range(x.shape[0])])


def floats(array):
    # float32 values printed to round-trip exactly into a C# float.
    return [float(np.float32(v)) for v in np.asarray(array, dtype=np.float32).reshape(-1)]


def export(model, model_spec, form, opset, path):
    example = as_batch(model_spec, example_input(model_spec, TRACE_STEPS, 7))
    torch.onnx.export(model, example, path, input_names=["input"], output_names=["output"],
                      dynamic_axes=dynamic_axes(model_spec, form), opset_version=opset)
    onnx.checker.check_model(onnx.load(path))


def pascal(text):
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", text) if part)


def write_model(index, model_spec):
    torch.manual_seed(100 + index)
    model = Recurrent(model_spec).eval()
    folder = os.path.join(ROOT, model_spec["name"])
    os.makedirs(folder, exist_ok=True)
    files = {}
    for form, opset in [(f, o) for o in OPSETS for f in FORMS] + list(EXTRA):
        variant = f"{form}_opset{opset}"
        export(model, model_spec, form, opset, os.path.join(folder, variant + ".onnx"))
        files[variant] = variant + ".onnx"

    sequences = []
    for steps, seed in ((TRACE_STEPS, 1000 + index), (LONG_STEPS, 2000 + index)):
        x = example_input(model_spec, steps, seed)
        sequences.append({"steps": steps, "input": floats(x), "output": floats(golden_rows(model, model_spec, x))})
    directions = 2 if model_spec["bidirectional"] else 1
    output_size = model_spec["head_out"] or directions * model_spec["hidden_size"]
    golden = {
        "name": model_spec["name"],
        "source": f"PyTorch {torch.__version__} (tests/exports/make_exports.py), float32, batch 1, zero initial state",
        "architecture": {k: v for k, v in model_spec.items() if k != "name"},
        "streaming": not model_spec["bidirectional"],
        "input_size": model_spec["input_size"],
        "output_size": output_size,
        "files": files,
        "sequences": sequences,
    }
    with open(os.path.join(folder, "golden.json"), "w") as stream:
        json.dump(golden, stream, separators=(",", ":"))
        stream.write("\n")
    return golden


class WithInitialState(nn.Module):
    """A caller-supplied initial state: a second graph input, which EdgeLstm cannot take."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(3, 4, batch_first=True)

    def forward(self, x, h0):
        return self.rnn(x, h0)[0]


class FinalStateHead(nn.Module):
    """A head on h_n of a bidirectional LSTM: h_n[-1] is the reverse direction's state after the first step."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True, bidirectional=True)
        self.head = nn.Linear(4, 1)

    def forward(self, x):
        _, (h, _) = self.rnn(x)
        return self.head(h[-1])


class FixedStep(nn.Module):
    """out[:, 3, :]: the fourth step of the window, a position that means nothing to a stream."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True)

    def forward(self, x):
        return self.rnn(x)[0][:, 3, :]


def write_refused():
    folder = os.path.join(ROOT, "refused")
    os.makedirs(folder, exist_ok=True)
    torch.manual_seed(5)
    x = torch.randn(1, TRACE_STEPS, 3)
    torch.onnx.export(WithInitialState().eval(), (x, torch.zeros(1, 1, 4)), os.path.join(folder, "initial_state_input.onnx"),
                      input_names=["input", "h0"], output_names=["output"], opset_version=17)
    torch.onnx.export(FinalStateHead().eval(), x, os.path.join(folder, "bidirectional_final_state_head.onnx"),
                      input_names=["input"], output_names=["output"], opset_version=17)
    torch.onnx.export(FixedStep().eval(), x, os.path.join(folder, "fixed_step_index.onnx"),
                      input_names=["input"], output_names=["output"], opset_version=17)
    torch.manual_seed(6)
    batched = Recurrent(spec("batch4", "LSTM", 3, 4, head_out=1)).eval()
    torch.onnx.export(batched, torch.randn(4, TRACE_STEPS, 3), os.path.join(folder, "fixed_batch_of_4.onnx"),
                      input_names=["input"], output_names=["output"], opset_version=17)


def write_catalogue(goldens):
    """The generated model classes, and the conformance app's calls that check them (written out for Native AOT)."""
    header = [
        "// <auto-generated> by tests/exports/make_exports.py. Do not edit; rerun the script. </auto-generated>",
        "",
    ]
    classes = header + [
        "// One generated model class per export corpus file (tests/exports).",
        "",
        "namespace EdgeLstm.Conformance.ExportCorpus.Models;",
        "",
    ]
    calls = []
    for golden in goldens:
        name = golden["name"]
        classes.append(f"// {name}")
        for variant, file in golden["files"].items():
            cls = pascal(name) + pascal(variant)
            classes.append(f'[RecurrentModel("../exports/{name}/{file}")] public sealed partial class {cls};')
            method = "Streaming" if golden["streaming"] else "Window"
            for sequence in golden["sequences"]:
                case = f"{name}@{sequence['steps']}"
                calls.append(f'        run.{method}<{cls}>("{case}", "{variant}", {cls}.SelfTest);')
        classes.append("")
    catalogue = header + [
        "using EdgeLstm.Conformance.Checks;",
        "using EdgeLstm.Conformance.ExportCorpus.Models;",
        "",
        "namespace EdgeLstm.Conformance.ExportCorpus;",
        "",
        "/// <summary>Every model of the export corpus, checked at each golden length (case name model@steps).</summary>",
        "public static class ExportCorpusCatalogue",
        "{",
        "    /// <summary>Checks every model of the corpus.</summary>",
        "    public static void CheckAll(ConformanceRun run)",
        "    {",
    ] + calls + ["    }", "}", ""]
    for path, lines in ((MODEL_CLASSES, classes), (CATALOGUE, catalogue)):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as stream:
            stream.write("\n".join(lines))


def remove_stale_models():
    """Model folders the script no longer writes, so that a renamed model leaves no orphan behind."""
    names = {m["name"] for m in MODELS}
    for entry in sorted(os.listdir(ROOT)):
        folder = os.path.join(ROOT, entry)
        if entry not in names and os.path.isfile(os.path.join(folder, "golden.json")):
            shutil.rmtree(folder)


def main():
    torch.use_deterministic_algorithms(True)
    remove_stale_models()
    goldens = [write_model(i, m) for i, m in enumerate(MODELS)]
    write_refused()
    write_catalogue(goldens)
    count = sum(len(g["files"]) for g in goldens)
    print(f"{count} exports of {len(goldens)} models under {ROOT}; model classes {MODEL_CLASSES}", file=sys.stderr)


if __name__ == "__main__":
    main()
