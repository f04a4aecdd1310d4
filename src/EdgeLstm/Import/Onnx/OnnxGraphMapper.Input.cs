using System;
using System.Collections.Generic;
using EdgeLstm.Model;

namespace EdgeLstm.Import.Onnx;

// The graph input: which one is the sequence, and which of its axes is time. The declared shape cannot say: torch
// writes [batch, seq, features] for batch_first=True, [seq, batch, features] otherwise, and any of the two may be a
// number (the traced length or batch) or a symbol (dynamic_axes). The graph itself says it: the first recurrent node
// reads its X with a known layout, and the Transposes between the input and X move that axis to where it is.
internal sealed partial class OnnxGraphMapper
{
    // The sequence length the graph input declares, when it is a number (an export without a dynamic time axis).
    // Reshapes that write it where the sequence axis goes are followed; it never limits the length at run time.
    private long? _declaredSteps;

    // The one graph input that is not an initializer. A second one is refused, by name of the node that reads it
    // when it is an initial state, since that is how torch exports forward(x, h0).
    private OnnxValueInfo DataInput(List<OnnxNode> live)
    {
        var dataInputs = new List<OnnxValueInfo>();
        foreach (OnnxValueInfo input in _graph.Inputs)
        {
            // Before IR version 4 initializers were also listed as graph inputs; they are constants, not data.
            if (!_values.ContainsKey(input.Name)) dataInputs.Add(input);
        }
        if (dataInputs.Count == 1)
        {
            return dataInputs[0];
        }
        foreach (OnnxValueInfo input in dataInputs)
        {
            if (StateSlotFedBy(input.Name, live) is { } state)
            {
                throw new ModelFormatException(_file, state.Node.Describe(), $"input {state.Slot} is fed by the graph input '{input.Name}'. " + (state.Slot == "sequence_lens"
                    ? "The generated code runs every step it is given, so per-sequence lengths cannot be an input. Export without them: run the RNN on the tensor itself, not on a PackedSequence (pack_padded_sequence), feed each sequence at its own length, and export with input_names=[\"input\"] only."
                    : "EdgeLstm starts every sequence from a zero state and carries the state itself from one Step to the next, so the initial state cannot be an input. Export without it: call the RNN as self.rnn(x) in forward() (or pass torch.zeros(...) built inside forward()) and export with input_names=[\"input\"] only."));
            }
        }
        throw new ModelFormatException(_file, $"graph '{_graph.Name}'",
            $"the graph has {dataInputs.Count} inputs that are not initializers ({string.Join(", ", dataInputs.ConvertAll(i => "'" + i.Name + "'"))}); expected exactly one, the input sequence.");
    }

