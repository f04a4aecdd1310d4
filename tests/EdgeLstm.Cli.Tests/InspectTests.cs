using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Cli.Tests.Infrastructure;
using Xunit;

namespace EdgeLstm.Cli.Tests;

/// <summary>inspect against the architecture each golden case's case.json declares (written by the PyTorch script).</summary>
public sealed class InspectTests
{
    [Theory]
    [MemberData(nameof(GoldenCase.ModelFilesOfAllCases), MemberType = typeof(GoldenCase))]
    public void JsonDescribesTheDeclaredArchitecture(string caseName, string file)
    {
        GoldenCase golden = GoldenCase.Load(caseName);
        string path = Path.Combine(golden.Folder, file);

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
            Assert.Equal(golden.Bidirectional ? "bidirectional" : "forward", layer.GetProperty("direction").GetString());
            if (golden.Cell == "LSTM")
            {
                Assert.Equal(golden.Peepholes, layer.GetProperty("peepholes").GetBoolean());
            }
        }
        long layerBytes = root.GetProperty("layers").EnumerateArray().Sum(l => l.GetProperty("bakedWeightBytes").GetInt64());
        Assert.True(root.GetProperty("bakedWeightBytes").GetInt64() >= layerBytes);
        // Every matrix weight is baked (padding only adds zeros); the two bias vectors are baked summed, so compare
        // against the matrix weights, which are exactly the multiply-adds per step.
        Assert.True(layerBytes >= 4 * ExpectedMultiplyAdds(golden), "padding only ever adds bytes");
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
        Assert.Contains("5,648 bytes as float32", result.Out);
        Assert.Contains("padded to multiples of 4", result.Out);
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
    public void TextShowsCellOptions(string caseName, string expected)
    {
        CliResult result = Tool.Run("inspect", GoldenCase.Load(caseName).AnyModel);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(expected, result.Out);
    }

    // Independent of the code under test: PyTorch's and ONNX's parameter layout per layer and direction,
    // G*H*(I + H) weights plus two bias vectors of G*H, peepholes 3H; then the head.
    private static long ExpectedParameters(GoldenCase c)
    {
        long count = 0;
        for (int layer = 0; layer < c.Layers; layer++)
        {
            int input = layer == 0 ? c.InputSize : c.Hidden * c.Directions;
            count += c.Directions * ((long)c.Gates * c.Hidden * (input + c.Hidden) + 2L * c.Gates * c.Hidden + (c.Peepholes ? 3 * c.Hidden : 0));
        }
        if (c.HeadOutputs > 0) count += (long)c.HeadOutputs * c.Hidden * c.Directions + c.HeadOutputs;
        return count;
    }

    private static long ExpectedMultiplyAdds(GoldenCase c)
    {
        long count = 0;
        for (int layer = 0; layer < c.Layers; layer++)
        {
            int input = layer == 0 ? c.InputSize : c.Hidden * c.Directions;
            count += c.Directions * (long)c.Gates * c.Hidden * (input + c.Hidden);
        }
        if (c.HeadOutputs > 0) count += (long)c.HeadOutputs * c.Hidden * c.Directions;
        return count;
    }
}
