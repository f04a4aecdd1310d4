using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Model;
using EdgeLstm.Testing;

namespace EdgeLstm.Tests.Reference;

/// <summary>
/// A model built by hand in the canonical layout, with expected outputs from PyTorch (float64), NumPy (float64) or
/// ONNX Runtime. Produced by Fixtures/make_fixtures.py; no importer is involved, so these tests check the reference
/// implementation on its own.
/// </summary>
internal sealed class ReferenceFixture
{
    private static readonly Lazy<IReadOnlyDictionary<string, ReferenceFixture>> All = new(LoadAll);

    private ReferenceFixture(string name, string source, NetworkModel model, int steps, double[] input, double[] output, double tolerance)
    {
        Name = name;
        Source = source;
        Model = model;
        Steps = steps;
        Input = input;
        Output = output;
        AllowedError = tolerance;
    }

    public string Name { get; }

    public string Source { get; }

    public NetworkModel Model { get; }

    public int Steps { get; }

    public double[] Input { get; }

    public double[] Output { get; }

    /// <summary>Float64 oracles are matched to 1e-9; ONNX Runtime's float32 goldens to 1e-5.</summary>
    public double AllowedError { get; }

    public static IEnumerable<string> Names => All.Value.Keys.OrderBy(n => n, StringComparer.Ordinal);

    public static ReferenceFixture Get(string name) => All.Value[name];

    private static IReadOnlyDictionary<string, ReferenceFixture> LoadAll()
    {
        using Stream stream = typeof(ReferenceFixture).Assembly.GetManifestResourceStream("reference_fixtures.json")
            ?? throw new InvalidOperationException("The embedded resource reference_fixtures.json is missing.");
        using JsonDocument document = JsonDocument.Parse(stream);
        var fixtures = new Dictionary<string, ReferenceFixture>(StringComparer.Ordinal);
        foreach (JsonElement element in document.RootElement.EnumerateArray())
        {
            ReferenceFixture fixture = Parse(element);
            fixtures.Add(fixture.Name, fixture);
        }
        return fixtures;
    }

    private static ReferenceFixture Parse(JsonElement element)
    {
        string name = element.GetProperty("name").GetString()!;
        InputNormalization? normalization = element.GetProperty("normalization").ValueKind == JsonValueKind.Null
            ? null
            : new InputNormalization(Floats(element.GetProperty("normalization"), "mean"), Floats(element.GetProperty("normalization"), "std"));
        Layer[] layers = element.GetProperty("layers").EnumerateArray().Select(ParseLayer).ToArray();
        var model = new NetworkModel(layers, normalization, ModelMetadata.Empty with { Name = name });

        if (element.TryGetProperty("case", out JsonElement caseName))
        {
            // The ONNX-only shared cases: weights converted by the script, input and output straight from case.json.
            GoldenCase golden = GoldenCase.Load(caseName.GetString()!);
            return new ReferenceFixture(name, element.GetProperty("source").GetString()!, model, golden.Steps,
                Array.ConvertAll(golden.Input, v => (double)v), Array.ConvertAll(golden.Output, v => (double)v), Reference.Tolerance.Golden);
        }
        return new ReferenceFixture(name, element.GetProperty("source").GetString()!, model, element.GetProperty("steps").GetInt32(),
            // The inputs are float32 values written as their shortest decimal: read them back as floats.
            Array.ConvertAll(Floats(element, "input"), v => (double)v), Doubles(element, "output"), Reference.Tolerance.Float64);
    }

    private static Layer ParseLayer(JsonElement layer)
    {
        if (layer.GetProperty("type").GetString() == "dense")
        {
            return new DenseLayer(layer.GetProperty("inputs").GetInt32(), layer.GetProperty("outputs").GetInt32(),
                Floats(layer, "weights"), Floats(layer, "bias"), ParseActivation(layer.GetProperty("activation")));
        }
        DirectionWeights[] directions = layer.GetProperty("directions").EnumerateArray().Select(d => new DirectionWeights(
            Floats(d, "inputWeights"), Floats(d, "recurrentWeights"), Floats(d, "inputBias"), Floats(d, "recurrentBias"),
            Floats(d, "peepholes"), d.GetProperty("activations").EnumerateArray().Select(ParseActivation).ToArray())).ToArray();
        JsonElement clip = layer.GetProperty("clip");
        return new RecurrentLayer(
            Enum.Parse<CellKind>(layer.GetProperty("cell").GetString()!),
            layer.GetProperty("input").GetInt32(),
            layer.GetProperty("hidden").GetInt32(),
            Enum.Parse<Direction>(layer.GetProperty("direction").GetString()!),
            directions,
            clip.ValueKind == JsonValueKind.Null ? null : (float)clip.GetDouble(),
            layer.GetProperty("inputForget").GetBoolean(),
            layer.GetProperty("linearBeforeReset").GetBoolean());
    }

    private static ActivationFunction ParseActivation(JsonElement activation) => new(
        Enum.Parse<ActivationKind>(activation.GetProperty("kind").GetString()!),
        (float)activation.GetProperty("alpha").GetDouble(),
        (float)activation.GetProperty("beta").GetDouble());

    private static float[] Floats(JsonElement parent, string property)
        => parent.GetProperty(property).EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

    private static double[] Doubles(JsonElement parent, string property)
        => parent.GetProperty(property).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public override string ToString() => Name;
}