    // The recurrent node and the name of its sequence_lens / initial_h / initial_c input that `name` reaches through
    // any chain of live nodes (torch slices a stacked state per layer first), or null.
    private (OnnxNode Node, string Slot)? StateSlotFedBy(string name, List<OnnxNode> live)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { name };
        foreach (OnnxNode node in live)
        {
            for (int i = 0; i < node.Inputs.Count; i++)
            {
                if (!reached.Contains(node.Inputs[i])) continue;
                if (OnnxRecurrentMapper.IsRecurrent(node.OpType))
                {
                    string? slot = i switch { 4 => "sequence_lens", 5 => "initial_h", 6 => "initial_c", _ => null };
                    if (slot is not null) return (node, slot);
                }
                else
                {
                    foreach (string output in node.Outputs) reached.Add(output);
                }
            }
        }
        return null;
    }

    private OnnxDataLayout InitialLayout(OnnxValueInfo input, List<OnnxNode> live)
    {
        string where = $"graph input '{input.Name}'";
        if (!input.IsTensor)
        {
            throw new ModelFormatException(_file, where, "the input is not a tensor; expected a float tensor [batch, seq, features] or [seq, batch, features].");
        }
        if (input.HasType && input.ElementType != (int)OnnxDataType.Float)
        {
            throw new ModelFormatException(_file, where, $"the input has element type {OnnxTensorDecoder.DescribeType(input.ElementType)}; expected FLOAT.");
        }

        OnnxNode? firstRecurrent = live.Find(n => OnnxRecurrentMapper.IsRecurrent(n.OpType));
        List<long?>? shape = input.Shape;
        int rank = shape?.Count ?? 3;
        long? features = shape is { Count: > 0 } ? shape[shape.Count - 1] : null;
        if (features is null && firstRecurrent is not null
            && _values.TryGetValue(firstRecurrent.Input(1), out OnnxValue? w) && w is ConstantValue { Tensor.Dims.Count: 3 } weights)
        {
            features = weights.Tensor.Dims[2];
        }
        if (features is null || features <= 0 || features > ModelValidator.MaxDimension)
        {
            throw new ModelFormatException(_file, where, $"the input's feature size is {(features is null ? "unknown" : features.ToString())}; expected a declared last dimension of 1..{ModelValidator.MaxDimension}.");
        }

        if (rank == 2)
        {
            _declaredSteps = shape?[0];
            return OnnxDataLayout.Sequence(2, 0, 1, (int)features.Value);
        }
        if (rank != 3)
        {
            throw new ModelFormatException(_file, where, $"the input has rank {rank}; expected [batch, seq, features] or [seq, batch, features] (or [seq, features]).");
        }

        int time;
        if (firstRecurrent is not null && TimeAxisReadBy(firstRecurrent, input.Name) is { } traced)
        {
            if (traced == 2)
            {
                throw new ModelFormatException(_file, firstRecurrent.Describe(),
                    $"the node reads axis 2 of {where}, which holds the features, as the sequence axis; expected the input as [batch, seq, features] or [seq, batch, features].");
            }
            time = traced;
        }
        else
        {
            // No recurrent node reads the input through plain transposes: the axis that is not 1 is time, else the
            // first recurrent node's layout decides.
            bool firstIsOne = shape is not null && shape[0] == 1, secondIsOne = shape is not null && shape[1] == 1;
            time = firstIsOne != secondIsOne
                ? firstIsOne ? 1 : 0
                : firstRecurrent is not null && OnnxRecurrentMapper.Layout(firstRecurrent, _file) == 1 ? 1 : 0;
        }
        CheckBatchAxis(input, time, firstRecurrent);
        _declaredSteps = shape?[time];
        return OnnxDataLayout.Sequence(3, time, 2, (int)features.Value);
    }

    // The generated code runs one sequence (batch 1). A symbolic batch axis is fine: the graph computes the same for
    // every batch entry. A declared batch above 1 is a different model; a time axis fixed at 1 beside a symbolic
    // batch axis is a graph that treats its symbolic axis as a batch of one-step sequences.
    private void CheckBatchAxis(OnnxValueInfo input, int time, OnnxNode? reader)
    {
        if (input.Shape is not { } shape)
        {
            return;
        }
        int batchAxis = 1 - time;
        string declared = "[" + string.Join(", ", shape.ConvertAll(d => d?.ToString() ?? "?")) + "]";
        string readBy = reader is null ? string.Empty : $" ({reader.Describe()} with layout={OnnxRecurrentMapper.Layout(reader, _file)} reads axis {time} as the sequence)";
        string dynamicBatch = time == 1 ? "{0: \"batch\", 1: \"time\"}" : "{0: \"time\", 1: \"batch\"}";
        if (shape[batchAxis] is long batch && batch != 1)
        {
            throw new ModelFormatException(_file, $"graph input '{input.Name}'",
                $"the input shape {declared} has batch size {batch} on axis {batchAxis}{readBy}; the generated code runs one sequence at a time. Export with a batch of 1, or make the batch axis dynamic: dynamic_axes={{\"input\": {dynamicBatch}, ...}}.");
        }
        if (shape[time] == 1 && shape[batchAxis] is null)
        {
            throw new ModelFormatException(_file, $"graph input '{input.Name}'",
                $"the input shape {declared} fixes the sequence axis {time} at length 1{readBy} and leaves axis {batchAxis} symbolic, so the graph runs one step per batch entry, not a sequence. Export with batch_first matching the input (batch_first=True reads [batch, seq, features]) and dynamic_axes={{\"input\": {dynamicBatch}, ...}}.");
        }
    }

    // The graph input axis that `recurrent` reads as its sequence axis, found by walking back from its X through
    // Identity, Cast and Transpose to the graph input; null when something else is in between.
    private int? TimeAxisReadBy(OnnxNode recurrent, string inputName)
    {
        int axis = OnnxRecurrentMapper.Layout(recurrent, _file) == 0 ? 0 : 1;
        string name = recurrent.Input(0);
        // Every step moves to an earlier node, so the walk is at most as long as the graph.
        for (int hops = 0; hops <= _graph.Nodes.Count; hops++)
        {
            if (name == inputName)
            {
                return axis;
            }
            if (!_producers.TryGetValue(name, out OnnxNode? producer))
            {
                return null;
            }
            switch (producer.OpType)
            {
                case "Identity":
                case "Cast":
                    break;
                case "Transpose":
                    // Output axis i is input axis perm[i]; without perm the axes of a rank-3 tensor are reversed.
                    List<long>? perm = OnnxAttributes.GetInts(producer, "perm", _file);
                    long source = perm is null || perm.Count == 0 ? 2 - axis : axis < perm.Count ? perm[axis] : -1;
                    if (source is < 0 or > 2)
                    {
                        return null;
                    }
                    axis = (int)source;
                    break;
                default:
                    return null;
            }
            name = producer.Input(0);
        }
        return null;
    }
}
