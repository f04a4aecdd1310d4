using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Cli.Tests;

/// <summary>inspect against the architecture each golden case's case.json declares (written by the PyTorch script).</summary>
public sealed class InspectTests
{
    [Theory]
    [MemberData(nameof(CaseFiles.ModelFilesOfAllCases), MemberType = typeof(CaseFiles))]
    public void JsonDescribesTheDeclaredArchitecture(string caseName, string file)
    {
        GoldenCase golden = GoldenCase.Load(caseName);
        string path = golden.PathOf(file);

        CliResult result = Tool.Run("inspect", path, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Out);
        JsonElement root = json.RootElement;
        Assert.Equal(path, root.GetProperty("file").GetString());
        Assert.Equal(golden.InputSize, root.GetProperty("inputSize").GetInt32());
        Assert.Equal(golden.OutputSize, root.GetProperty("outputSize").GetInt32());
        Assert.Equal(!golden.Bidirectional, root.GetProperty("streaming").GetBoolean());
        Assert.Equal(ExpectedParameters(golden), root.GetProperty("parameterCount").GetInt64());
        Assert.Equal(ExpectedMultiplyAdds(golden), root.GetProperty("multiplyAddsPerStep").GetInt64());

        JsonElement[] recurrent = root.GetProperty("layers").EnumerateArray()
            .Where(l => l.GetProperty("kind").GetString() != "dense").ToArray();
        Assert.Equal(golden.Layers, recurrent.Length);
        foreach (JsonElement layer in recurrent)
        {
            Assert.Equal(golden.Cell.ToLowerInvariant(), layer.GetProperty("kind").GetString());
            Assert.Equal(golden.Hidden, layer.GetProperty("hiddenSize").GetInt32());
            Assert.Equal(golden.OutputsPerDirection * golden.Directions, layer.GetProperty("outputSize").GetInt32());
            Assert.Equal(golden.Bidirectional ? "bidirectional" : "forward", layer.GetProperty("direction").GetString());
            if (golden.Cell == "LSTM")
            {
                Assert.Equal(golden.Peepholes, layer.GetProperty("peepholes").GetBoolean());
                Assert.Equal(golden.Projection, layer.GetProperty("projectionSize").GetInt32());
            }
        }
        Assert.Equal(ExpectedBakedFloats(golden) * 4, root.GetProperty("bakedWeightBytes").GetInt64());
        Assert.Equal("float32", root.GetProperty("bakedWeightType").GetString());
    }

