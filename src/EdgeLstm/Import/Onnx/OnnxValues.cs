using System;
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
    private bool? _isZero, _isFinite;

    public ConstantValue(OnnxTensor tensor) => Tensor = tensor;

    public OnnxTensor Tensor { get; }

    /// <summary>True for a numeric tensor whose elements are all zero; decoded once, however often it is asked.</summary>
    public bool IsZero(string file) => _isZero ??= OnnxTensorDecoder.IsNumeric(Tensor) && OnnxTensorDecoder.IsAllZero(Tensor, file);

    /// <summary>True for a numeric tensor with no NaN or infinity (integers always); decoded once.</summary>
    public bool IsFinite(string file) => _isFinite ??= Tensor.DataType is (int)OnnxDataType.Int64 or (int)OnnxDataType.Int32
        || OnnxTensorDecoder.IsNumeric(Tensor) && Array.TrueForAll(OnnxTensorDecoder.ToFloats(Tensor, file), v => !float.IsNaN(v) && !float.IsInfinity(v));
}

/// <summary>
/// A small integer vector computed at run time from tensor shapes (Shape, Gather, Unsqueeze, Concat, ...), as
/// torch.onnx.export writes for reshapes and state sizes. Each entry is a number, <see cref="Steps"/> (the sequence
/// length, unknown until run time) or <see cref="Unknown"/>. Vectors longer than <see cref="MaxLength"/> are not
/// followed (they are left unevaluated), so what the walk keeps per tensor stays a few numbers.
/// </summary>
internal sealed class ShapeValue : OnnxValue
{
    /// <summary>The sequence length.</summary>
    public const long Steps = long.MinValue;

    /// <summary>A value the importer does not evaluate.</summary>
    public const long Unknown = long.MinValue + 1;

    /// <summary>The longest vector followed: the largest rank accepted on the data path.</summary>
    public const int MaxLength = OnnxDataLayout.MaxRank;

    public ShapeValue(long[] entries, bool isScalar)
    {
        Entries = entries;
        IsScalar = isScalar;
    }

    public long[] Entries { get; }

    /// <summary>A 0-D tensor (one entry), as Gather with a scalar index returns.</summary>
    public bool IsScalar { get; }

    public static string Describe(long entry) => entry switch
    {
        Steps => "seq",
        Unknown => "?",
        _ => entry.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override string ToString() => "[" + string.Join(", ", System.Array.ConvertAll(Entries, Describe)) + "]";
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
    public FinalStateValue(OnnxNode producer, int output, string? direction = null)
    {
        Producer = producer;
        Output = output;
        Direction = direction;
    }

    public OnnxNode Producer { get; }

    /// <summary>1 for Y_h, 2 for Y_c.</summary>
    public int Output { get; }

    /// <summary>"reverse" or "forward" for one direction's entry of Y_h, null for the whole output.</summary>
    public string? Direction { get; }

    public string Describe()
        => $"the final {(Output == 1 ? "hidden" : "cell")} state (output {(Output == 1 ? "Y_h" : "Y_c")}) of {Producer.Describe()}"
           + (Direction is null ? string.Empty : $", {Direction} direction");
}

/// <summary>
/// The final hidden states (Y_h) of recurrent nodes, one entry per index of axis 0 (direction, then layer once torch
/// concatenates the layers' states). A forward direction's final state is the last step of the layer's output, so it
/// is data that kept only its last step; any other entry (a reverse direction's, which is its state after the first
/// step) stays a <see cref="FinalStateValue"/> and is refused if it is selected.
/// </summary>
internal sealed class FinalStatesValue : OnnxValue
{
    /// <summary>The most entries followed (layers times directions); torch models stack a few.</summary>
    public const int MaxEntries = 64;

    public FinalStatesValue(OnnxValue[] entries) => Entries = entries;

    /// <summary>Each a <see cref="DataValue"/> with layout [batch, hidden] or an unrepresentable <see cref="FinalStateValue"/>.</summary>
    public OnnxValue[] Entries { get; }
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
    public DataValue(OnnxDataLayout layout, IReadOnlyList<Layer> layers, PendingDense? pending, string? lastStep = null)
    {
        Layout = layout;
        Layers = layers;
        Pending = pending;
        LastStep = lastStep;
    }

    public OnnxDataLayout Layout { get; }

    /// <summary>
    /// What kept only the last time step ("node '/Gather' (Gather)" for out[:, -1, :], or a final hidden state), or null
    /// while every step is kept. A streaming model computes that value after every row, so the layers stay the same;
    /// the layout has no time axis from here on.
    /// </summary>
    public string? LastStep { get; }

    /// <summary>Completed layers, first to last.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>The dense layer the data is currently leaving, if it may still take a bias or an activation.</summary>
    public PendingDense? Pending { get; }

    public DataValue WithLayout(OnnxDataLayout layout) => new(layout, Layers, Pending, LastStep);

    public DataValue WithPending(PendingDense pending) => new(Layout, Layers, pending, LastStep);

    /// <summary>The same data after <paramref name="source"/> kept only its last time step.</summary>
    public DataValue WithLastStep(OnnxDataLayout layout, string source) => new(layout, Layers, Pending, source);

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
    public DataValue AppendDense(PendingDense dense, OnnxDataLayout layout) => new(layout, CompletedLayers(), dense, LastStep);
}
