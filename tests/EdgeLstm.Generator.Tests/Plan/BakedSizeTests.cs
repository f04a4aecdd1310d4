using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using EdgeLstm.Generator.Emit;
using EdgeLstm.Generator.Tests.Emit;
using EdgeLstm.Model;
using EdgeLstm.Plan;
using Xunit;

namespace EdgeLstm.Generator.Tests.Plan;

/// <summary>What the generated class bakes, counted in its source, against the padding rules worked out by hand.</summary>
public sealed class BakedSizeTests
{
    [Fact]
    public void ALayerAfterABidirectionalOneReadsBothPaddedHalves()
    {
        // Bidirectional LSTM, I = 3, H = 5, then a dense layer 10 -> 2 (docs/generated-code.md's padding rules):
        //   LSTM, per direction: 4 gates x 8 units x (4 x columns + 8 h columns) = 384 weights + 4 x 8 biases = 416;
        //   two directions 832. Dense: reads [forward h, 8 | reverse h, 8] = 16 columns for 4 padded rows: 64 + 4 = 68.
        // 900 floats in all (a count that padded the dense input as Pad(10) = 12 would say 884).
        NetworkModel network = BidirectionalH5ThenDense();
        string source = ModelEmitter.Emit(TestSpecs.For("BakedSize", network));

        Assert.Equal(900, BakedFloats(source));
        Assert.Equal(new[] { 416L, 416L, 68L }, ModelPlanner.Plan(network).Kernels.Select(k => k.BakedBytes / 4));
    }

    internal static NetworkModel BidirectionalH5ThenDense()
    {
        var r = new RandomModels(55);
        return RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 3, 5, Direction.Bidirectional), r.Dense(10, 2, ActivationFunction.Identity));
    }

    /// <summary>The floats of every baked weight, bias and peephole array, as the generated summaries count them.</summary>
    private static long BakedFloats(string source)
        => Regex.Matches(source, @"/// <summary>(?:Packed weights|Accumulator start values|Bias|Peepholes)[^\n]*? (\d+) floats\.</summary>")
            .Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
}
