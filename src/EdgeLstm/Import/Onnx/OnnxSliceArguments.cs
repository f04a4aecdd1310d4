using System.Collections.Generic;

namespace EdgeLstm.Import.Onnx;

/// <summary>
/// The starts, ends, axes and steps of a Slice node, wherever its opset keeps them: attributes before opset 10, inputs
/// from then on (axes default to 0, 1, ..., steps to 1).
/// </summary>
internal sealed class OnnxSliceArguments
{
    private OnnxSliceArguments(long[] starts, long[] ends, long[] axes, long[] steps)
    {
        Starts = starts;
        Ends = ends;
        Axes = axes;
        Steps = steps;
    }

    public long[] Starts { get; }

    public long[] Ends { get; }

    public long[] Axes { get; }

    public long[] Steps { get; }

    /// <summary>The arguments, or null when one is computed at run time, missing, or the lists differ in length.</summary>
    public static OnnxSliceArguments? Read(OnnxNode node, OnnxValue?[] inputs, long opset, string file)
    {
        long[]? starts, ends, axes, steps;
        bool complete = true;
        if (opset < 10)
        {
            starts = OnnxAttributes.GetInts(node, "starts", file)?.ToArray();
            ends = OnnxAttributes.GetInts(node, "ends", file)?.ToArray();
            axes = OnnxAttributes.GetInts(node, "axes", file)?.ToArray();
            steps = null;
        }
        else
        {
            starts = Known(inputs, 1, file);
            ends = Known(inputs, 2, file);
            axes = Optional(3);
            steps = Optional(4);
        }
        if (!complete || starts is null || ends is null || ends.Length != starts.Length)
        {
            return null;
        }
        if (axes is null)
        {
            axes = new long[starts.Length];
            for (int i = 0; i < axes.Length; i++) axes[i] = i;
        }
        if (steps is null)
        {
            steps = new long[starts.Length];
            for (int i = 0; i < steps.Length; i++) steps[i] = 1;
        }
        return axes.Length == starts.Length && steps.Length == starts.Length ? new OnnxSliceArguments(starts, ends, axes, steps) : null;

        // An optional input: null when absent; one that is present but not constant leaves the arguments incomplete.
        long[]? Optional(int index)
        {
            if (node.Input(index).Length == 0) return null;
            long[]? values = Known(inputs, index, file);
            complete &= values is not null;
            return values;
        }
    }

    // A constant integer vector input (an initializer, a Constant or shape arithmetic with every entry known).
    private static long[]? Known(IReadOnlyList<OnnxValue?> inputs, int index, string file)
    {
        if (index >= inputs.Count || OnnxShapeArithmetic.Vector(inputs[index], file) is not { } vector)
        {
            return null;
        }
        foreach (long entry in vector.Entries)
        {
            if (entry is ShapeValue.Steps or ShapeValue.Unknown) return null;
        }
        return vector.Entries;
    }
}
