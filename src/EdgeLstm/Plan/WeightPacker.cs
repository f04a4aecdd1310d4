using System;
using EdgeLstm.Cells;
using EdgeLstm.Model;

namespace EdgeLstm.Plan;

/// <summary>The arrays one kernel bakes: the weight stream, the biases and (LSTM) the peepholes.</summary>
/// <param name="Weights">In exactly the order the kernel reads them (see <see cref="KernelGeometry"/>).</param>
/// <param name="Bias">Planar: slot s occupies [s * PaddedOutputs, (s + 1) * PaddedOutputs); see <see cref="CellPacking.GateBiasSlots"/>.</param>
/// <param name="Peepholes">Planar [3, PaddedOutputs] in the order i, f, o, or empty.</param>
internal sealed record PackedKernel(float[] Weights, float[] Bias, float[] Peepholes);

/// <summary>
/// Turns the canonical weights of a <see cref="NetworkModel"/> layer into the packed arrays the generated kernel
/// reads. A pure function of its arguments, so the layout is unit-tested without compiling anything.
/// </summary>
/// <remarks>
/// Padding units and padding columns get exactly zero weights and biases. A cell's halved gate
/// (<see cref="CellPacking.HalvedGate"/>) is baked times 1/2. Input normalisation
/// x' = (x - mean) / std is folded into the first layer: W' = W / std (per column), b' = b - W (mean / std),
/// computed in double and rounded once.
/// </remarks>
internal static class WeightPacker
{
    /// <param name="layer">The recurrent layer.</param>
    /// <param name="direction">Index into <see cref="RecurrentLayer.Directions"/>.</param>
    /// <param name="geometry">The kernel's layout (from <see cref="KernelGeometry.ForRecurrent"/>).</param>
    /// <param name="inputSources">For each x column of the kernel, the layer input feature it holds, or -1 for padding.</param>
    /// <param name="normalization">Folded into the input weights (first layer only), or null.</param>
    public static PackedKernel PackRecurrent(RecurrentLayer layer, int direction, KernelGeometry geometry, int[] inputSources, InputNormalization? normalization)
    {
        CheckSources(geometry, inputSources, layer.Input);
        CellPacking packing = layer.Definition.Packing(layer);
        DirectionWeights d = layer.Directions[direction];
        int hidden = layer.Hidden, outputs = layer.OutputsPerDirection, padded = geometry.PaddedOutputs;
        float[] input = d.InputWeights.AsArray(), recurrent = d.RecurrentWeights.AsArray();
        double[] scale = ColumnScale(inputSources, normalization);

        // Weight stream, first phase: x columns (every gate), then h columns (the first RecurrentGates gates).
        var weights = new float[geometry.WeightCount];
        foreach (KernelPhase.Pass pass in geometry.Passes)
        {
            for (int p = 0; p < pass.Blocks; p++)
            {
                for (int lane = 0; lane < KernelGeometry.Lanes; lane++)
                {
                    int unit = pass.FirstUnit + p * KernelGeometry.Lanes + lane;
                    if (unit >= hidden) continue; // padding unit: stays zero
                    for (int g = 0; g < geometry.InputGates; g++)
                    {
                        int row = g * hidden + unit;
                        for (int j = 0; j < geometry.InputColumns; j++)
                        {
                            int source = inputSources[j];
                            if (source < 0) continue;
                            weights[pass.WeightOffset(0, j, p, g) + lane] = (float)(input[(long)row * layer.Input + source] * scale[j] * GateScale(packing, g));
                        }
                    }
                    for (int g = 0; g < geometry.RecurrentGates; g++)
                    {
                        int row = g * hidden + unit;
                        for (int j = 0; j < outputs; j++)
                        {
                            weights[pass.WeightOffset(1, j, p, g) + lane] = (float)(recurrent[(long)row * outputs + j] * GateScale(packing, g));
                        }
                    }
                }
            }
        }

        // Second phase: rows [FirstRow, FirstRow + Outputs) of the cell's matrix, one column per hidden unit.
        if (packing.SecondPhase is { } second && geometry.SecondPhase is { } phase)
        {
            float[] matrix = SecondPhaseMatrix(d, second.Matrix);
            foreach (KernelPhase.Pass pass in phase.Passes)
            {
                for (int p = 0; p < pass.Blocks; p++)
                {
                    for (int lane = 0; lane < KernelGeometry.Lanes; lane++)
                    {
                        int output = pass.FirstUnit + p * KernelGeometry.Lanes + lane;
                        if (output >= second.Outputs) continue;
                        long row = second.FirstRow + output;
                        for (int j = 0; j < hidden; j++)
                        {
                            weights[pass.WeightOffset(0, j, p, 0) + lane] = matrix[row * hidden + j];
                        }
                    }
                }
            }
        }

        // Biases, planar per slot: a gate's two biases are summed into one slot unless the cell keeps them apart.
        float[] wb = d.InputBias.AsArray(), rb = d.RecurrentBias.AsArray();
        var bias = new float[packing.BiasSlots * padded];
        for (int unit = 0; unit < hidden; unit++)
        {
            for (int g = 0; g < layer.GateCount; g++)
            {
                int row = g * hidden + unit;
                double inputPart = wb[row] + FoldedOffset(input, row, layer.Input, normalization), gateScale = GateScale(packing, g);
                GateBiasSlots slots = packing.GateBiasSlots[g];
                if (slots.IsSplit)
                {
                    bias[slots.Input * padded + unit] = (float)(inputPart * gateScale);
                    bias[slots.Recurrent * padded + unit] = (float)(rb[row] * gateScale);
                }
                else
                {
                    bias[slots.Input * padded + unit] = (float)((inputPart + rb[row]) * gateScale);
                }
            }
        }

        float[] peepholes = Array.Empty<float>();
        if (layer.HasPeepholes)
        {
            float[] source = d.Peepholes.AsArray();
            peepholes = new float[3 * padded];
            for (int k = 0; k < 3; k++)
            {
                Array.Copy(source, k * hidden, peepholes, k * padded, hidden);
            }
        }
        return new PackedKernel(weights, bias, peepholes);
    }

