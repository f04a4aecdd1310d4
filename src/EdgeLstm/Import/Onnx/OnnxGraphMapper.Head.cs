using System;
using EdgeLstm.Model;

namespace EdgeLstm.Import.Onnx;

// The dense head: MatMul (+ Add) or Gemm, then optionally one activation, assembled into one DenseLayer.
internal sealed partial class OnnxGraphMapper
{
    private OnnxValue ApplyMatMul(OnnxNode node, OnnxValue?[] inputs)
    {
        OnnxAttributes.RequireOnly(node, _file);
        DataValue data = RequireData(node, inputs, 2);
        int last = data.Layout.Rank - 1;
        if (!data.Layout.IsFeatureAxis(last))
        {
            throw Refuse(node, $"input A has the symbolic shape {data.Layout}; expected the features, in order, on the last axis.");
        }
        int features = data.Layout.FeatureCount;
        OnnxTensor b = ConstantWeights(node, inputs, 1, "B");
        if (b.Dims.Count != 2 || b.Dims[0] != features)
        {
            throw Refuse(node, $"input B ('{b.Name}') has dims [{string.Join(", ", b.Dims)}]; expected [{features}, outputs].");
        }
        CheckOutputs(node, b.Dims[1]);
        int outputs = (int)b.Dims[1];
        float[] stored = OnnxTensorDecoder.ToFloats(b, _file);

        // MatMul's B is [in, out]; DenseLayer keeps [out, in].
        var weights = new float[stored.Length];
        for (int i = 0; i < features; i++)
        {
            for (int o = 0; o < outputs; o++) weights[o * features + i] = stored[i * outputs + o];
        }
        return data.AppendDense(new PendingDense(features, outputs, weights, new float[outputs]), data.Layout.WithFeatureAxis(last, outputs));
    }

    private OnnxValue ApplyGemm(OnnxNode node, OnnxValue?[] inputs)
    {
        OnnxAttributes.RequireOnly(node, _file, "alpha", "beta", "transA", "transB");
        DataValue data = RequireData(node, inputs, 3);
        if (OnnxAttributes.GetInt(node, "transA", 0, _file) != 0)
        {
            throw Refuse(node, "attribute 'transA' is set; only transA=0 (A is [seq, features]) is supported.");
        }
        long transB = OnnxAttributes.GetInt(node, "transB", 0, _file);
        float alpha = OnnxAttributes.GetFloat(node, "alpha", _file) ?? 1f;
        float beta = OnnxAttributes.GetFloat(node, "beta", _file) ?? 1f;
        // A is [seq, features], or [batch, features] once only the last step is kept.
        if (data.Layout.Rank != 2 || !(data.Layout[0].IsTime || data.Layout[0].IsUnit) || !data.Layout.IsFeatureAxis(1))
        {
            throw Refuse(node, $"input A has the symbolic shape {data.Layout}; expected [seq, features] (or [1, features] for the last step) with the features in order.");
        }
        int features = data.Layout.FeatureCount;
        OnnxTensor b = ConstantWeights(node, inputs, 1, "B");
        int inAxis = transB != 0 ? 1 : 0;
        if (b.Dims.Count != 2 || b.Dims[inAxis] != features)
        {
            throw Refuse(node, $"input B ('{b.Name}') has dims [{string.Join(", ", b.Dims)}]; with transB={transB} expected {(transB != 0 ? $"[outputs, {features}]" : $"[{features}, outputs]")}.");
        }
        CheckOutputs(node, b.Dims[1 - inAxis]);
        int outputs = (int)b.Dims[1 - inAxis];
        float[] stored = OnnxTensorDecoder.ToFloats(b, _file);
        var weights = new float[stored.Length];
        for (int o = 0; o < outputs; o++)
        {
            for (int i = 0; i < features; i++)
            {
                weights[o * features + i] = alpha * (transB != 0 ? stored[o * features + i] : stored[i * outputs + o]);
            }
        }

        var bias = new float[outputs];
        if (node.Input(2).Length > 0)
        {
            OnnxTensor c = ConstantWeights(node, inputs, 2, "C");
            float[] values = BroadcastBias(node, c, outputs);
            for (int o = 0; o < outputs; o++) bias[o] = beta * values[o];
        }
        return data.AppendDense(new PendingDense(features, outputs, weights, bias), data.Layout.WithFeatureAxis(1, outputs));
    }

