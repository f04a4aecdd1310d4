using System;
using System.Collections.Generic;

namespace EdgeLstm.Import.Onnx;

/// <summary>
/// Evaluates the shape arithmetic torch.onnx.export writes (Shape, Gather, Unsqueeze, Squeeze, Concat, Slice, Cast and
/// integer Add/Sub/Mul/Div) into <see cref="ShapeValue"/>s, with the sequence length kept as a symbol. That is what lets
/// a Reshape whose target is computed from the input's shape (<c>y.reshape(x.size(0), x.size(1), -1)</c>) be followed
/// exactly. Anything else, and any vector longer than <see cref="ShapeValue.MaxLength"/>, is left unevaluated (null):
/// harmless unless a later node needs its value, which then refuses it by name.
/// </summary>
internal static class OnnxShapeArithmetic
{
    /// <summary>The value of a Shape node: the data's symbolic dims (the batch axis is 1 in EdgeLstm's model) or a constant's dims.</summary>
    public static OnnxValue ShapeOf(OnnxNode node, OnnxValue? input, string file)
    {
        long[]? dims = input switch
        {
            DataValue data => DimsOf(data.Layout),
            // A negative dim is a malformed tensor, and must never pass for a symbol.
            ConstantValue constant when constant.Tensor.Dims.TrueForAll(d => d >= 0) => constant.Tensor.Dims.ToArray(),
            ShapeValue shape => shape.IsScalar ? Array.Empty<long>() : new long[] { shape.Entries.Length },
            _ => null,
        };
        if (dims is null)
        {
            return new UnevaluatedValue(node);
        }
        // Opset 15 added start and end (negative counts from the back, both clamped), as in Slice.
        long start = Clamp(OnnxAttributes.GetInt(node, "start", 0, file), dims.Length);
        long end = Clamp(OnnxAttributes.GetInt(node, "end", dims.Length, file), dims.Length);
        long length = Math.Max(0, end - start);
        if (length > ShapeValue.MaxLength)
        {
            return new UnevaluatedValue(node);
        }
        var entries = new long[length];
        Array.Copy(dims, start, entries, 0, length);
        return new ShapeValue(entries, isScalar: false);
    }

    /// <summary>The node's result when all its inputs are shape vectors or small integer constants; null otherwise.</summary>
    public static ShapeValue? Evaluate(OnnxNode node, OnnxValue?[] inputs, long opset, string file)
    {
        if (inputs.Length == 0 || Vector(inputs[0], file) is not { } first)
        {
            return null;
        }
        switch (node.OpType)
        {
            case "Identity":
            case "Cast":
                return first;
            case "Gather":
                return Gather(node, first, inputs, file);
            case "Unsqueeze":
                // A scalar becomes a one-entry vector: how torch turns x.size(i) into a piece of a shape.
                return first.IsScalar && IsFirstAxisOnly(Axes(node, inputs, opset, file)) ? new ShapeValue(first.Entries, isScalar: false) : null;
            case "Squeeze":
                long[]? squeezed = Axes(node, inputs, opset, file);
                return !first.IsScalar && first.Entries.Length == 1 && (squeezed is null || IsFirstAxisOnly(squeezed))
                    ? new ShapeValue(first.Entries, isScalar: true)
                    : null;
            case "Concat":
                return Concat(node, inputs, file);
            case "Slice":
                return Slice(node, first, inputs, opset, file);
            case "Add":
            case "Sub":
            case "Mul":
            case "Div":
                return inputs.Length == 2 && Vector(inputs[1], file) is { } second ? Arithmetic(node.OpType, first, second) : null;
            default:
                return null;
        }
    }

    /// <summary>A shape vector, or a small INT64/INT32 constant read as one; null for anything else.</summary>
    public static ShapeValue? Vector(OnnxValue? value, string file)
    {
        switch (value)
        {
            case ShapeValue shape:
                return shape;
            case ConstantValue { Tensor: var tensor }
                when tensor.DataType is (int)OnnxDataType.Int64 or (int)OnnxDataType.Int32
                     && (tensor.Dims.Count == 0 || tensor.Dims.Count == 1 && tensor.Dims[0] is >= 0 and <= ShapeValue.MaxLength):
                long[] values = OnnxTensorDecoder.ToInt64s(tensor, file);
                // Values this far out are not sizes; keep them from colliding with the symbols.
                return Array.Exists(values, v => v <= ShapeValue.Unknown) ? null : new ShapeValue(values, tensor.Dims.Count == 0);
            default:
                return null;
        }
    }

