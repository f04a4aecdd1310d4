using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Import;
using EdgeLstm.Import.Json;
using EdgeLstm.Model;
using Xunit;

namespace EdgeLstm.Tests.Json;

/// <summary>
/// The fixtures in TestData/RtNeural come from make_rtneural_fixtures.py: golden cases re-laid out in Keras form by
/// PyTorch/ONNX tooling, next to the source framework's own tensors. The expected canonical weights are derived
/// here from those source tensors (read with System.Text.Json), independently of the importer.
/// </summary>
public sealed class RtNeuralJsonImporterTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "RtNeural");

    [Fact]
    public void LstmMatchesThePyTorchWeights()
    {
        NetworkModel model = Import("lstm_i3_h16_dense3", out JsonElement source);

        var lstm = Assert.IsType<RecurrentLayer>(model.Layers[0]);
        Assert.Equal((CellKind.Lstm, 3, 16, Direction.Forward), (lstm.Cell, lstm.Input, lstm.Hidden, lstm.Direction));
        DirectionWeights d = Assert.Single(lstm.Directions);
        // PyTorch's LSTM rows are already i, f, g, o: the canonical order.
        AssertBits(Flat(source, "rnn.weight_ih_l0"), d.InputWeights);
        AssertBits(Flat(source, "rnn.weight_hh_l0"), d.RecurrentWeights);
        // Keras has one bias: PyTorch's two summed (in float32, as the fixture script did), the recurrent one zero.
        float[] bih = Flat(source, "rnn.bias_ih_l0"), bhh = Flat(source, "rnn.bias_hh_l0");
        AssertBits(bih.Zip(bhh, (a, b) => a + b).ToArray(), d.InputBias);
        AssertBits(new float[64], d.RecurrentBias);
        Assert.True(d.Peepholes.IsEmpty);
        Assert.Equal(new[] { ActivationFunction.Sigmoid, ActivationFunction.Tanh, ActivationFunction.Tanh }, d.Activations.AsArray());

        var head = Assert.IsType<DenseLayer>(model.Layers[1]);
        Assert.Equal((16, 3, ActivationFunction.Identity), (head.Inputs, head.Outputs, head.Activation));
        AssertBits(Flat(source, "head.weight"), head.Weights);
        AssertBits(Flat(source, "head.bias"), head.Bias);
        Assert.Equal(2, model.Layers.Count);
        Assert.Equal("rtneural-json", model.Metadata.Format);
    }

    [Fact]
    public void StackedGruMatchesThePyTorchWeightsWithGatesReordered()
    {
        NetworkModel model = Import("gru_i4_h32_l2_dense1", out JsonElement source);

        Assert.Equal(3, model.Layers.Count);
        for (int k = 0; k < 2; k++)
        {
            var gru = Assert.IsType<RecurrentLayer>(model.Layers[k]);
            Assert.Equal((CellKind.Gru, k == 0 ? 4 : 32, 32, true), (gru.Cell, gru.Input, gru.Hidden, gru.LinearBeforeReset));
            DirectionWeights d = Assert.Single(gru.Directions);
            // PyTorch rows r, z, n; canonical z, r, n. PyTorch's GRU is the reset-after form with both biases kept.
            AssertBits(PyTorchGruToCanonical(Flat(source, $"rnn.weight_ih_l{k}"), 32), d.InputWeights);
            AssertBits(PyTorchGruToCanonical(Flat(source, $"rnn.weight_hh_l{k}"), 32), d.RecurrentWeights);
            AssertBits(PyTorchGruToCanonical(Flat(source, $"rnn.bias_ih_l{k}"), 32), d.InputBias);
            AssertBits(PyTorchGruToCanonical(Flat(source, $"rnn.bias_hh_l{k}"), 32), d.RecurrentBias);
            Assert.Equal(new[] { ActivationFunction.Sigmoid, ActivationFunction.Tanh }, d.Activations.AsArray());
        }
        var head = Assert.IsType<DenseLayer>(model.Layers[2]);
        AssertBits(Flat(source, "head.weight"), head.Weights);
        AssertBits(Flat(source, "head.bias"), head.Bias);
    }

    [Fact]
    public void ResetBeforeGruAndActivationLayerMatchTheOnnxGraph()
    {
        NetworkModel model = Import("onnx_gru_lbr0_i3_h16", out JsonElement source);

        var gru = Assert.IsType<RecurrentLayer>(model.Layers[0]);
        Assert.False(gru.LinearBeforeReset);
        DirectionWeights d = Assert.Single(gru.Directions);
        // ONNX GRU rows z, r, h are canonical. With linear_before_reset=0 both ONNX biases are plain addends,
        // so Keras' single bias is their sum.
        AssertBits(Flat(source, "W"), d.InputWeights);
        AssertBits(Flat(source, "R"), d.RecurrentWeights);
        float[] b = Flat(source, "B");
        AssertBits(Enumerable.Range(0, 48).Select(i => b[i] + b[48 + i]).ToArray(), d.InputBias);
        AssertBits(new float[48], d.RecurrentBias);

        // Gemm(transB=1) + Sigmoid: the Keras Activation layer is folded into the dense layer before it.
        var head = Assert.IsType<DenseLayer>(Assert.Single(model.Layers.Skip(1)));
        AssertBits(Flat(source, "Wd"), head.Weights);
        AssertBits(Flat(source, "bd"), head.Bias);
        Assert.Equal(ActivationFunction.Sigmoid, head.Activation);
    }

    [Fact]
    public void ModelImporterDetectsRtNeuralFiles()
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Folder, "lstm_i3_h16_dense3.rtneural.json"));
        Assert.Equal(ModelFileFormat.RtNeuralJson, ModelImporter.DetectFormat(bytes, "x.json"));
        Assert.Equal(Import("lstm_i3_h16_dense3", out _).Layers, ModelImporter.Load(bytes, "lstm_i3_h16_dense3.rtneural.json").Layers);
    }

    [Theory]
    [InlineData("\"type\": \"dense\"", "\"type\": \"conv1d\"", "layers[1].type", "layer 1 has type \"conv1d\"")]
    [InlineData("\"type\": \"lstm\"", "\"type\": \"unknown\"", "layers[0].type", "layer 0 has type \"unknown\"")]
    [InlineData("\"activation\": \"tanh\"", "\"activation\": \"relu\"", "layers[0].activation", "RTNeural always runs a recurrent layer with tanh")]
    [InlineData("\"activation\": \"\"", "\"activation\": \"elu\"", "layers[1].activation", "activation \"elu\" is not supported")]
    [InlineData("\"in_shape\": [null, null, 3]", "\"in_shape\": [null, null, 4]", "layers[0].weights[0]", "the kernel (inputs 4")]
    [InlineData("\"in_shape\": [null, null, 3]", "\"in_shape\": []", "in_shape", "empty array")]
    [InlineData("\"in_shape\": [null, null, 3]", "\"in_shape\": [null, null, null]", "in_shape[2]", "expected an integer, found null")]
    [InlineData("\"shape\": [null, null, 16]", "\"shape\": [null, null, 15]", "layers[0].weights[0][0]", "expected 60")]
    public void ErrorsNameTheLayer(string find, string replace, string path, string problem)
    {
        string text = Compact("lstm_i3_h16_dense3");
        Assert.Contains(find, text);
        string broken = ReplaceFirst(text, find, replace);

        var error = Assert.Throws<ModelFormatException>(() => RtNeuralJsonImporter.Import(broken, "m.json"));

        Assert.Equal("m.json", error.File);
        Assert.Contains(path, error.Location);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void ActivationLayerAfterARecurrentLayerIsRefused()
    {
        string text = ReplaceFirst(Compact("lstm_i3_h16_dense3"), "\"layers\": [",
            "\"layers\": [{\"type\": \"activation\", \"activation\": \"relu\", \"shape\": [null, null, 3], \"weights\": []}, ");
        var error = Assert.Throws<ModelFormatException>(() => RtNeuralJsonImporter.Import(text, "m.json"));
        Assert.Contains("must follow a dense layer", error.Problem);
    }

    [Fact]
    public void GruBiasOfTheWrongShapeIsExplained()
    {
        System.Text.Json.Nodes.JsonNode document = System.Text.Json.Nodes.JsonNode.Parse(Compact("onnx_gru_lbr0_i3_h16"))!;
        document["layers"]![0]!["weights"]![2] = new System.Text.Json.Nodes.JsonArray(1);
        string broken = document.ToJsonString();

        var error = Assert.Throws<ModelFormatException>(() => RtNeuralJsonImporter.Import(broken, "m.json"));
        Assert.Contains("layers[0].weights[2]", error.Location);
        Assert.Contains("reset_after=True", error.Problem);
    }

    private static NetworkModel Import(string name, out JsonElement source)
    {
        source = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".source.json"))).RootElement;
        string file = name + ".rtneural.json";
        return RtNeuralJsonImporter.Import(File.ReadAllText(Path.Combine(Folder, file)), file);
    }

    /// <summary>The fixture re-serialised on one line with ", " and ": " separators, so tests can edit it by text.</summary>
    private static string Compact(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".rtneural.json")));
        string json = JsonSerializer.Serialize(document.RootElement);
        // System.Text.Json writes no spaces; add them after separators outside strings (the fixtures' strings hold none of these).
        return json.Replace(",", ", ").Replace(":", ": ");
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        return text.Substring(0, at) + replace + text.Substring(at + find.Length);
    }

    /// <summary>A tensor of any rank, flattened row-major, each number parsed straight to float32.</summary>
    private static float[] Flat(JsonElement source, string name)
    {
        var values = new System.Collections.Generic.List<float>();
        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in e.EnumerateArray()) Walk(item);
            }
            else
            {
                values.Add(e.GetSingle());
            }
        }
        Walk(source.GetProperty(name));
        return values.ToArray();
    }

    /// <summary>Row blocks r, z, n (PyTorch) → z, r, n (canonical); each block is hidden rows of the same width.</summary>
    private static float[] PyTorchGruToCanonical(float[] values, int hidden)
    {
        int block = values.Length / 3;
        Assert.Equal(0, block % hidden);
        var result = new float[values.Length];
        Array.Copy(values, block, result, 0, block);      // z
        Array.Copy(values, 0, result, block, block);      // r
        Array.Copy(values, 2 * block, result, 2 * block, block); // n
        return result;
    }

    private static void AssertBits(float[] expected, EquatableArray<float> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"value {i}: expected {expected[i]:R}, imported {actual[i]:R}");
        }
    }
}
