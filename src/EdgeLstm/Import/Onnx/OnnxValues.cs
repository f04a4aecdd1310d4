using System.Collections.Generic;
using EdgeLstm.Model;

namespace EdgeLstm.Import.Onnx;

/// <summary>What the importer knows about one named tensor of the graph while it walks the nodes.</summary>
internal abstract class OnnxValue
{
}

/// <summary>A constant: an initializer or the value of a Constant node.</summary>
internal sealed class ConstantValue : OnnxValue
{
    public ConstantValue(OnnxTensor tensor) => Tensor = tensor;

    public OnnxTensor Tensor { get; }
}

/// <summary>
/// A tensor the importer does not evaluate: shapes read at run time (Shape, Gather, Concat, ...) and anything
/// computed from them. Fine as the shape of a ConstantOfShape; refused wherever its value would matter.
/// </summary>
internal sealed class UnevaluatedValue : OnnxValue
{
    public UnevaluatedValue(OnnxNode producer) => Producer = producer;

    public OnnxNode Producer { get; }
}

/// <summary>A tensor known to be all zeros whose shape is computed at run time: torch's zero initial states.</summary>
internal sealed class ZeroValue : OnnxValue
{
}

/// <summary>The final hidden or cell state output (Y_h, Y_c) of a recurrent node.</summary>
internal sealed class FinalStateValue : OnnxValue
{
    public FinalStateValue(OnnxNode producer) => Producer = producer;

    public OnnxNode Producer { get; }
}

/// <summary>A dense layer still being assembled from MatMul/Gemm, a bias Add and an activation.</summary>
internal sealed class PendingDense
{
    public PendingDense(int inputs, int outputs, float[] weights, float[] bias)
    {
        Inputs = inputs;
        Outputs = outputs;
        Weights = weights;
        Bias = bias;
    }

    public int Inputs { get; }

    public int Outputs { get; }

    /// <summary>Row-major [Outputs, Inputs].</summary>
    public float[] Weights { get; }

    public float[] Bias { get; }

    public ActivationFunction Activation { get; private set; } = ActivationFunction.Identity;

    public PendingDense WithBias(float[] bias) => new(Inputs, Outputs, Weights, bias) { Activation = Activation };

    public PendingDense WithActivation(ActivationFunction activation) => new(Inputs, Outputs, Weights, Bias) { Activation = activation };

    public DenseLayer ToLayer() => new(Inputs, Outputs, Weights, Bias, Activation);
}

/// <summary>
/// The data flowing from the graph input: its symbolic shape and the layers that computed it so far.
/// Immutable, so a branch that is later abandoned cannot disturb the path that reaches the output.
/// </summary>
internal sealed class DataValue : OnnxValue
{
    public DataValue(OnnxDataLayout layout, IReadOnlyList<Layer> layers, PendingDense? pending)
    {
        Layout = layout;
        Layers = layers;
        Pending = pending;
    }

    public OnnxDataLayout Layout { get; }

    /// <summary>Completed layers, first to last.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>The dense layer the data is currently leaving, if it may still take a bias or an activation.</summary>
    public PendingDense? Pending { get; }

    public DataValue WithLayout(OnnxDataLayout layout) => new(layout, Layers, Pending);

    public DataValue WithPending(PendingDense pending) => new(Layout, Layers, pending);

    /// <summary>All layers including the pending dense layer, which no later node can change any more.</summary>
    public List<Layer> CompletedLayers()
    {
        var layers = new List<Layer>(Layers);
        if (Pending is not null) layers.Add(Pending.ToLayer());
        return layers;
    }

    /// <summary>A new data value after appending <paramref name="layer"/> (completing any pending dense layer first).</summary>
    public DataValue Append(Layer layer, OnnxDataLayout layout)
    {
        List<Layer> layers = CompletedLayers();
        layers.Add(layer);
        return new DataValue(layout, layers, null);
    }

    /// <summary>A new data value whose last layer is a fresh dense layer that may still take a bias and an activation.</summary>
    public DataValue AppendDense(PendingDense dense, OnnxDataLayout layout) => new(layout, CompletedLayers(), dense);
}
