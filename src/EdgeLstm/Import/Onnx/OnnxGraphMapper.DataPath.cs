using System;
using System.Collections.Generic;

namespace EdgeLstm.Import.Onnx;

// The operators that move data along the data path without computing: Identity, Cast, Transpose, Reshape, Flatten,
// Squeeze and Unsqueeze, followed on the symbolic shape so a reordering of features or time steps is caught.
// Gather and Slice, which select, are in OnnxGraphMapper.Selection.cs.
internal sealed partial class OnnxGraphMapper
{
    private OnnxValue ApplyDataOperator(OnnxNode node, OnnxValue?[] inputs)
    {
        switch (node.OpType)
        {
            case "Identity":
                OnnxAttributes.RequireOnly(node, _file);
                return RequireData(node, inputs, 1);
            case "Cast":
                return ApplyCast(node, inputs);
            case "Transpose":
                return ApplyTranspose(node, inputs);
            case "Reshape":
                return ApplyReshape(node, inputs);
            case "Squeeze":
                return ApplySqueezeOrUnsqueeze(node, inputs, squeeze: true);
            case "Unsqueeze":
                return ApplySqueezeOrUnsqueeze(node, inputs, squeeze: false);
            case "Flatten":
                return ApplyFlatten(node, inputs);
            case "Gather":
                return ApplyGather(node, inputs);
            case "Slice":
                return ApplySlice(node, inputs);
            case "MatMul":
                return ApplyMatMul(node, inputs);
            case "Gemm":
                return ApplyGemm(node, inputs);
            case "Add":
                return ApplyBiasAdd(node, inputs);
            case "Sigmoid":
            case "Tanh":
            case "Relu":
            case "Softmax":
                return ApplyActivation(node, inputs);
            default:
                throw new ModelFormatException(_file, node.Describe(),
                    $"operator {node.OpType} is not supported on the data path; supported there: LSTM, GRU, RNN, MatMul+Add, Gemm, Sigmoid, Tanh, Relu, Softmax, the shape operators Identity, Cast, Transpose, Reshape, Flatten, Squeeze, Unsqueeze, and Gather/Slice of the last time step.");
        }
    }

    // The data must arrive at input 0 only: anything else (data as a weight, a shape or a second operand) has no
    // meaning EdgeLstm can represent.
    private DataValue RequireData(OnnxNode node, OnnxValue?[] inputs, int maxInputs)
    {
        if (inputs.Length > maxInputs)
        {
            throw new ModelFormatException(_file, node.Describe(), $"has {inputs.Length} inputs; expected at most {maxInputs}.");
        }
        if (inputs[0] is not DataValue data)
        {
            throw new ModelFormatException(_file, node.Describe(), "the input sequence reaches an input other than the first; expected it at input 0 only.");
        }
        for (int i = 1; i < inputs.Length; i++)
        {
            if (inputs[i] is DataValue)
            {
                throw new ModelFormatException(_file, node.Describe(), $"the input sequence reaches input {i}; expected it at input 0 only.");
            }
        }
        return data;
    }

    private OnnxValue ApplyCast(OnnxNode node, OnnxValue?[] inputs)
    {
        OnnxAttributes.RequireOnly(node, _file, "to", "saturate");
        DataValue data = RequireData(node, inputs, 1);
        long to = OnnxAttributes.GetInt(node, "to", -1, _file);
        if (to != (long)OnnxDataType.Float)
        {
            throw new ModelFormatException(_file, node.Describe(), $"casts the data to {OnnxTensorDecoder.DescribeType((int)to)}; only FLOAT (a no-op) is supported.");
        }
        return data;
    }

    private OnnxValue ApplyTranspose(OnnxNode node, OnnxValue?[] inputs)
    {
        OnnxAttributes.RequireOnly(node, _file, "perm");
        DataValue data = RequireData(node, inputs, 1);
        OnnxDataLayout? layout = data.Layout.Transpose(OnnxAttributes.GetInts(node, "perm", _file), out string problem);
        return layout is null ? throw Refuse(node, problem) : data.WithLayout(layout);
    }

    private OnnxValue ApplyReshape(OnnxNode node, OnnxValue?[] inputs)
    {
        OnnxAttributes.RequireOnly(node, _file, "allowzero");
        DataValue data = RequireData(node, inputs, 2);
        long[] shape = ShapeInput(node, inputs, 1, "shape");
        bool allowZero = OnnxAttributes.GetInt(node, "allowzero", 0, _file) != 0;
        OnnxDataLayout? layout = data.Layout.Reshape(shape, allowZero, _declaredSteps, out string problem);
        return layout is null ? throw Refuse(node, problem) : data.WithLayout(layout);
    }