    private static long[] DimsOf(OnnxDataLayout layout)
    {
        var dims = new long[layout.Rank];
        for (int i = 0; i < dims.Length; i++) dims[i] = layout[i].IsTime ? ShapeValue.Steps : layout[i].Size;
        return dims;
    }

    private static long Clamp(long index, int length)
    {
        if (index < 0) index += length;
        return Math.Min(Math.Max(index, 0), length);
    }

    private static ShapeValue? Gather(OnnxNode node, ShapeValue data, OnnxValue?[] inputs, string file)
    {
        if (data.IsScalar || inputs.Length != 2 || OnnxAttributes.GetInt(node, "axis", 0, file) != 0 || Vector(inputs[1], file) is not { } indices)
        {
            return null;
        }
        var entries = new long[indices.Entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            long index = indices.Entries[i];
            if (index < 0) index += data.Entries.Length;
            if (index < 0 || index >= data.Entries.Length)
            {
                return null;
            }
            entries[i] = data.Entries[index];
        }
        return new ShapeValue(entries, indices.IsScalar);
    }

    private static ShapeValue? Concat(OnnxNode node, OnnxValue?[] inputs, string file)
    {
        if (OnnxAttributes.GetInt(node, "axis", 0, file) is not (0 or -1))
        {
            return null;
        }
        var entries = new List<long>();
        foreach (OnnxValue? input in inputs)
        {
            if (Vector(input, file) is not { IsScalar: false } part || entries.Count + part.Entries.Length > ShapeValue.MaxLength)
            {
                return null;
            }
            entries.AddRange(part.Entries);
        }
        return new ShapeValue(entries.ToArray(), isScalar: false);
    }

    private static ShapeValue? Slice(OnnxNode node, ShapeValue data, OnnxValue?[] inputs, long opset, string file)
    {
        if (data.IsScalar || OnnxSliceArguments.Read(node, inputs, opset, file) is not { } slice || slice.Axes.Length != 1 || slice.Axes[0] is not (0 or -1))
        {
            return null;
        }
        int length = data.Entries.Length;
        long step = slice.Steps[0];
        if (step != 1)
        {
            return null;
        }
        long start = Clamp(slice.Starts[0], length), end = Clamp(slice.Ends[0], length);
        long count = Math.Max(0, end - start);
        var entries = new long[count];
        Array.Copy(data.Entries, start, entries, 0, count);
        return new ShapeValue(entries, isScalar: false);
    }

    // Element-wise integer arithmetic with NumPy broadcasting of a one-entry operand. Anything involving the sequence
    // length or an unknown entry is unknown: EdgeLstm only ever needs the sequence length itself.
    private static ShapeValue? Arithmetic(string op, ShapeValue a, ShapeValue b)
    {
        int length = Math.Max(a.Entries.Length, b.Entries.Length);
        if (a.Entries.Length != length && a.Entries.Length != 1 || b.Entries.Length != length && b.Entries.Length != 1)
        {
            return null;
        }
        var entries = new long[length];
        for (int i = 0; i < length; i++)
        {
            long x = a.Entries[a.Entries.Length == 1 ? 0 : i], y = b.Entries[b.Entries.Length == 1 ? 0 : i];
            // Sizes are small; values beyond int range are not sizes and would only risk overflow.
            entries[i] = !IsSize(x) || !IsSize(y) ? ShapeValue.Unknown : op switch
            {
                "Add" => x + y,
                "Sub" => x - y,
                "Mul" => x * y,
                _ => y == 0 ? ShapeValue.Unknown : x / y,
            };
        }
        return new ShapeValue(entries, a.IsScalar && b.IsScalar);
    }

    // Axes [0] (or [-1]) of a vector, the only axis it has.
    private static bool IsFirstAxisOnly(long[]? axes) => axes is { Length: 1 } && axes[0] is 0 or -1;

    private static bool IsSize(long value) => value is >= int.MinValue and <= int.MaxValue;

    // Squeeze/Unsqueeze axes: an attribute before opset 13, an input from then on.
    private static long[]? Axes(OnnxNode node, OnnxValue?[] inputs, long opset, string file)
    {
        if (opset < 13)
        {
            return OnnxAttributes.GetInts(node, "axes", file)?.ToArray();
        }
        return inputs.Length > 1 && Vector(inputs[1], file) is { IsScalar: false } axes ? axes.Entries : null;
    }
}
