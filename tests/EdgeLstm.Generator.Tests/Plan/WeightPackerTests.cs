using System;
using System.Linq;
using EdgeLstm.Plan;
using EdgeLstm.Model;
using Xunit;

namespace EdgeLstm.Generator.Tests.Plan;

/// <summary>The packed layout, checked element by element against the canonical tensors.</summary>
public sealed class WeightPackerTests
{
    // Weights whose value encodes where they came from: input 1000 + row * 10 + column, recurrent 2000 + row * 10 + column.
    private static RecurrentLayer Encoded(CellKind cell, int input, int hidden, bool linearBeforeReset = true, bool peepholes = false,
        ActivationFunction? gateActivation = null)
    {
        int gates = GateLayout.GateCount(cell);
        float[] w = Enumerable.Range(0, gates * hidden * input).Select(k => 1000f + k / input * 10 + k % input).ToArray();
        float[] r = Enumerable.Range(0, gates * hidden * hidden).Select(k => 20000f + k / hidden * 100 + k % hidden).ToArray();
        float[] wb = Enumerable.Range(0, gates * hidden).Select(k => 0.5f + k).ToArray();
        float[] rb = Enumerable.Range(0, gates * hidden).Select(k => 0.25f * k).ToArray();
        float[] p = peepholes ? Enumerable.Range(0, 3 * hidden).Select(k => -1f - k).ToArray() : Array.Empty<float>();
        var acts = new ActivationFunction[GateLayout.ActivationCount(cell)];
        Array.Fill(acts, ActivationFunction.Tanh);
        acts[0] = gateActivation ?? acts[0];
        return new RecurrentLayer(cell, input, hidden, Direction.Forward, new[] { new DirectionWeights(w, r, wb, rb, p, acts) },
            LinearBeforeReset: linearBeforeReset);
    }

    private static int[] Sources(int count, int width) => Enumerable.Range(0, width).Select(i => i < count ? i : -1).ToArray();

    [Fact]
    public void LstmStreamHoldsEachColumnsGateVectorsPerBlockInOrder()
    {
        RecurrentLayer layer = Encoded(CellKind.Lstm, input: 3, hidden: 6);
        var g = KernelGeometry.ForRecurrent(layer, 4);
        PackedKernel packed = WeightPacker.PackRecurrent(layer, 0, g, Sources(3, 4), null);

        Assert.Equal(8, g.PaddedOutputs);
        Assert.Equal(2, g.Blocks);
        Assert.Single(g.Passes); // 2 blocks per pass
        Assert.Equal(2L * 4 * 4 * (4 + 8), packed.Weights.Length);

        // x column 2, block 1, gate f (1), lane 1 -> unit 5, row H + 5 = 11.
        Assert.Equal(1000f + 11 * 10 + 2, packed.Weights[((2 * 2 + 1) * 4 + 1) * 4 + 1]);
        // x column 0, block 0, gate i, lane 0 is the very first float.
        Assert.Equal(1000f, packed.Weights[0]);
        // The padding x column 3 is all zero.
        Assert.All(Enumerable.Range(0, 32), k => Assert.Equal(0f, packed.Weights[3 * 32 + k]));
        // h column 4, block 0, gate o (3), lane 2 -> unit 2, row 3H + 2 = 20.
        int hStart = 4 * 32;
        Assert.Equal(20000f + 20 * 100 + 4, packed.Weights[hStart + ((4 * 2 + 0) * 4 + 3) * 4 + 2]);
        // Padding units (6, 7) and padding h columns (6, 7) are zero.
        for (int column = 0; column < 8; column++)
        for (int gate = 0; gate < 4; gate++)
        {
            Assert.Equal(0f, packed.Weights[hStart + ((column * 2 + 1) * 4 + gate) * 4 + 2]);
            Assert.Equal(0f, packed.Weights[hStart + ((column * 2 + 1) * 4 + gate) * 4 + 3]);
        }
        Assert.All(Enumerable.Range(0, 32), k => Assert.Equal(0f, packed.Weights[hStart + 6 * 32 + k]));
    }

