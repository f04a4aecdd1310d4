using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Model;

namespace EdgeLstm.Plan;

/// <summary>One generated kernel: a direction of a recurrent layer, or a dense layer.</summary>
internal sealed class KernelPlan
{
    private readonly Lazy<PackedKernel> _packed;

    public KernelPlan(string name, int layerIndex, Layer layer, int direction, KernelGeometry geometry, Func<PackedKernel> pack,
        int[] inputSources, int stateOffset, IReadOnlyList<StateSlot> stateVectors, int outputWidth, int biasCount, int peepholeCount,
        WeightElementType weightType)
    {
        Name = name;
        LayerIndex = layerIndex;
        Layer = layer;
        Direction = direction;
        Geometry = geometry;
        _packed = new Lazy<PackedKernel>(pack);
        InputSources = inputSources;
        StateOffset = stateOffset;
        StateVectors = stateVectors;
        StateLength = stateVectors.Sum(v => v.Length);
        OutputWidth = outputWidth;
        BiasCount = biasCount;
        PeepholeCount = peepholeCount;
        WeightType = weightType;
        Shape = ModelPlanner.ChooseShape(geometry);
    }

    /// <summary>Prefix of every generated member of the kernel, e.g. "Layer0_Forward", "Layer2_Dense".</summary>
    public string Name { get; }

    public int LayerIndex { get; }

    public Layer Layer { get; }

    /// <summary>Index into <see cref="RecurrentLayer.Directions"/> (0 for dense layers).</summary>
    public int Direction { get; }

    public KernelGeometry Geometry { get; }

    /// <summary>The baked arrays, packed on first use (the tools count without packing).</summary>
    public PackedKernel Packed => _packed.Value;

    /// <summary>For each x column, the layer input feature it holds, or -1 for padding.</summary>
    public int[] InputSources { get; }

    /// <summary>Where the kernel's working memory starts in the model's state buffer.</summary>
    public int StateOffset { get; }

    /// <summary>The kernel's working memory, vector by vector, offsets relative to <see cref="StateOffset"/>; its output first.</summary>
    public IReadOnlyList<StateSlot> StateVectors { get; }

    public int StateLength { get; }

    /// <summary>Floats of output the kernel writes at the start of its state (h, or the dense layer's rows), padded.</summary>
    public int OutputWidth { get; }

    /// <summary>Baked weights: the packed stream, in <see cref="WeightType"/>.</summary>
    public long WeightCount => Geometry.WeightCount;

    /// <summary>How the weight stream is baked and loaded.</summary>
    public WeightElementType WeightType { get; }

    /// <summary>Baked float32 accumulator start values (biases).</summary>
    public int BiasCount { get; }

    /// <summary>Baked float32 peepholes (0 without).</summary>
    public int PeepholeCount { get; }

    public LoopShape Shape { get; }

    /// <summary>True for the reverse direction (runs t = T-1 down to 0).</summary>
    public bool IsReverse => Layer is RecurrentLayer r && (r.Direction == EdgeLstm.Model.Direction.Reverse || Direction == 1);

    /// <summary>Bytes the kernel bakes into the binary.</summary>
    public long BakedBytes => WeightCount * WeightType.Size() + (BiasCount + (long)PeepholeCount) * sizeof(float);
}
