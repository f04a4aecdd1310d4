using System.Collections.Generic;

namespace EdgeLstm.Import.Onnx;

// The operators that move data along the data path without computing: Identity, Cast, Transpose, Reshape,
// Squeeze and Unsqueeze, followed on the symbolic shape so a reordering of features or time steps is caught.
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
                    $"operator {FileText.Quote(node.OpType)} is not supported on the data path; supported there: LSTM, GRU, RNN, MatMul+Add, Gemm, Sigmoid, Tanh, Relu, Softmax, and the shape operators Identity, Cast, Transpose, Reshape, Squeeze, Unsqueeze.");
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
        long[] shape = ConstantInts(node, inputs, 1, "shape");
        bool allowZero = OnnxAttributes.GetInt(node, "allowzero", 0, _file) != 0;
        OnnxDataLayout? layout = data.Layout.Reshape(shape, allowZero, out string problem);
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

    /// <summary>A constant integer input (a shape or axes), refused when it is computed at run time.</summary>
    private long[] ConstantInts(OnnxNode node, OnnxValue?[] inputs, int index, string what)
    {
        if (index < inputs.Length && inputs[index] is ConstantValue constant)
        {
            if (constant.Tensor.Dims.Count > 1)
            {
                throw Refuse(node, $"input {what} has rank {constant.Tensor.Dims.Count}; expected a 1-D tensor.");
            }
            return OnnxTensorDecoder.ToInt64s(constant.Tensor, _file);
        }
        throw Refuse(node, $"input {what} ({FileText.Quote(node.Input(index))}) is computed at run time; expected an initializer or a Constant so that the shape is known when the code is generated.");
    }

    private ModelFormatException Refuse(OnnxNode node, string problem) => new(_file, node.Describe(), problem);
}
