using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Cells;
using EdgeLstm.Model;

namespace EdgeLstm.Generator.Emit;

/// <summary>One generated kernel: a direction of a recurrent layer, or a dense layer.</summary>
internal sealed class KernelPlan
{
    public KernelPlan(string name, int layerIndex, Layer layer, int direction, KernelGeometry geometry, PackedKernel packed,
        int[] inputSources, int stateOffset, IReadOnlyList<StateSlot> stateVectors, int outputWidth)
    {
        Name = name;
        LayerIndex = layerIndex;
        Layer = layer;
        Direction = direction;
        Geometry = geometry;
        Packed = packed;
        InputSources = inputSources;
        StateOffset = stateOffset;
        StateVectors = stateVectors;
        StateLength = stateVectors.Sum(v => v.Length);
        OutputWidth = outputWidth;
        Shape = ModelPlanner.ChooseShape(geometry);
    }

    /// <summary>Prefix of every generated member of the kernel, e.g. "Layer0_Forward", "Layer2_Dense".</summary>
    public string Name { get; }

    public int LayerIndex { get; }

    public Layer Layer { get; }

    /// <summary>Index into <see cref="RecurrentLayer.Directions"/> (0 for dense layers).</summary>
    public int Direction { get; }

    public KernelGeometry Geometry { get; }

    public PackedKernel Packed { get; }

    public int[] InputSources { get; }

    /// <summary>Where the kernel's working memory starts in the model's state buffer.</summary>
    public int StateOffset { get; }

    /// <summary>The kernel's working memory, vector by vector, offsets relative to <see cref="StateOffset"/>; its output first.</summary>
    public IReadOnlyList<StateSlot> StateVectors { get; }

    public int StateLength { get; }

    /// <summary>Floats of output the kernel writes at the start of its state (h, or the dense layer's rows), padded.</summary>
    public int OutputWidth { get; }

    public LoopShape Shape { get; }

    /// <summary>True for the reverse direction (runs t = T-1 down to 0).</summary>
    public bool IsReverse => Layer is RecurrentLayer r && (r.Direction == EdgeLstm.Model.Direction.Reverse || Direction == 1);
}

/// <summary>A state vector of a kernel where it lies: offset from the kernel's state start, and padded length.</summary>
internal sealed record StateSlot(string Name, int Offset, int Length, int RealLength, bool MaskPadding, string Meaning);

/// <summary>A layer's kernels and the padded buffer its output lives in.</summary>
internal sealed class LayerPlan
{
    public LayerPlan(int index, Layer layer, IReadOnlyList<KernelPlan> kernels, int[] outputSources)
    {
        Index = index;
        Layer = layer;
        Kernels = kernels;
        OutputSources = outputSources;
    }

    public int Index { get; }

    public Layer Layer { get; }

    public IReadOnlyList<KernelPlan> Kernels { get; }

    /// <summary>For each slot of the padded output row, the output feature it holds, or -1 for padding.</summary>
    public int[] OutputSources { get; }

    public int OutputWidth => OutputSources.Length;

    /// <summary>Runs of real outputs in the padded row: (slot, first feature, length).</summary>
    public IEnumerable<(int Slot, int Feature, int Length)> OutputSegments()
    {
        for (int slot = 0; slot < OutputSources.Length;)
        {
            if (OutputSources[slot] < 0)
            {
                slot++;
                continue;
            }
            int start = slot;
            while (slot + 1 < OutputSources.Length && OutputSources[slot + 1] == OutputSources[slot] + 1) slot++;
            slot++;
            yield return (start, OutputSources[start], slot - start);
        }
    }
}

/// <summary>Every layout decision for a model, made once before any code is written.</summary>
internal sealed class ModelPlan
{
    public ModelPlan(NetworkModel network, IReadOnlyList<LayerPlan> layers, bool copiesInput, int stateLength)
    {
        Network = network;
        Layers = layers;
        CopiesInput = copiesInput;
        StateLength = stateLength;
    }

    public NetworkModel Network { get; }

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
}

/// <summary>Decides padding, packing, loop shape and state layout for a <see cref="NetworkModel"/>.</summary>
internal static class ModelPlanner
{
    /// <summary>
    /// Weights (= multiply-adds per step) up to which a kernel is written out as straight-line code with constant
    /// offsets. Measured (LSTM 8 -> H -> Dense 4, x64): no gain over the pass loop at H = 16 and 32, 3.6x slower at
    /// H = 64 and 5x at H = 128 (huge methods: instruction cache, and the JIT's size limits), twice the source and
    /// compile time. So only tiny kernels are unrolled, where loop overhead is visible.
    /// </summary>
    public const long UnrollLimit = 2048;

