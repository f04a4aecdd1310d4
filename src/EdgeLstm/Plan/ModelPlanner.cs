using System;
using System.Collections.Generic;
using EdgeLstm.Cells;
using EdgeLstm.Model;

namespace EdgeLstm.Plan;

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

    public static LoopShape ChooseShape(KernelGeometry geometry)
    {
        long macs = geometry.WeightCount;
        if (macs <= UnrollLimit) return LoopShape.Unrolled;
        return geometry.InputColumns + geometry.RecurrentColumns <= ColumnUnrollLimit ? LoopShape.PassLoop : LoopShape.FullLoop;
    }

    /// <summary>Every layout decision for <paramref name="network"/>; the weights are packed only when first read.</summary>
    public static ModelPlan Plan(NetworkModel network) => Plan(network, WeightElementType.Float32);

    /// <summary>Every layout decision for <paramref name="network"/> with weights baked as <paramref name="weightType"/>.</summary>
    public static ModelPlan Plan(NetworkModel network, WeightElementType weightType)
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
                    CellPacking packing = recurrent.Definition.Packing(recurrent);
                    IReadOnlyList<StateSlot> vectors = StateVectors(recurrent);
                    for (int d = 0; d < recurrent.Directions.Count; d++)
                    {
                        bool reverse = recurrent.Direction == Direction.Reverse || d == 1;
                        var geometry = KernelGeometry.ForRecurrent(recurrent, sources.Length);
                        int direction = d;
                        int[] inputSources = sources;
                        InputNormalization? normalization = index == 0 ? network.Normalization : null;
                        var kernel = new KernelPlan($"Layer{index}_{(reverse ? "Reverse" : "Forward")}", index, layer, d, geometry,
                            () => WeightPacker.PackRecurrent(recurrent, direction, geometry, inputSources, normalization),
                            sources, stateLength, vectors, padded,
                            biasCount: packing.BiasSlots * geometry.PaddedOutputs,
                            peepholeCount: recurrent.HasPeepholes ? 3 * geometry.PaddedOutputs : 0, weightType);
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
                    int[] inputSources = sources;
                    var output = new[] { new StateSlot("y", 0, geometry.PaddedOutputs, dense.Outputs, false, "the layer's output") };
                    kernels.Add(new KernelPlan($"Layer{index}_Dense", index, layer, 0, geometry, () => WeightPacker.PackDense(dense, geometry, inputSources),
                        sources, stateLength, output, geometry.PaddedOutputs, biasCount: geometry.PaddedOutputs, peepholeCount: 0, weightType));
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
        return new ModelPlan(network, layers, copiesInput, stateLength, weightType);
    }

    /// <summary>
    /// The working memory of one direction as its cell lays it out: h and next h (one value per output), then the
    /// cell's own vectors (c for LSTM; z, the new gate's input part and r ⊙ h for GRU without linear_before_reset).
    /// </summary>
    private static IReadOnlyList<StateSlot> StateVectors(RecurrentLayer layer)
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