    // Flatten(axis) is the reshape to [product of the axes before, product of the rest].
    private OnnxValue ApplyFlatten(OnnxNode node, OnnxValue?[] inputs)
    {
        OnnxAttributes.RequireOnly(node, _file, "axis");
        DataValue data = RequireData(node, inputs, 1);
        OnnxDataLayout before = data.Layout;
        long axis = OnnxAttributes.GetInt(node, "axis", 1, _file);
        if (axis < 0) axis += before.Rank;
        if (axis < 0 || axis > before.Rank)
        {
            throw Refuse(node, $"axis {OnnxAttributes.GetInt(node, "axis", 1, _file)} is out of range for the data {before}.");
        }
        var shape = new long[2];
        for (int group = 0; group < 2; group++)
        {
            long product = 1;
            bool hasTime = false;
            for (int i = group == 0 ? 0 : (int)axis; i < (group == 0 ? axis : before.Rank); i++)
            {
                if (before[i].IsTime) hasTime = true;
                else product *= before[i].Size;
            }
            if (hasTime && product != 1)
            {
                throw Refuse(node, $"axis {axis} of {before} would merge the sequence axis with features, mixing time steps.");
            }
            shape[group] = hasTime ? ShapeValue.Steps : product;
        }
        OnnxDataLayout? layout = before.Reshape(shape, allowZero: false, _declaredSteps, out string problem);
        return layout is null ? throw Refuse(node, problem) : data.WithLayout(layout);
    }

    private OnnxValue ApplySqueezeOrUnsqueeze(OnnxNode node, OnnxValue?[] inputs, bool squeeze)
    {
        DataValue data;
        IReadOnlyList<long>? axes;
        if (_opset >= 13)
        {
            // Opset 13 moved axes from an attribute to an optional input.
            OnnxAttributes.RequireOnly(node, _file);
            data = RequireData(node, inputs, 2);
            axes = node.Input(1).Length > 0 ? ConstantInts(node, inputs, 1, "axes") : null;
        }
        else
        {
            OnnxAttributes.RequireOnly(node, _file, "axes");
            data = RequireData(node, inputs, 1);
            axes = OnnxAttributes.GetInts(node, "axes", _file);
        }
        if (axes is null)
        {
            throw Refuse(node, squeeze
                ? "has no axes; squeezing every size-1 axis would also drop the sequence axis of a one-step sequence. Expected explicit axes."
                : "has no axes; they are required.");
        }
        string problem;
        OnnxDataLayout? layout = squeeze ? data.Layout.Squeeze(axes, out problem) : data.Layout.Unsqueeze(axes, out problem);
        return layout is null ? throw Refuse(node, problem) : data.WithLayout(layout);
    }

    /// <summary>A constant integer input (axes), refused when it is computed at run time.</summary>
    private long[] ConstantInts(OnnxNode node, OnnxValue?[] inputs, int index, string what)
    {
        long[] values = ShapeInput(node, inputs, index, what);
        if (Array.Exists(values, v => v is ShapeValue.Steps or ShapeValue.Unknown))
        {
            throw Refuse(node, $"input {what} ('{node.Input(index)}') is computed at run time; expected an initializer or a Constant.");
        }
        return values;
    }

    /// <summary>
    /// A 1-D integer input that describes a shape: a constant, or shape arithmetic whose entries may be the sequence
    /// length (<see cref="ShapeValue.Steps"/>) or not followed (<see cref="ShapeValue.Unknown"/>, refused by the user).
    /// </summary>
    private long[] ShapeInput(OnnxNode node, OnnxValue?[] inputs, int index, string what)
    {
        OnnxValue? value = index < inputs.Length ? inputs[index] : null;
        switch (value)
        {
            case ConstantValue constant when constant.Tensor.Dims.Count > 1:
                throw Refuse(node, $"input {what} has rank {constant.Tensor.Dims.Count}; expected a 1-D tensor.");
            case ConstantValue constant:
                return OnnxTensorDecoder.ToInt64s(constant.Tensor, _file);
            case ShapeValue { IsScalar: false } shape:
                return shape.Entries;
            case UnevaluatedValue unevaluated:
                throw Refuse(node, $"input {what} ('{node.Input(index)}') is computed at run time by {unevaluated.Producer.Describe()}, which EdgeLstm does not evaluate; expected a constant, or shape arithmetic (Shape, Gather, Slice, Unsqueeze, Squeeze, Concat, Cast) of the input.");
            default:
                throw Refuse(node, $"input {what} ('{node.Input(index)}') is not a constant integer vector; expected an initializer, a Constant or shape arithmetic of the input.");
        }
    }

    private ModelFormatException Refuse(OnnxNode node, string problem) => new(_file, node.Describe(), problem);
}