    // Add after MatMul (or Gemm) is the dense layer's bias; any other Add changes the data in a way no layer models.
    private OnnxValue ApplyBiasAdd(OnnxNode node, OnnxValue?[] inputs)
    {
        OnnxAttributes.RequireOnly(node, _file);
        if (inputs.Length != 2)
        {
            throw Refuse(node, $"has {inputs.Length} inputs; expected 2.");
        }
        int dataIndex = inputs[0] is DataValue ? 0 : 1;
        if (inputs[1 - dataIndex] is DataValue)
        {
            throw Refuse(node, "adds two tensors computed from the input sequence (a residual connection); this is not supported.");
        }
        var data = (DataValue)inputs[dataIndex]!;
        if (data.Pending is not { } dense || dense.Activation.Kind != ActivationKind.Identity)
        {
            throw Refuse(node, "Add is supported only as the bias of a MatMul or Gemm dense layer, before its activation.");
        }
        OnnxTensor c = ConstantWeights(node, inputs, 1 - dataIndex, "bias");
        OnnxDataLayout layout = data.Layout;
        if (c.Dims.Count > layout.Rank)
        {
            // Broadcasting prepends size-1 axes to the data; they change nothing per step.
            var axes = new DataAxis[c.Dims.Count];
            int extra = c.Dims.Count - layout.Rank;
            for (int i = 0; i < axes.Length; i++) axes[i] = i < extra ? DataAxis.Unit : layout[i - extra];
            layout = new OnnxDataLayout(axes);
        }
        for (int i = 0; i < c.Dims.Count; i++)
        {
            long dim = c.Dims[c.Dims.Count - 1 - i];
            int axis = layout.Rank - 1 - i;
            if (dim != 1 && !(layout.IsFeatureAxis(axis) && layout[axis].Size == dim))
            {
                throw Refuse(node, $"the bias '{c.Name}' with dims [{string.Join(", ", c.Dims)}] does not broadcast as one value per output feature over the data {layout}.");
            }
        }
        float[] values = BroadcastBias(node, c, dense.Outputs);
        var bias = (float[])dense.Bias.Clone();
        for (int o = 0; o < bias.Length; o++) bias[o] += values[o];
        return new DataValue(layout, data.Layers, dense.WithBias(bias), data.LastStep);
    }

    private OnnxValue ApplyActivation(OnnxNode node, OnnxValue?[] inputs)
    {
        DataValue data = RequireData(node, inputs, 1);
        ActivationFunction activation;
        if (node.OpType == "Softmax")
        {
            OnnxAttributes.RequireOnly(node, _file, "axis");
            CheckSoftmaxAxis(node, data.Layout);
            activation = ActivationFunction.Softmax;
        }
        else
        {
            OnnxAttributes.RequireOnly(node, _file);
            activation = node.OpType switch
            {
                "Sigmoid" => ActivationFunction.Sigmoid,
                "Tanh" => ActivationFunction.Tanh,
                _ => ActivationFunction.Relu,
            };
        }
        if (data.Pending is not { } dense)
        {
            throw Refuse(node, "an activation directly on a recurrent layer's output is not representable; EdgeLstm applies an activation only as part of a dense (MatMul/Gemm) layer.");
        }
        if (dense.Activation.Kind != ActivationKind.Identity)
        {
            throw Refuse(node, $"the dense layer already ends in {dense.Activation}; a second activation is not representable.");
        }
        return data.WithPending(dense.WithActivation(activation));
    }

    // Softmax must normalise over exactly one step's feature vector. From opset 13 it runs along one axis (default
    // -1); before, it flattened every axis from 'axis' (default 1) on.
    private void CheckSoftmaxAxis(OnnxNode node, OnnxDataLayout layout)
    {
        long axis = OnnxAttributes.GetInt(node, "axis", _opset >= 13 ? -1 : 1, _file);
        if (axis < 0) axis += layout.Rank;
        bool ok = axis >= 0 && axis < layout.Rank;
        if (ok && _opset >= 13)
        {
            ok = layout.IsFeatureAxis((int)axis);
        }
        else if (ok)
        {
            ok = layout.TimeAxis < axis && layout.HasCanonicalFeatures;
        }
        if (!ok)
        {
            throw Refuse(node, $"softmax over axis {axis} of {layout} would not normalise one step's features; expected the last (feature) axis.");
        }
    }

    private float[] BroadcastBias(OnnxNode node, OnnxTensor c, int outputs)
    {
        float[] values = OnnxTensorDecoder.ToFloats(c, _file);
        if (values.Length == outputs) return values;
        if (values.Length == 1)
        {
            var filled = new float[outputs];
            for (int o = 0; o < outputs; o++) filled[o] = values[0];
            return filled;
        }
        throw Refuse(node, $"the bias '{c.Name}' has {values.Length} values; expected {outputs} (one per output) or 1.");
    }

    private OnnxTensor ConstantWeights(OnnxNode node, OnnxValue?[] inputs, int index, string what)
        => index < inputs.Length && inputs[index] is ConstantValue constant
            ? constant.Tensor
            : throw Refuse(node, $"input {what} ('{node.Input(index)}') is not an initializer or a Constant; dense weights must be known when the code is generated.");

    private void CheckOutputs(OnnxNode node, long outputs)
    {
        if (outputs <= 0 || outputs > ModelValidator.MaxDimension)
        {
            throw Refuse(node, $"the layer has {outputs} outputs; expected 1..{ModelValidator.MaxDimension}.");
        }
    }
}