    [Fact]
    public void LstmBiasIsPlanarSumOfBothBiases()
    {
        RecurrentLayer layer = Encoded(CellKind.Lstm, 3, 6, peepholes: true);
        var g = KernelGeometry.ForRecurrent(layer, 4);
        PackedKernel packed = WeightPacker.PackRecurrent(layer, 0, g, Sources(3, 4), null);
        Assert.Equal(4 * 8, packed.Bias.Length);
        // Gate g (2), unit 5: row 17.
        Assert.Equal(0.5f + 17 + 0.25f * 17, packed.Bias[2 * 8 + 5]);
        Assert.Equal(0f, packed.Bias[2 * 8 + 6]);
        // Peepholes i, f, o padded to 8 each.
        Assert.Equal(new[] { -1f, -2f, -3f, -4f, -5f, -6f, 0f, 0f }, packed.Peepholes.Take(8));
        Assert.Equal(-13f, packed.Peepholes[16]);
    }

    [Fact]
    public void GruWithASigmoidResetGateBakesTheResetGateHalved()
    {
        // linear_before_reset = 1 and sigmoid gates: r's weights and bias times 1/2 (the kernel evaluates r nh through
        // tanh(r' / 2)); z and n as they are. H = 4, 4 inputs: one block; per x column the gate vectors z, r, n.
        RecurrentLayer layer = Encoded(CellKind.Gru, 4, 4, gateActivation: ActivationFunction.Sigmoid);
        PackedKernel packed = WeightPacker.PackRecurrent(layer, 0, KernelGeometry.ForRecurrent(layer, 4), Sources(4, 4), null);
        Assert.Equal((1000f + 5 * 10 + 2) / 2, packed.Weights[2 * 12 + 4 + 1]);             // r, unit 1 (row 5), x column 2
        Assert.Equal(1000f + 1 * 10 + 2, packed.Weights[2 * 12 + 1]);                      // z, unit 1, x column 2: whole
        Assert.Equal((20000f + 5 * 100 + 3) / 2, packed.Weights[4 * 12 + 3 * 12 + 4 + 1]);  // r, unit 1, h column 3
        Assert.Equal((0.5f + 5 + 0.25f * 5) / 2, packed.Bias[4 + 1]);                       // r, both biases
        Assert.Equal(0.5f + 1 + 0.25f * 1, packed.Bias[1]);                                 // z
        Assert.Equal(0.25f * 9, packed.Bias[3 * 4 + 1]);                                    // n recurrent part

        // Without linear_before_reset (r multiplies h before the product) nothing is halved.
        RecurrentLayer resetFirst = Encoded(CellKind.Gru, 4, 4, linearBeforeReset: false, gateActivation: ActivationFunction.Sigmoid);
        PackedKernel whole = WeightPacker.PackRecurrent(resetFirst, 0, KernelGeometry.ForRecurrent(resetFirst, 4), Sources(4, 4), null);
        Assert.Equal(0.5f + 5 + 0.25f * 5, whole.Bias[4 + 1]);
        Assert.Equal(1000f + 5 * 10 + 2, whole.Weights[2 * 12 + 4 + 1]);
    }

    [Fact]
    public void GruWithLinearBeforeResetKeepsTheNewGatesBiasesApart()
    {
        RecurrentLayer layer = Encoded(CellKind.Gru, 4, 4);
        PackedKernel packed = WeightPacker.PackRecurrent(layer, 0, KernelGeometry.ForRecurrent(layer, 4), Sources(4, 4), null);
        Assert.Equal(4 * 4, packed.Bias.Length);
        Assert.Equal(0.5f + 1 + 0.25f * 1, packed.Bias[1]);           // z, both biases
        Assert.Equal(0.5f + 9, packed.Bias[2 * 4 + 1]);                // n input part: Wbn only
        Assert.Equal(0.25f * 9, packed.Bias[3 * 4 + 1]);               // n recurrent part: Rbn only
    }

