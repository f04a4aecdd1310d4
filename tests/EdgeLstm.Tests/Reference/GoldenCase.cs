using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace EdgeLstm.Tests.Reference;

/// <summary>
/// A shared golden case (tests/cases/&lt;name&gt;, copied next to the test assembly): input rows and the output PyTorch or
/// ONNX Runtime computed for them from the zero state, plus the weight files of the same model in each format.
/// </summary>
internal sealed class GoldenCase
{
    private GoldenCase(string name, int steps, int inputSize, int outputSize, float[] input, float[] output, string source)
    {
        Name = name;
        Steps = steps;
        InputSize = inputSize;
        OutputSize = outputSize;
        Input = input;
        Output = output;
        Source = source;
    }

    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "cases");

    public string Name { get; }

    public int Steps { get; }

    public int InputSize { get; }

    public int OutputSize { get; }

    /// <summary>Row-major [Steps, InputSize].</summary>
    public float[] Input { get; }

    /// <summary>Row-major [Steps, OutputSize].</summary>
    public float[] Output { get; }

    /// <summary>Which system computed <see cref="Output"/>.</summary>
    public string Source { get; }

    public static IReadOnlyList<string> Names()
    {
        string[] names = Directory.GetDirectories(Root).Select(d => Path.GetFileName(d)!).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        if (names.Length == 0) throw new InvalidOperationException($"No golden cases under {Root}.");
        return names;
    }

    /// <summary>Every (case, weight file) pair present: model.onnx, model.safetensors, model.pt (and any other model.*).</summary>
    public static IEnumerable<(string Case, string File)> WeightFiles()
    {
        foreach (string name in Names())
        {
            foreach (string path in Directory.GetFiles(Path.Combine(Root, name), "model.*").OrderBy(p => p, StringComparer.Ordinal))
            {
                yield return (name, Path.GetFileName(path));
            }
        }
    }

    public static string PathOf(string name, string file) => Path.Combine(Root, name, file);

    /// <summary>
    /// What a user states when loading this case's <paramref name="file"/>: a .pt state_dict holds tensors only, so the
    /// head activation and the RNN nonlinearity that case.json's <c>architecture</c> names are passed as options.
    /// Other formats carry them and get none.
    /// </summary>
    public static EdgeLstm.Import.ImportOptions OptionsFor(string name, string file)
    {
        if (!file.EndsWith(".pt", StringComparison.Ordinal)) return EdgeLstm.Import.ImportOptions.None;
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(PathOf(name, "case.json")));
        JsonElement architecture = document.RootElement.GetProperty("architecture");
        string? Read(string key) => architecture.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return EdgeLstm.Import.ImportOptions.From(("head_activation", Read("head_activation")), ("nonlinearity", Read("nonlinearity")));
    }

    /// <summary>The case's weight file loaded as a user would load it (see <see cref="OptionsFor"/>).</summary>
    public static ReferenceModel LoadModel(string name, string file) => ReferenceModel.Load(PathOf(name, file), OptionsFor(name, file));

    public static GoldenCase Load(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(PathOf(name, "case.json")));
        JsonElement root = document.RootElement;
        var golden = new GoldenCase(
            name,
            root.GetProperty("steps").GetInt32(),
            root.GetProperty("input_size").GetInt32(),
            root.GetProperty("output_size").GetInt32(),
            ReadFloats(root.GetProperty("input")),
            ReadFloats(root.GetProperty("output")),
            root.GetProperty("source").GetString() ?? string.Empty);
        if (golden.Input.Length != golden.Steps * golden.InputSize || golden.Output.Length != golden.Steps * golden.OutputSize)
        {
            throw new InvalidDataException($"{name}/case.json: input or output length does not match steps x size.");
        }
        return golden;
    }

    internal static float[] ReadFloats(JsonElement array)
    {
        float[] values = new float[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement element in array.EnumerateArray())
        {
            values[i++] = (float)element.GetDouble();
        }
        return values;
    }
}
