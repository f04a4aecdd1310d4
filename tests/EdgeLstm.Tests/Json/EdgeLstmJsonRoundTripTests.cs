using System;
using System.Collections.Generic;
using System.Text;
using EdgeLstm.Import;
using EdgeLstm.Import.Json;
using EdgeLstm.Model;
using Xunit;

namespace EdgeLstm.Tests.Json;

public sealed class EdgeLstmJsonRoundTripTests
{
    public static TheoryData<string> Models => new() { "lstm, raw bits", "lstm, plain weights", "gru + rnn, raw bits", "gru + rnn, plain weights", "projection, raw bits", "minimal" };

    /// <summary>"raw bits" weights come from random bit patterns (subnormals, -0, extremes); "plain" ones are ordinary.</summary>
    private static NetworkModel Build(string name)
    {
        Func<Random, int, float[]> values = name.EndsWith("plain weights", StringComparison.Ordinal) ? TestModels.Weights : TestModels.Floats;
        return name.Split(',')[0] switch
        {
            "lstm" => TestModels.LstmEverything(values),
            "gru + rnn" => TestModels.GruRnnEverything(values),
            "projection" => TestModels.Projected(values),
            _ => TestModels.Minimal(values),
        };
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ImportOfWriteEqualsTheModel(string name)
    {
        NetworkModel model = Build(name);
        string json = EdgeLstmJsonFormat.Write(model);

        NetworkModel back = EdgeLstmJsonFormat.Import(json, name + ".json");

        Assert.Equal(model, back);
        AssertSameBits(model, back);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void WritingIsStable(string name)
    {
        NetworkModel model = Build(name);
        string json = EdgeLstmJsonFormat.Write(model);
        Assert.Equal(json, EdgeLstmJsonFormat.Write(EdgeLstmJsonFormat.Import(json, name)));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ModelImporterDetectsAndLoadsTheUtf8File(string name)
    {
        NetworkModel model = Build(name);
        byte[] bytes = Encoding.UTF8.GetBytes(EdgeLstmJsonFormat.Write(model));

        Assert.Equal(ModelFileFormat.EdgeLstmJson, ModelImporter.DetectFormat(bytes, name));
        NetworkModel back = ModelImporter.Load(bytes, name);
        Assert.Equal(model, back);
        AssertSameBits(model, back);
    }

    [Fact]
    public void EveryFeatureIsPresentInTheTestModels()
    {
        // Guards the round-trip tests against a model builder that quietly stops covering a feature.
        var lstm = (RecurrentLayer)TestModels.LstmEverything(TestModels.Weights).Layers[0];
        Assert.Equal(Direction.Bidirectional, lstm.Direction);
        Assert.True(lstm.HasPeepholes);
        Assert.NotNull(lstm.Clip);
        Assert.True(lstm.InputForget);
        var gru = TestModels.GruRnnEverything(TestModels.Weights);
        Assert.Contains(gru.Layers, l => l is RecurrentLayer { Cell: CellKind.Gru, LinearBeforeReset: false, Direction: Direction.Reverse });
        Assert.Contains(gru.Layers, l => l is RecurrentLayer { Cell: CellKind.Gru, LinearBeforeReset: true });
        Assert.Contains(gru.Layers, l => l is RecurrentLayer { Cell: CellKind.Rnn } r && r.Directions[0].Activations[0].Kind == ActivationKind.Relu);

        var kinds = new HashSet<ActivationKind>();
        foreach (NetworkModel model in new[] { TestModels.LstmEverything(TestModels.Weights), gru })
        {
            foreach (Layer layer in model.Layers)
            {
                if (layer is DenseLayer dense) kinds.Add(dense.Activation.Kind);
                if (layer is RecurrentLayer r)
                {
                    foreach (DirectionWeights d in r.Directions) foreach (ActivationFunction a in d.Activations) kinds.Add(a.Kind);
                }
            }
        }
        // Identity appears in RtNeural and hand-written tests; every other kind must be here.
        kinds.Add(ActivationKind.Identity);
        Assert.Equal(Enum.GetValues<ActivationKind>().Length, kinds.Count);
    }

    [Fact]
    public void NegativeZeroSurvives()
    {
        // Record equality cannot see this (0f.Equals(-0f) is true), so check the bits directly.
        NetworkModel model = TestModels.Minimal((_, n) => { var v = new float[n]; Array.Fill(v, -0f); return v; });
        NetworkModel back = EdgeLstmJsonFormat.Import(EdgeLstmJsonFormat.Write(model), "zeros.json");
        Assert.All(TestModels.AllFloats(back).GetRange(0, 8), v => Assert.True(float.IsNegative(v)));
    }

    [Fact]
    public void WriteRefusesAnInvalidModel()
    {
        NetworkModel model = TestModels.Minimal(TestModels.Weights);
        var layer = (RecurrentLayer)model.Layers[0];
        float[] bias = layer.Directions[0].InputBias.AsArray().Clone() as float[] ?? throw new InvalidOperationException();
        bias[0] = float.NaN;
        NetworkModel broken = model with
        {
            Layers = new Layer[] { layer with { Directions = new[] { layer.Directions[0] with { InputBias = bias } } } },
        };

        var error = Assert.Throws<ArgumentException>(() => EdgeLstmJsonFormat.Write(broken));
        Assert.Contains("NaN", error.Message);
    }

    [Fact]
    public void OutputIsIndentedWithOneMatrixRowPerLine()
    {
        NetworkModel model = TestModels.Minimal((_, n) => { var v = new float[n]; for (int i = 0; i < n; i++) v[i] = i / 4f; return v; });
        string json = EdgeLstmJsonFormat.Write(model);

        Assert.StartsWith("{\n  \"format\": \"edgelstm\",\n  \"version\": 1,\n  \"metadata\": {},\n  \"layers\": [\n", json);
        // LSTM, input 1, hidden 2: 8 rows of 1 input weight, then 8 rows of 2 recurrent weights.
        Assert.Contains("\"input_weights\": [\n            [0],\n            [0.25],\n", json);
        Assert.Contains("\"recurrent_weights\": [\n            [0, 0.25],\n", json);
        Assert.Contains("\"activations\": [\"sigmoid\", \"tanh\", \"tanh\"]", json);
        Assert.Contains("\"linear_before_reset\": false", json);
    }

    private static void AssertSameBits(NetworkModel expected, NetworkModel actual)
    {
        List<float> a = TestModels.AllFloats(expected), b = TestModels.AllFloats(actual);
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(b[i]))
            {
                Assert.Fail($"float {i}: wrote {a[i]:R} (0x{BitConverter.SingleToInt32Bits(a[i]):X8}), read {b[i]:R} (0x{BitConverter.SingleToInt32Bits(b[i]):X8}).");
            }
        }
    }
}
