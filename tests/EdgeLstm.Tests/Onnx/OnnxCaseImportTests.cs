using System.Linq;
using System.Text.Json;
using EdgeLstm.Import;
using EdgeLstm.Model;
using Xunit;

namespace EdgeLstm.Tests.Onnx;

/// <summary>Every golden model.onnx imports, and its structure matches the architecture its case.json records.</summary>
public sealed class OnnxCaseImportTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (object[] name in OnnxCases.Names()) data.Add((string)name[0]);
        return data;
    }

    [Fact]
    public void TheCasesAreFound() => Assert.True(Cases().Count >= 12, $"expected the golden cases under {OnnxCases.Root}");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ImportsWithTheArchitectureOfTheCase(string name)
    {
        NetworkModel model = ModelImporter.Load(OnnxCases.Model(name), name + "/model.onnx");
        JsonElement arch = OnnxCases.Architecture(name);

        CellKind cell = arch.GetProperty("cell").GetString() switch
        {
            "LSTM" => CellKind.Lstm,
            "GRU" => CellKind.Gru,
            _ => CellKind.Rnn,
        };
        int hidden = arch.GetProperty("hidden_size").GetInt32();
        int layers = arch.GetProperty("num_layers").GetInt32();
        int headOut = arch.GetProperty("head_out").GetInt32();
        bool bidirectional = arch.TryGetProperty("bidirectional", out JsonElement b) && b.GetBoolean()
                             || arch.TryGetProperty("direction", out JsonElement d) && d.GetString() == "bidirectional";

        RecurrentLayer[] recurrent = model.Layers.OfType<RecurrentLayer>().ToArray();
        Assert.Equal(layers, recurrent.Length);
        Assert.Equal(arch.GetProperty("input_size").GetInt32(), model.InputSize);
        foreach (RecurrentLayer layer in recurrent)
        {
            Assert.Equal(cell, layer.Cell);
            Assert.Equal(hidden, layer.Hidden);
            Assert.Equal(bidirectional ? Direction.Bidirectional : Direction.Forward, layer.Direction);
            Assert.Equal(Expected(arch, "peephole", false), layer.HasPeepholes);
            Assert.Equal(Expected(arch, "input_forget", false), layer.InputForget);
            // PyTorch's GRU is ONNX linear_before_reset=1; only the hand-built case uses 0.
            Assert.Equal(cell != CellKind.Gru || Expected(arch, "linear_before_reset", true), layer.LinearBeforeReset);
            float? clip = arch.TryGetProperty("clip", out JsonElement c) && c.ValueKind == JsonValueKind.Number ? c.GetSingle() : null;
            Assert.Equal(clip, layer.Clip);
            ActivationKind expectedCandidate = arch.TryGetProperty("nonlinearity", out JsonElement n) && n.GetString() == "relu"
                ? ActivationKind.Relu
                : ActivationKind.Tanh;
            foreach (DirectionWeights weights in layer.Directions)
            {
                ActivationKind[] kinds = weights.Activations.Select(a => a.Kind).ToArray();
                ActivationKind[] expected = cell switch
                {
                    CellKind.Lstm => new[] { ActivationKind.Sigmoid, ActivationKind.Tanh, ActivationKind.Tanh },
                    CellKind.Gru => new[] { ActivationKind.Sigmoid, ActivationKind.Tanh },
                    _ => new[] { expectedCandidate },
                };
                Assert.Equal(expected, kinds);
            }
        }

        DenseLayer[] dense = model.Layers.OfType<DenseLayer>().ToArray();
        if (headOut == 0)
        {
            Assert.Empty(dense);
            Assert.Equal(recurrent[^1].OutputSize, model.OutputSize);
        }
        else
        {
            DenseLayer head = Assert.Single(dense);
            Assert.Same(head, model.Layers[model.Layers.Count - 1]);
            Assert.Equal(headOut, head.Outputs);
            Assert.Equal(recurrent[^1].OutputSize, head.Inputs);
            ActivationKind activation = arch.GetProperty("head_activation").GetString() switch
            {
                "sigmoid" => ActivationKind.Sigmoid,
                "softmax" => ActivationKind.Softmax,
                "tanh" => ActivationKind.Tanh,
                _ => ActivationKind.Identity,
            };
            Assert.Equal(activation, head.Activation.Kind);
        }

        Assert.Equal("onnx", model.Metadata.Format);
        Assert.Equal(name + "/model.onnx", model.Metadata.SourceFile);
    }

    [Fact]
    public void TorchExportCarriesGraphNameAndProducer()
    {
        NetworkModel model = ModelImporter.Load(OnnxCases.Model("lstm_i3_h16_dense3"), "m.onnx");
        Assert.Equal("torch_jit", model.Metadata.Name);
        Assert.Equal("pytorch 1.13.0", model.Metadata.Producer);
    }

    private static bool Expected(JsonElement arch, string property, bool fallback)
    {
        if (!arch.TryGetProperty(property, out JsonElement value)) return fallback;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.GetInt32() != 0,
            _ => fallback,
        };
    }
}
