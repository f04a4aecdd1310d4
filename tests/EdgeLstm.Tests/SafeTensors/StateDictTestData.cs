using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Model;
using Xunit;

namespace EdgeLstm.Tests.SafeTensors;

/// <summary>
/// Finds the golden cases (tests/cases, copied next to the test assembly) and the state_dict fixtures produced once by
/// TestData/StateDict/make_fixtures.py, and checks an imported model against a case's declared architecture.
/// </summary>
internal static class StateDictTestData
{
    public static string CasesDirectory => Path.Combine(AppContext.BaseDirectory, "cases");

    public static string FixturesDirectory => Path.Combine(AppContext.BaseDirectory, "TestData", "StateDict");

    /// <summary>Every golden case exported from PyTorch (those with a model.safetensors and a model.pt).</summary>
    public static TheoryData<string> PyTorchCases()
    {
        var data = new TheoryData<string>();
        foreach (string directory in Directory.GetDirectories(CasesDirectory).OrderBy(d => d, StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(directory, "model.safetensors"))) data.Add(Path.GetFileName(directory));
        }
        return data;
    }

    public static string CaseFile(string caseName, string file) => Path.Combine(CasesDirectory, caseName, file);

    public static byte[] ReadCase(string caseName, string file) => File.ReadAllBytes(CaseFile(caseName, file));

    public static byte[] ReadFixture(string file) => File.ReadAllBytes(Path.Combine(FixturesDirectory, file));

    public static JsonElement ReadFixtureJson(string file)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(FixturesDirectory, file))).RootElement;

    public static JsonElement Architecture(string caseName)
        => JsonDocument.Parse(File.ReadAllText(CaseFile(caseName, "case.json"))).RootElement.GetProperty("architecture");

    public static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => v.GetSingle()).ToArray();

    /// <summary>The metadata keys the safetensors export of a case carries, for the .pt import that cannot carry them.</summary>
    public static MetadataEntry[] SafeTensorsMetadata(string caseName)
        => Import.SafeTensors.SafeTensorsImporter.Import(ReadCase(caseName, "model.safetensors"), "model.safetensors").Metadata.Properties.ToArray();

    /// <summary>Asserts layer kinds, sizes, directions and (when the file can say) activations against case.json.</summary>
    public static void AssertMatchesArchitecture(NetworkModel model, JsonElement architecture, bool activationsKnown)
    {
        CellKind cell = Enum.Parse<CellKind>(architecture.GetProperty("cell").GetString()!, ignoreCase: true);
        int input = architecture.GetProperty("input_size").GetInt32();
        int hidden = architecture.GetProperty("hidden_size").GetInt32();
        int layers = architecture.GetProperty("num_layers").GetInt32();
        bool bidirectional = architecture.GetProperty("bidirectional").GetBoolean();
        int headOut = architecture.GetProperty("head_out").GetInt32();
        // nn.LSTM(proj_size=P): h has P values, so every layer after the first and the head read P per direction.
        int projection = architecture.TryGetProperty("proj_size", out JsonElement p) ? p.GetInt32() : 0;
        int perDirection = projection > 0 ? projection : hidden;

        Assert.Equal(layers + (headOut > 0 ? 1 : 0), model.Layers.Count);
        int expectedInput = input;
        for (int k = 0; k < layers; k++)
        {
            RecurrentLayer layer = Assert.IsType<RecurrentLayer>(model.Layers[k]);
            Assert.Equal(cell, layer.Cell);
            Assert.Equal(expectedInput, layer.Input);
            Assert.Equal(hidden, layer.Hidden);
            Assert.Equal(projection, layer.ProjectionSize);
            Assert.Equal(bidirectional ? Direction.Bidirectional : Direction.Forward, layer.Direction);
            Assert.True(layer.LinearBeforeReset);
            Assert.Null(layer.Clip);
            Assert.False(layer.InputForget);
            foreach (DirectionWeights direction in layer.Directions)
            {
                ActivationFunction[] expected = cell switch
                {
                    CellKind.Lstm => new[] { ActivationFunction.Sigmoid, ActivationFunction.Tanh, ActivationFunction.Tanh },
                    CellKind.Gru => new[] { ActivationFunction.Sigmoid, ActivationFunction.Tanh },
                    _ => new[] { activationsKnown && architecture.GetProperty("nonlinearity").GetString() == "relu" ? ActivationFunction.Relu : ActivationFunction.Tanh },
                };
                Assert.Equal(expected, direction.Activations.ToArray());
                Assert.True(direction.Peepholes.IsEmpty);
                Assert.Equal(projection > 0 ? projection * hidden : 0, direction.ProjectionWeights.Count);
            }
            expectedInput = perDirection * (bidirectional ? 2 : 1);
        }
        if (headOut > 0)
        {
            DenseLayer head = Assert.IsType<DenseLayer>(model.Layers[layers]);
            Assert.Equal(expectedInput, head.Inputs);
            Assert.Equal(headOut, head.Outputs);
            if (activationsKnown)
            {
                ActivationKind expected = architecture.GetProperty("head_activation").GetString() switch
                {
                    "sigmoid" => ActivationKind.Sigmoid,
                    "softmax" => ActivationKind.Softmax,
                    "tanh" => ActivationKind.Tanh,
                    _ => ActivationKind.Identity,
                };
                Assert.Equal(expected, head.Activation.Kind);
            }
        }
        Assert.Null(model.Normalization);
    }
}