    /// <summary>
    /// Columns per pass up to which a looped kernel still writes its columns out (measured at H = 128: 5.2 µs
    /// against 6.4 µs for the column loop; equal at H = 64).
    /// </summary>
    public const int ColumnUnrollLimit = 160;

    /// <summary>Forces every kernel into one shape; only for measuring the shapes against each other.</summary>
    internal static LoopShape? ShapeOverride { get; set; }

    public static LoopShape ChooseShape(KernelGeometry geometry)
    {
        if (ShapeOverride is { } forced) return forced;
        long macs = geometry.WeightCount;
        if (macs <= UnrollLimit) return LoopShape.Unrolled;
        return geometry.InputColumns + geometry.RecurrentColumns <= ColumnUnrollLimit ? LoopShape.PassLoop : LoopShape.FullLoop;
    }

    public static ModelPlan Plan(NetworkModel network)
    {
        int inputs = network.InputSize;
        bool copiesInput = inputs % KernelGeometry.Lanes != 0;
        int stateLength = copiesInput ? KernelGeometry.Pad(inputs) : 0;
        int[] sources = Identity(inputs, KernelGeometry.Pad(inputs));
        var layers = new List<LayerPlan>();
        for (int index = 0; index < network.Layers.Count; index++)
        {
            Layer layer = network.Layers[index];
            var kernels = new List<KernelPlan>();
            int[] outputSources;
            switch (layer)
            {
                case RecurrentLayer recurrent:
                {
                    int outputs = recurrent.OutputsPerDirection, padded = KernelGeometry.Pad(outputs);
                    IReadOnlyList<StateSlot> vectors = StateVectors(recurrent);
                    for (int d = 0; d < recurrent.Directions.Count; d++)
                    {
                        bool reverse = recurrent.Direction == Direction.Reverse || d == 1;
                        var geometry = KernelGeometry.ForRecurrent(recurrent, sources.Length);
                        PackedKernel packed = WeightPacker.PackRecurrent(recurrent, d, geometry, sources, index == 0 ? network.Normalization : null);
                        var kernel = new KernelPlan($"Layer{index}_{(reverse ? "Reverse" : "Forward")}", index, layer, d, geometry, packed, sources, stateLength, vectors, padded);
                        kernels.Add(kernel);
                        stateLength += kernel.StateLength;
                    }
                    // A bidirectional layer writes [forward h (padded) | reverse h (padded)]; features H.. are the reverse ones.
                    outputSources = new int[padded * recurrent.Directions.Count];
                    for (int d = 0; d < recurrent.Directions.Count; d++)
                    {
                        for (int u = 0; u < padded; u++)
                        {
                            outputSources[d * padded + u] = u < outputs ? d * outputs + u : -1;
                        }
                    }
                    break;
                }
                case DenseLayer dense:
                {
                    var geometry = KernelGeometry.ForDense(dense, sources.Length);
                    PackedKernel packed = WeightPacker.PackDense(dense, geometry, sources);
                    var output = new[] { new StateSlot("y", 0, geometry.PaddedOutputs, dense.Outputs, false, "the layer's output") };
                    kernels.Add(new KernelPlan($"Layer{index}_Dense", index, layer, 0, geometry, packed, sources, stateLength, output, geometry.PaddedOutputs));
                    stateLength += geometry.PaddedOutputs;
                    outputSources = Identity(dense.Outputs, geometry.PaddedOutputs);
                    break;
                }
                default:
                    throw new ArgumentException($"Layer {index} is a {layer.GetType().Name}, which the emitter does not know.", nameof(network));
            }
            layers.Add(new LayerPlan(index, layer, kernels, outputSources));
            sources = outputSources;
        }
        return new ModelPlan(network, layers, copiesInput, stateLength);
    }

    /// <summary>
    /// The working memory of one direction as its cell lays it out: h and next h (one value per output), then the
    /// cell's own vectors (c for LSTM; z, the new gate's input part and r ⊙ h for GRU without linear_before_reset).
    /// </summary>
    public static IReadOnlyList<StateSlot> StateVectors(RecurrentLayer layer)
    {
        var slots = new List<StateSlot>();
        int offset = 0;
        foreach (StateVector vector in layer.Definition.Packing(layer).StateVectors)
        {
            int real = vector.Length switch
            {
                StateVectorLength.Outputs => layer.OutputsPerDirection,
                StateVectorLength.Units => layer.Hidden,
                _ => throw new ArgumentOutOfRangeException(nameof(layer), vector.Length, "Not a state vector length."),
            };
            int length = KernelGeometry.Pad(real);
            slots.Add(new StateSlot(vector.Name, offset, length, real, vector.MaskPadding, vector.Meaning));
            offset += length;
        }
        return slots;
    }

    private static int[] Identity(int count, int width)
    {
        var map = new int[width];
        for (int i = 0; i < width; i++)
        {
            map[i] = i < count ? i : -1;
        }
        return map;
    }
}
