using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace EdgeLstm.Tests.Onnx.ExportCorpus;

/// <summary>One PyTorch input sequence of a corpus model and the module's own output for it (row-major).</summary>
internal sealed record CorpusSequence(int Steps, float[] Input, float[] Output);

/// <summary>
/// One model of the export corpus (tests/exports/&lt;model&gt;, copied next to the test assembly): what make_exports.py
/// defined, the .onnx files torch.onnx.export wrote for it, and PyTorch's outputs, which are the golden.
/// </summary>
internal sealed record CorpusModel(
    string Name,
    JsonElement Architecture,
    bool Streaming,
    int InputSize,
    int OutputSize,
    IReadOnlyDictionary<string, string> Files,
    IReadOnlyList<CorpusSequence> Sequences)
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "exports");

    public string PathOf(string variant) => Path.Combine(Root, Name, Files[variant]);

    /// <summary>Every model folder holding a golden.json, by name.</summary>
    public static IReadOnlyList<CorpusModel> All { get; } = Directory.GetFiles(Root, "golden.json", SearchOption.AllDirectories)
        .Select(Read)
        .OrderBy(m => m.Name, StringComparer.Ordinal)
        .ToArray();

    public static CorpusModel Named(string name) => All.Single(m => m.Name == name);

    /// <summary>(model, variant) for every .onnx file of the corpus.</summary>
    public static IEnumerable<(string Model, string Variant)> Exports()
        => All.SelectMany(m => m.Files.Keys.Select(v => (m.Name, v)));

    private static CorpusModel Read(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement root = document.RootElement;
        static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => v.GetSingle()).ToArray();
        var sequences = root.GetProperty("sequences").EnumerateArray()
            .Select(s => new CorpusSequence(s.GetProperty("steps").GetInt32(), Floats(s.GetProperty("input")), Floats(s.GetProperty("output"))))
            .ToArray();
        var files = root.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return new CorpusModel(
            root.GetProperty("name").GetString()!,
            root.GetProperty("architecture").Clone(),
            root.GetProperty("streaming").GetBoolean(),
            root.GetProperty("input_size").GetInt32(),
            root.GetProperty("output_size").GetInt32(),
            files,
            sequences);
    }
}
