using System.Collections.Generic;

namespace EdgeLstm.Import.Onnx;

// Gather and Slice on the data path. Two selections have a meaning for a model that streams:
//  - dropping or keeping a size-1 axis (y[0] on the batch axis), which changes nothing;
//  - keeping only the last time step (out[:, -1, :], out[-1], out[:, -1:, :]): a many-to-one model. Its output for a
//    sequence is the per-step model's output at the sequence's last step, so the layers stay the same and Step
//    returns, after each row, what the exported graph returns for the sequence so far.
// Any other step (out[:, 3, :]) is a position in a window, which a stream does not have, and selecting features is
// not a layer EdgeLstm has: both are refused with what to write instead.
internal sealed partial class OnnxGraphMapper
{
    private OnnxValue ApplyGather(OnnxNode node, OnnxValue?[] inputs)
    {
        OnnxAttributes.RequireOnly(node, _file, "axis");
        DataValue data = RequireData(node, inputs, 2);
        OnnxDataLayout layout = data.Layout;
        int axis = Axis(node, OnnxAttributes.GetInt(node, "axis", 0, _file), layout);
        if (inputs.Length < 2 || OnnxShapeArithmetic.Vector(inputs[1], _file) is not { Entries.Length: 1 } indices
            || indices.Entries[0] is ShapeValue.Steps or ShapeValue.Unknown)
        {
            throw Refuse(node, $"input indices ('{node.Input(1)}') is not one constant index; only a single constant index (such as out[:, -1, :]) is supported on the data path.");
        }
        long index = indices.Entries[0];
        OnnxDataLayout selected = indices.IsScalar ? layout.WithoutAxis(axis) : layout.WithUnitAxis(axis);

        if (layout[axis].IsTime)
        {
            if (index != -1)
            {
                throw Refuse(node, $"takes step {index} of the sequence axis {axis} of {layout}. A stream has no fixed position {index}; only the last step (index -1: out[:, -1, :] or out[-1]) can be streamed. Write out[:, -1, :] for a many-to-one model, or return every step.");
            }
            return data.WithLastStep(selected, node.Describe());
        }
        if (layout[axis].IsUnit && index is 0 or -1)
        {
            return data.WithLayout(selected);
        }
        throw Refuse(node, $"selects index {index} of axis {axis} of {layout}, which holds features; selecting features is not a layer EdgeLstm has. Return the whole feature vector, or select with an nn.Linear head.");
    }

    private OnnxValue ApplySlice(OnnxNode node, OnnxValue?[] inputs)
    {
        DataValue data;
        if (_opset < 10)
        {
            OnnxAttributes.RequireOnly(node, _file, "starts", "ends", "axes");
            data = RequireData(node, inputs, 1);
        }
        else
        {
            OnnxAttributes.RequireOnly(node, _file);
            data = RequireData(node, inputs, 5);
        }
        OnnxSliceArguments slice = OnnxSliceArguments.Read(node, inputs, _opset, _file)
            ?? throw Refuse(node, "its starts, ends, axes or steps are missing or computed at run time; expected constants.");

        OnnxDataLayout layout = data.Layout;
        string? lastStep = data.LastStep;
        var seen = new HashSet<int>();
        for (int k = 0; k < slice.Axes.Length; k++)
        {
            int axis = Axis(node, slice.Axes[k], data.Layout);
            if (!seen.Add(axis))
            {
                throw Refuse(node, $"slices axis {axis} twice.");
            }
            long start = slice.Starts[k], end = slice.Ends[k], step = slice.Steps[k];
            string range = $"[{start}:{end}:{step}]";
            DataAxis sliced = layout[axis];
            if (sliced.IsTime)
            {
                // The end must reach past any sequence a stream may bring; torch writes INT64_MAX for an open end.
                bool toTheEnd = step == 1 && end >= int.MaxValue;
                if (toTheEnd && start == -1)
                {
                    layout = layout.WithUnitAxis(axis);
                    lastStep = node.Describe();
                }
                else if (!(toTheEnd && start == 0))
                {
                    throw Refuse(node, $"slices the sequence axis {axis} of {data.Layout} with {range}; only the whole sequence or its last step (out[:, -1:, :]) can be streamed.");
                }
            }
            else if (!CoversWholeAxis(start, end, step, sliced.Size))
            {
                throw Refuse(node, $"slices axis {axis} of {data.Layout} with {range}, which would drop features; selecting features is not a layer EdgeLstm has. Return the whole feature vector, or select with an nn.Linear head.");
            }
        }
        return lastStep == data.LastStep ? data.WithLayout(layout) : data.WithLastStep(layout, lastStep!);
    }

    // Slice's range rules: negative indices count from the end, both ends are clamped to the axis.
    private static bool CoversWholeAxis(long start, long end, long step, int size)
    {
        if (start < 0) start += size;
        if (end < 0) end += size;
        return step == 1 && start <= 0 && end >= size;
    }

    private int Axis(OnnxNode node, long axis, OnnxDataLayout layout)
    {
        long normalized = axis < 0 ? axis + layout.Rank : axis;
        if (normalized < 0 || normalized >= layout.Rank)
        {
            throw Refuse(node, $"axis {axis} is out of range for the data {layout}.");
        }
        return (int)normalized;
    }
}
