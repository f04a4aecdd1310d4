using System;
using System.Collections.Generic;
using EdgeLstm.Model;

namespace EdgeLstm.Import.Onnx;

// The final hidden state Y_h, as torch writes a head on h_n: `self.fc(h_n[-1])` is Concat of every layer's Y_h, then
// Gather -1; `h_n.squeeze(0)` is a Squeeze. A forward direction's final state is its output at the last step, so a
// head on it is the many-to-one model of OnnxGraphMapper.Selection.cs. A reverse direction's final state is its
// state after the first step, and the cell state Y_c is not an output at all: both are refused when used.
internal sealed partial class OnnxGraphMapper
{
    // Y_c holds the cell state, which no output row carries; a reverse direction's Y_h is its state after the first
    // step. The output sequence holds what a unidirectional h_n[-1] holds.
    private const string FinalStateAdvice =
        "EdgeLstm streams the output sequence and has no separate final state. For a head on the last hidden state, use the output sequence in forward(): out[:, -1, :] (batch_first=True) or out[-1] holds h_n[-1] of a unidirectional model; for a bidirectional one, return every step.";

    // Y_h [num_directions, batch, hidden] of a layout-0 node: the forward entry is the output's last step.
    private FinalStatesValue FinalHiddenStates(OnnxNode node, RecurrentLayer layer, DataValue output)
    {
        var perStep = new OnnxDataLayout(new[] { DataAxis.Unit, new DataAxis(false, layer.Hidden, 1) });
        string source = $"the final hidden state (output Y_h) of {node.Describe()}";
        OnnxValue[] entries = layer.Direction switch
        {
            Direction.Forward => new OnnxValue[] { output.WithLastStep(perStep, source) },
            Direction.Reverse => new OnnxValue[] { new FinalStateValue(node, 1, "reverse") },
            _ => new OnnxValue[] { new FinalStateValue(node, 1, "forward"), new FinalStateValue(node, 1, "reverse") },
        };
        // The forward entry of a bidirectional layer would be the last step of half the features: not representable.
        return new FinalStatesValue(entries);
    }

    private OnnxValue ApplyFinalStates(OnnxNode node, OnnxValue?[] inputs)
    {
        switch (node.OpType)
        {
            case "Identity":
                return inputs[0] ?? throw Refuse(node, "has no input.");
            case "Concat" when OnnxAttributes.GetInt(node, "axis", 0, _file) == 0 && Array.TrueForAll(inputs, i => i is FinalStatesValue):
                var entries = new List<OnnxValue>();
                foreach (OnnxValue? input in inputs) entries.AddRange(((FinalStatesValue)input!).Entries);
                if (entries.Count > FinalStatesValue.MaxEntries)
                {
                    throw Refuse(node, $"concatenates {entries.Count} final states; at most {FinalStatesValue.MaxEntries} are followed.");
                }
                return new FinalStatesValue(entries.ToArray());
            case "Gather" when inputs.Length == 2 && inputs[0] is FinalStatesValue states && OnnxAttributes.GetInt(node, "axis", 0, _file) == 0:
                if (OnnxShapeArithmetic.Vector(inputs[1], _file) is not { Entries.Length: 1 } index || index.Entries[0] is ShapeValue.Steps or ShapeValue.Unknown)
                {
                    throw Refuse(node, $"input indices ('{node.Input(1)}') is not one constant index into the final states.");
                }
                return Select(node, states, index.Entries[0], keepAxis: !index.IsScalar);
            case "Slice" when inputs[0] is FinalStatesValue sliced:
                return SliceStates(node, sliced, inputs);
            case "Squeeze" when inputs[0] is FinalStatesValue { Entries.Length: 1 } single && SqueezesFirstAxisOnly(node, inputs):
                return Select(node, single, 0, keepAxis: false);
            default:
                string what = Array.Find(inputs, i => i is FinalStatesValue) is FinalStatesValue { Entries.Length: > 0 } found && found.Entries[0] is FinalStateValue f
                    ? f.Describe()
                    : "a final hidden state (Y_h)";
                throw Refuse(node, $"{node.OpType} on {what} is not supported; only h_n[i] (Gather on axis 0) and h_n.squeeze(0) of a forward layer's final hidden state are.");
        }
    }

    private DataValue Select(OnnxNode node, FinalStatesValue states, long index, bool keepAxis)
    {
        long at = index < 0 ? index + states.Entries.Length : index;
        if (at < 0 || at >= states.Entries.Length)
        {
            throw Refuse(node, $"index {index} is out of range for the {states.Entries.Length} final states.");
        }
        return states.Entries[at] switch
        {
            DataValue data => keepAxis ? data.WithLayout(data.Layout.Unsqueeze(new long[] { 0 }, out _)!) : data,
            FinalStateValue state => throw Refuse(node,
                $"selects {state.Describe()}, which is {(state.Direction == "reverse" ? "that direction's state after the first step" : "half of the last step's features")}. {FinalStateAdvice}"),
            _ => throw Refuse(node, "selects a final state EdgeLstm does not follow."),
        };
    }

    // Opset 9 writes h_n[-1] as Slice [-1:] and Squeeze: a range of entries along axis 0.
    private FinalStatesValue SliceStates(OnnxNode node, FinalStatesValue states, OnnxValue?[] inputs)
    {
        if (OnnxSliceArguments.Read(node, inputs, _opset, _file) is not { } slice || slice.Axes.Length != 1 || slice.Axes[0] != 0 || slice.Steps[0] != 1)
        {
            throw Refuse(node, "slices the final hidden states other than as a range of axis 0 (h_n[i:j]).");
        }
        int count = states.Entries.Length;
        long start = slice.Starts[0] < 0 ? slice.Starts[0] + count : slice.Starts[0];
        long end = slice.Ends[0] < 0 ? slice.Ends[0] + count : slice.Ends[0];
        start = Math.Min(Math.Max(start, 0), count);
        end = Math.Min(Math.Max(end, start), count);
        var entries = new OnnxValue[end - start];
        Array.Copy(states.Entries, start, entries, 0, entries.Length);
        return new FinalStatesValue(entries);
    }

    private bool SqueezesFirstAxisOnly(OnnxNode node, OnnxValue?[] inputs)
    {
        IReadOnlyList<long>? axes = _opset >= 13
            ? inputs.Length > 1 ? OnnxShapeArithmetic.Vector(inputs[1], _file)?.Entries : null
            : OnnxAttributes.GetInts(node, "axes", _file);
        return axes is { Count: 1 } && axes[0] == 0;
    }

    // Y_h itself as the graph output: a single forward layer's [1, batch, hidden].
    private OnnxValue FinalStatesAsOutput(FinalStatesValue states, string outputName)
    {
        if (states.Entries.Length == 1 && states.Entries[0] is DataValue data)
        {
            return data.WithLayout(data.Layout.Unsqueeze(new long[] { 0 }, out _)!);
        }
        string what = states.Entries.Length == 1 && states.Entries[0] is FinalStateValue state
            ? state.Describe()
            : $"{states.Entries.Length} final hidden states (Y_h)";
        throw new ModelFormatException(_file, $"graph output '{outputName}'", $"the output is {what}; {FinalStateAdvice}");
    }
}
