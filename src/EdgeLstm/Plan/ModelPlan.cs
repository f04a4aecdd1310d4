using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Model;

namespace EdgeLstm.Plan;

/// <summary>Every layout decision for a model, made once before any code is written.</summary>
internal sealed class ModelPlan
{
    public ModelPlan(NetworkModel network, IReadOnlyList<LayerPlan> layers, bool copiesInput, int stateLength, WeightElementType weightType)
    {
        Network = network;
        Layers = layers;
        CopiesInput = copiesInput;
        StateLength = stateLength;
        WeightType = weightType;
    }

    public NetworkModel Network { get; }

    /// <summary>How the weight streams are baked (float32 today).</summary>
    public WeightElementType WeightType { get; }

    public IReadOnlyList<LayerPlan> Layers { get; }

    /// <summary>True when the input size is not a multiple of 4: rows are copied into a zero-padded buffer first.</summary>
    public bool CopiesInput { get; }

    /// <summary>Padded width of an input row as the first layer reads it.</summary>
    public int InputWidth => CopiesInput ? KernelGeometry.Pad(Network.InputSize) : Network.InputSize;

    /// <summary>Floats of instance state (padded input copy at 0, then every kernel's working memory).</summary>
    public int StateLength { get; }

    /// <summary>Widest row any layer reads or writes: the row size of the sequence buffers of a whole-window Run.</summary>
    public int SequenceWidth => Math.Max(InputWidth, Layers.Max(l => l.OutputWidth));

    public IEnumerable<KernelPlan> Kernels => Layers.SelectMany(l => l.Kernels);

    /// <summary>Bytes of weights, biases and peepholes baked into the binary (read-only data; not the code, not the state).</summary>
    public long BakedWeightBytes => Layers.Sum(l => l.BakedBytes);

    /// <summary>Bytes of working memory inside each instance of the generated class.</summary>
    public long StateBytes => (long)StateLength * sizeof(float);
}