    [Fact]
    public void GruWithoutLinearBeforeResetPutsTheNewGatesRecurrentWeightsInASecondSection()
    {
        RecurrentLayer layer = Encoded(CellKind.Gru, 4, 4, linearBeforeReset: false);
        var g = KernelGeometry.ForRecurrent(layer, 4);
        PackedKernel packed = WeightPacker.PackRecurrent(layer, 0, g, Sources(4, 4), null);
        Assert.Equal(3, g.InputGates);
        Assert.Equal(2, g.RecurrentGates);
        Assert.Equal(4L * (4 * 3 + 4 * 2), g.FirstPhaseLength);
        Assert.Equal(g.FirstPhaseLength + 4 * 4, packed.Weights.Length);
        // Second section, h column 3, lane 2: Rn row 2H + 2 = 10, column 3.
        Assert.Equal(20000f + 10 * 100 + 3, packed.Weights[g.FirstPhaseLength + 3 * 4 + 2]);
        // Biases: z, r, n with n = Wbn + Rbn.
        Assert.Equal(3 * 4, packed.Bias.Length);
        Assert.Equal(0.5f + 10 + 0.25f * 10, packed.Bias[2 * 4 + 2]);
    }

    [Fact]
    public void PassesCoverEveryBlockWithAShortLastPass()
    {
        RecurrentLayer layer = Encoded(CellKind.Rnn, 4, 18); // 20 padded = 5 blocks, 4 per pass
        var g = KernelGeometry.ForRecurrent(layer, 4);
        Assert.Equal(new[] { (0, 4), (4, 1) }, g.Passes.Select(p => (p.FirstBlock, p.Blocks)));
        PackedKernel packed = WeightPacker.PackRecurrent(layer, 0, g, Sources(4, 4), null);
        // Unit 17 lives in the last pass (block 4, lane 1); its x column 2 weight is row 17, column 2.
        KernelPhase.Pass last = g.Passes[1];
        Assert.Equal(1000f + 17 * 10 + 2, packed.Weights[last.InputWeightOffset(g, 2, 0, 0) + 1]);
        Assert.Equal(g.WeightCount, last.Offset + 4L * (4 + 20));
    }

    [Fact]
    public void NormalizationIsFoldedIntoTheFirstLayer()
    {
        RecurrentLayer layer = Encoded(CellKind.Rnn, 2, 1);
        var norm = new InputNormalization(new[] { 1f, -2f }, new[] { 2f, 4f });
        var g = KernelGeometry.ForRecurrent(layer, 4);
        PackedKernel packed = WeightPacker.PackRecurrent(layer, 0, g, Sources(2, 4), norm);
        // W' = W / std; b' = b - sum W mean / std.
        Assert.Equal(1000f / 2, packed.Weights[0]);
        Assert.Equal(1001f / 4, packed.Weights[4]);
        float expectedBias = (float)(0.5 + 0 - (1000.0 * 1 / 2 + 1001.0 * -2 / 4));
        Assert.Equal(expectedBias, packed.Bias[0]);
    }

    [Fact]
    public void BidirectionalOutputFeedsTheNextLayerThroughItsColumnMap()
    {
        // The next layer reads [forward h padded to 8 | reverse h padded to 8] for H = 6: features 0..5 then 6..11.
        var dense = new DenseLayer(12, 1, Enumerable.Range(0, 12).Select(k => 1f + k).ToArray(), new[] { 0f }, ActivationFunction.Identity);
        int[] sources = { 0, 1, 2, 3, 4, 5, -1, -1, 6, 7, 8, 9, 10, 11, -1, -1 };
        var g = KernelGeometry.ForDense(dense, sources.Length);
        PackedKernel packed = WeightPacker.PackDense(dense, g, sources);
        float[] row = Enumerable.Range(0, 16).Select(column => packed.Weights[column * 4]).ToArray();
        Assert.Equal(new[] { 1f, 2, 3, 4, 5, 6, 0, 0, 7, 8, 9, 10, 11, 12, 0, 0 }, row);
        Assert.All(Enumerable.Range(0, 16), column => Assert.Equal(0f, packed.Weights[column * 4 + 1])); // padding rows
    }
}
