using System;
using System.Collections.Generic;

namespace EdgeLstm.Import.Onnx;

// Nodes that do not touch the data: constants, zero states and shape arithmetic. Their values are classified, not
// computed (zeros stay "zero" whatever their run-time shape; shapes are followed symbolically); a later consumer
// refuses one where its value would matter and is not known.
internal sealed partial class OnnxGraphMapper
{
    // Ops whose result is all zeros when their first input is: what torch uses to size and cut per-layer zero states.
    private static readonly HashSet<string> ZeroPreserving = new(StringComparer.Ordinal)
    {
        "Slice", "Squeeze", "Unsqueeze", "Reshape", "Transpose", "Expand", "Cast", "Gather", "Tile", "Flatten", "Neg",
    };

    private void ApplyConstantOperator(OnnxNode node, OnnxValue?[] inputs)
    {
        OnnxValue result;
        switch (node.OpType)
        {
            case "Constant":
                result = ConstantNodeValue(node);
                break;
            case "Identity" when inputs.Length == 1 && inputs[0] is { } same:
                result = same;
                break;
            case "ConstantOfShape":
                OnnxTensor? fill = OnnxAttributes.GetTensor(node, "value", _file);
                result = fill is null || OnnxTensorDecoder.IsAllZero(fill, _file) ? new ZeroValue() : new UnevaluatedValue(node);
                break;
            default:
                result = IsZeroResult(node, inputs)
                    ? new ZeroValue()
                    : OnnxShapeArithmetic.Evaluate(node, inputs, _opset, _file) ?? (OnnxValue)new UnevaluatedValue(node);
                break;
        }
        for (int i = 0; i < node.Outputs.Count; i++) Define(node, i, i == 0 ? result : new UnevaluatedValue(node));
    }

    /// <summary>True for a tensor known to hold only zeros: a zero state, or a numeric constant of zeros.</summary>
    private bool IsZero(OnnxValue? value) => value is ZeroValue || value is ConstantValue constant && constant.IsZero(_file);

    // Provably zero results: a zero-preserving op on zeros (torch's Expand of a zero constant to the batch size, the
    // Slice that cuts one layer's state out of a stacked zero state), a Concat or sum of zeros, and a product with a
    // zero factor whose other factors are finite (inf * 0 is NaN, so an unknown factor does not qualify).
    private bool IsZeroResult(OnnxNode node, OnnxValue?[] inputs)
    {
        if (inputs.Length == 0)
        {
            return false;
        }
        switch (node.OpType)
        {
            case "Concat":
            case "Add":
            case "Sub":
            case "Max":
            case "Min":
                return Array.TrueForAll(inputs, IsZero);
            case "Mul":
                return Array.Exists(inputs, IsZero) && Array.TrueForAll(inputs, i => IsZero(i) || IsFinite(i));
            default:
                return ZeroPreserving.Contains(node.OpType) && IsZero(inputs[0]);
        }
    }

    private bool IsFinite(OnnxValue? value) => value is ShapeValue || value is ConstantValue constant && constant.IsFinite(_file);

    private OnnxValue ConstantNodeValue(OnnxNode node)
    {
        if (OnnxAttributes.GetTensor(node, "value", _file) is { } tensor)
        {
            return new ConstantValue(tensor);
        }
        var synthetic = new OnnxTensor { Offset = node.Offset, Name = node.Outputs.Count > 0 ? node.Outputs[0] : node.Name };
        if (OnnxAttributes.GetFloat(node, "value_float", _file) is float f)
        {
            synthetic.DataType = (int)OnnxDataType.Float;
            synthetic.FloatData.Add(f);
        }
        else if (node.Attribute("value_int") is not null)
        {
            synthetic.DataType = (int)OnnxDataType.Int64;
            synthetic.Int64Data.Add(OnnxAttributes.GetInt(node, "value_int", 0, _file));
        }
        else if (OnnxAttributes.GetFloats(node, "value_floats", _file) is { } floats)
        {
            synthetic.DataType = (int)OnnxDataType.Float;
            synthetic.Dims.Add(floats.Count);
            synthetic.FloatData.AddRange(floats);
        }
        else if (OnnxAttributes.GetInts(node, "value_ints", _file) is { } ints)
        {
            synthetic.DataType = (int)OnnxDataType.Int64;
            synthetic.Dims.Add(ints.Count);
            synthetic.Int64Data.AddRange(ints);
        }
        else
        {
            // value_string(s) and sparse_value: never weights or shapes the importer reads.
            return new UnevaluatedValue(node);
        }
        return new ConstantValue(synthetic);
    }
}