    [Fact]
    public void BakedSizeCountsTheRowALayerReadsAfterABidirectionalLayer()
    {
        // Bidirectional LSTM, I = 3, H = 5, then a dense layer 10 -> 2. Worked out by hand from the padding rules in
        // docs/generated-code.md (units and input rows padded to 4):
        //   LSTM, per direction: 4 gates x Pad(5) = 8 units x (Pad(3) = 4 x columns + 8 h columns) = 384 weights, plus
        //   4 bias slots x 8 = 32; two directions: 832 floats = 3,328 bytes.
        //   Dense: it reads the row [forward h, 8 | reverse h, 8] = 16 columns (not Pad(10) = 12) for Pad(2) = 4 rows:
        //   64 weights + 4 biases = 68 floats = 272 bytes.
        // 900 floats = 3,600 bytes (the old re-derivation counted 12 columns: 3,536).
        using var folder = new TempDirectory();
        string path = folder.File("bidir.json");
        File.WriteAllText(path, EdgeLstm.Import.Json.EdgeLstmJsonFormat.Write(BidirectionalH5ThenDense()));

        CliResult result = Tool.Run("inspect", path, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Out);
        Assert.Equal(3_600, json.RootElement.GetProperty("bakedWeightBytes").GetInt64());
        Assert.Equal(new long[] { 3_328, 272 }, json.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("bakedWeightBytes").GetInt64()));
        // State: input row padded to 4, per direction h, next h and c of 8 each, the dense output padded to 4: 56 floats.
        Assert.Equal(224, json.RootElement.GetProperty("stateBytes").GetInt64());
    }

    private static EdgeLstm.Model.NetworkModel BidirectionalH5ThenDense()
    {
        static float[] Values(int count) => Enumerable.Range(0, count).Select(i => 0.01f * (i % 17)).ToArray();
        var activations = new[] { EdgeLstm.Model.ActivationFunction.Sigmoid, EdgeLstm.Model.ActivationFunction.Tanh, EdgeLstm.Model.ActivationFunction.Tanh };
        EdgeLstm.Model.DirectionWeights Direction() => new(Values(20 * 3), Values(20 * 5), Values(20), Values(20), System.Array.Empty<float>(), activations);
        var lstm = new EdgeLstm.Model.RecurrentLayer(EdgeLstm.Model.CellKind.Lstm, 3, 5, EdgeLstm.Model.Direction.Bidirectional, new[] { Direction(), Direction() });
        var dense = new EdgeLstm.Model.DenseLayer(10, 2, Values(20), Values(2), EdgeLstm.Model.ActivationFunction.Identity);
        return new EdgeLstm.Model.NetworkModel(new EdgeLstm.Model.Layer[] { lstm, dense }, null, EdgeLstm.Model.ModelMetadata.Empty);
    }

    [Fact]
    public void TextShowsLayersOptionsCostsAndStreaming()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");

        CliResult result = Tool.Run("inspect", golden.AnyModel);

        Assert.True(result.ExitCode == 0, result.ToString());
        // LSTM 4 gates x 16 x (3 + 16) weights + 2 x 64 biases = 1344; head 16 x 3 + 3 = 51.
        Assert.Contains("Parameters     1,395", result.Out);
        // 4 x 16 x 19 = 1216 multiply-adds in the cell, 48 in the head.
        Assert.Contains("1,264 per step", result.Out);
        // Padded to H = 16, I = 4: 64 x 4 + 64 x 16 + 4 x 16 (biases summed per gate) = 1344 floats; head padded to 4 rows:
        // 4 x 16 + 4 = 68; 1412 floats = 5648 bytes — the sizes the generated class declares for this case.
        Assert.Contains("5,648 bytes, weights as float32", result.Out);
        Assert.Contains("padded to multiples of 4", result.Out);
        // Input row padded to 4, h, next h and c of 16, the head's output padded to 4: 56 floats.
        Assert.Contains("State          224 bytes per instance", result.Out);
        Assert.Contains("Streaming      yes", result.Out);
        Assert.Contains("LSTM  forward, input 3, hidden 16, output 16", result.Out);
        Assert.Contains("peepholes no; input_forget no", result.Out);
        Assert.Contains("Dense  input 16, output 3", result.Out);
    }

    [Fact]
    public void TextSaysWhenAModelNeedsWholeWindows()
    {
        CliResult result = Tool.Run("inspect", GoldenCase.Load("lstm_i3_h12_bidir_dense2").AnyModel);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Streaming      no: layer 0 runs bidirectional", result.Out);
    }

    [Theory]
    [InlineData("onnx_lstm_peephole_i3_h10", "peepholes yes")]
    [InlineData("onnx_lstm_cifg_i4_h12", "input_forget yes")]
    [InlineData("onnx_lstm_clip_i2_h8", "clip 0.5")]
    [InlineData("onnx_gru_lbr0_i3_h16", "linear_before_reset 0")]
    [InlineData("gru_i4_h32_l2_dense1", "linear_before_reset 1")]
    [InlineData("rnn_relu_i3_h12", "activations Relu")]
    [InlineData("lstm_proj_i4_h12_p5_dense3", "LSTM  forward, input 4, hidden 12, output 5")]
    [InlineData("lstm_proj_i4_h12_p5_dense3", "projection_size 5")]
    public void TextShowsCellOptions(string caseName, string expected)
    {
        CliResult result = Tool.Run("inspect", GoldenCase.Load(caseName).AnyModel);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(expected, result.Out);
    }

    // Independent of the code under test: PyTorch's and ONNX's parameter layout per layer and direction,
    // G*H*(I + O) weights (O = proj_size or H), two bias vectors of G*H, peepholes 3H, projection O*H; then the head.
    private static long ExpectedParameters(GoldenCase c)
    {
        long count = 0;
        int o = c.OutputsPerDirection;
        for (int layer = 0; layer < c.Layers; layer++)
        {
            int input = layer == 0 ? c.InputSize : o * c.Directions;
            count += c.Directions * ((long)c.Gates * c.Hidden * (input + o) + 2L * c.Gates * c.Hidden + (c.Peepholes ? 3 * c.Hidden : 0)
                                     + (c.Projection > 0 ? (long)c.Projection * c.Hidden : 0));
        }
        if (c.HeadOutputs > 0) count += (long)c.HeadOutputs * o * c.Directions + c.HeadOutputs;
        return count;
    }

    // The padding rules of docs/generated-code.md applied to the case's declared architecture: units, h and input rows
    // padded to 4 (a layer after a bidirectional one reads [forward h | reverse h], each padded), accumulator start
    // vectors per cell (LSTM 4, GRU 4 with linear_before_reset or 3 without, RNN 1), peepholes 3, a projection
    // Pad(P) x Pad(H); a head's rows padded to 4, plus its bias.
    private static long ExpectedBakedFloats(GoldenCase c)
    {
        static long Pad(long n) => (n + 3) / 4 * 4;
        long hp = Pad(c.Hidden), op = Pad(c.OutputsPerDirection);
        int slots = c.Cell switch { "LSTM" => 4, "GRU" => c.LinearBeforeReset ? 4 : 3, _ => 1 };
        long floats = 0;
        for (int layer = 0; layer < c.Layers; layer++)
        {
            long columns = layer == 0 ? Pad(c.InputSize) : op * c.Directions;
            floats += c.Directions * (c.Gates * hp * (columns + op) + slots * hp + (c.Peepholes ? 3 * hp : 0) + (c.Projection > 0 ? op * hp : 0));
        }
        if (c.HeadOutputs > 0) floats += Pad(c.HeadOutputs) * (op * c.Directions) + Pad(c.HeadOutputs);
        return floats;
    }

    private static long ExpectedMultiplyAdds(GoldenCase c)
    {
        long count = 0;
        int o = c.OutputsPerDirection;
        for (int layer = 0; layer < c.Layers; layer++)
        {
            int input = layer == 0 ? c.InputSize : o * c.Directions;
            count += c.Directions * ((long)c.Gates * c.Hidden * (input + o) + (c.Projection > 0 ? (long)c.Projection * c.Hidden : 0));
        }
        if (c.HeadOutputs > 0) count += (long)c.HeadOutputs * o * c.Directions;
        return count;
    }
}