    // 1/2 for the cell's halved gate (exact), else 1.
    private static double GateScale(CellPacking packing, int gate) => gate == packing.HalvedGate ? 0.5 : 1.0;

    private static float[] SecondPhaseMatrix(DirectionWeights weights, SecondPhaseMatrix matrix) => matrix switch
    {
        Cells.SecondPhaseMatrix.RecurrentWeights => weights.RecurrentWeights.AsArray(),
        Cells.SecondPhaseMatrix.ProjectionWeights => weights.ProjectionWeights.AsArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(matrix), matrix, "Not a matrix a second phase can read."),
    };

    /// <summary>Packs a dense layer: rows in blocks of 4, for each x column the block's 4 weights.</summary>
    public static PackedKernel PackDense(DenseLayer layer, KernelGeometry geometry, int[] inputSources)
    {
        CheckSources(geometry, inputSources, layer.Inputs);
        float[] source = layer.Weights.AsArray();
        var weights = new float[geometry.WeightCount];
        foreach (KernelPhase.Pass pass in geometry.Passes)
        {
            for (int p = 0; p < pass.Blocks; p++)
            {
                for (int lane = 0; lane < KernelGeometry.Lanes; lane++)
                {
                    int row = pass.FirstUnit + p * KernelGeometry.Lanes + lane;
                    if (row >= layer.Outputs) continue;
                    for (int j = 0; j < geometry.InputColumns; j++)
                    {
                        if (inputSources[j] < 0) continue;
                        weights[pass.WeightOffset(0, j, p, 0) + lane] = source[(long)row * layer.Inputs + inputSources[j]];
                    }
                }
            }
        }
        var bias = new float[geometry.PaddedOutputs];
        Array.Copy(layer.Bias.AsArray(), bias, layer.Outputs);
        return new PackedKernel(weights, bias, Array.Empty<float>());
    }

    private static void CheckSources(KernelGeometry geometry, int[] inputSources, int inputs)
    {
        if (inputSources.Length != geometry.InputColumns)
        {
            throw new ArgumentException($"{inputSources.Length} input columns given, the geometry has {geometry.InputColumns}.", nameof(inputSources));
        }
        foreach (int source in inputSources)
        {
            if (source >= inputs) throw new ArgumentException($"input column source {source} is outside the layer's {inputs} inputs.", nameof(inputSources));
        }
    }

    // 1 / std per kernel column (1 without normalisation or for padding).
    private static double[] ColumnScale(int[] inputSources, InputNormalization? normalization)
    {
        var scale = new double[inputSources.Length];
        for (int j = 0; j < scale.Length; j++)
        {
            scale[j] = normalization is null || inputSources[j] < 0 ? 1.0 : 1.0 / normalization.Std[inputSources[j]];
        }
        return scale;
    }

    // -sum_j W[row, j] mean_j / std_j: what the normalisation's shift contributes to the row's pre-activation.
    private static double FoldedOffset(float[] input, int row, int inputs, InputNormalization? normalization)
    {
        if (normalization is null) return 0.0;
        double sum = 0.0;
        for (int k = 0; k < inputs; k++)
        {
            sum += input[(long)row * inputs + k] * ((double)normalization.Mean[k] / normalization.Std[k]);
        }
        return -sum;
    }
}
