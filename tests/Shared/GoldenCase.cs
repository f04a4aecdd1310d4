using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace EdgeLstm.Testing;

/// <summary>
/// A golden case of tests/cases: the weight files of one model in each format the case holds, input rows, and the
/// outputs PyTorch or ONNX Runtime computed for them from the zero state (never outputs of the code under test), with the
/// architecture case.json declares. The one reader of case.json for every test project, linked as source
/// (tests/Shared); it uses <see cref="JsonDocument"/> only, so it runs under Native AOT too.
/// </summary>
public sealed record GoldenCase
{
    /// <summary>A case built in code (the export corpus's goldens, which are read from golden.json); use <see cref="Load"/> for tests/cases.</summary>
    public GoldenCase()
    {
    }

    /// <summary>Where the test projects copy tests/cases: <c>cases/</c> beside the test assembly.</summary>
    public static string DefaultRoot { get; } = Path.Combine(AppContext.BaseDirectory, "cases");

    /// <summary>The case folder's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The case folder; empty for a case read from elsewhere (an embedded resource).</summary>
    public string Folder { get; init; } = "";

    /// <summary>Which system computed <see cref="Output"/>.</summary>
    public string Source { get; init; } = "";

    /// <summary>Rows of input and output.</summary>
    public int Steps { get; init; }

    public int InputSize { get; init; }

    public int OutputSize { get; init; }

    /// <summary>Row-major [Steps, InputSize]: float32, as the framework read them.</summary>
    public float[] Input { get; init; } = Array.Empty<float>();

    /// <summary>Row-major [Steps, OutputSize].</summary>
    public float[] Output { get; init; } = Array.Empty<float>();

    /// <summary>Format (onnx, safetensors, pt) to the file name in the case folder.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>"LSTM", "GRU" or "RNN".</summary>
    public string Cell { get; init; } = "";

    public int Hidden { get; init; }

    /// <summary>nn.LSTM's proj_size: h has this many values; 0 for none.</summary>
    public int Projection { get; init; }

    public int Layers { get; init; }

    public bool Bidirectional { get; init; }

    public bool Peepholes { get; init; }

    /// <summary>PyTorch's GRU is linear_before_reset = 1; the ONNX cases say which.</summary>
    public bool LinearBeforeReset { get; init; } = true;

    /// <summary>Outputs of the linear head, 0 without one.</summary>
    public int HeadOutputs { get; init; }

    /// <summary>none, sigmoid or softmax.</summary>
    public string HeadActivation { get; init; } = "none";

    /// <summary>An RNN's nonlinearity: tanh or relu.</summary>
    public string Nonlinearity { get; init; } = "tanh";

    public int Directions => Bidirectional ? 2 : 1;

    public int Gates => Cell switch
    {
        "LSTM" => 4,
        "GRU" => 3,
        "RNN" => 1,
        _ => throw new InvalidDataException($"{Name}/case.json: unknown cell '{Cell}'."),
    };

    /// <summary>Values of h per direction: the projection size, or the hidden size.</summary>
    public int OutputsPerDirection => Projection > 0 ? Projection : Hidden;

    /// <summary>
    /// False when the computation depends on something a bare .pt state_dict cannot carry (a head activation, a relu
    /// RNN): the importer then assumes none and tanh, as documented, and the outputs differ.
    /// </summary>
    public bool StateDictSuffices => HeadActivation == "none" && Nonlinearity == "tanh";

    /// <summary>The weight files, full paths, in case.json's order (empty for a case without a folder).</summary>
    public IReadOnlyList<string> ModelFiles => Folder.Length == 0 ? Array.Empty<string>() : Files.Values.Select(f => Path.Combine(Folder, f)).ToArray();

    /// <summary>A file of the case folder.</summary>
    public string PathOf(string file) => Folder.Length != 0 ? Path.Combine(Folder, file) : throw new InvalidOperationException($"{Name} was not read from a folder.");

    /// <summary>The first weight file listed (ONNX-only cases have just one).</summary>
    public string AnyModel => ModelFiles[0];

    /// <summary>
    /// What a user states when loading this case's <paramref name="file"/>: a .pt state_dict holds tensors only, so the
    /// head activation and RNN nonlinearity case.json names are passed as import options (safetensors metadata keys).
    /// Other formats carry them and get none.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> StateDictOptionsFor(string file)
        => file.EndsWith(".pt", StringComparison.Ordinal) ? Stated : Array.Empty<KeyValuePair<string, string>>();

    /// <summary>The head activation and nonlinearity as case.json states them (absent ones left out).</summary>
    private IReadOnlyList<KeyValuePair<string, string>> Stated { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    /// <summary>The case in <paramref name="name"/> under <paramref name="root"/> (<see cref="DefaultRoot"/> by default).</summary>
    public static GoldenCase Load(string name, string? root = null)
    {
        string folder = Path.Combine(root ?? DefaultRoot, name);
        using FileStream stream = File.OpenRead(Path.Combine(folder, "case.json"));
        return Read(stream, name, folder);
    }

    /// <summary>A case.json from a stream; <paramref name="name"/> names it in errors.</summary>
    public static GoldenCase Read(Stream stream, string name, string? folder = null)
    {
        using JsonDocument document = JsonDocument.Parse(stream);
        JsonElement root = document.RootElement;
        JsonElement architecture = root.GetProperty("architecture");
        var golden = new GoldenCase
        {
            Name = root.TryGetProperty("name", out JsonElement n) ? n.GetString()! : name,
            Folder = folder ?? "",
            Source = root.GetProperty("source").GetString() ?? "",
            Steps = root.GetProperty("steps").GetInt32(),
            InputSize = root.GetProperty("input_size").GetInt32(),
            OutputSize = root.GetProperty("output_size").GetInt32(),
            Input = Floats(root.GetProperty("input")),
            Output = Floats(root.GetProperty("output")),
            Files = root.GetProperty("files").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()!),
            Cell = architecture.GetProperty("cell").GetString()!,
            Hidden = architecture.GetProperty("hidden_size").GetInt32(),
            Projection = Number(architecture, "proj_size") ?? 0,
            Layers = architecture.GetProperty("num_layers").GetInt32(),
            Bidirectional = Flag(architecture, "bidirectional") || Text(architecture, "direction") == "bidirectional",
            Peepholes = Flag(architecture, "peephole"),
            LinearBeforeReset = Number(architecture, "linear_before_reset") != 0,
            HeadOutputs = architecture.GetProperty("head_out").GetInt32(),
            HeadActivation = Text(architecture, "head_activation") ?? "none",
            Nonlinearity = Text(architecture, "nonlinearity") ?? "tanh",
            Stated = new[] { "head_activation", "nonlinearity" }
                .Where(key => Text(architecture, key) is not null)
                .Select(key => KeyValuePair.Create(key, Text(architecture, key)!))
                .ToArray(),
        };
        // A truncated or mismatched case.json would otherwise show up as a confusing model failure.
        if (golden.Input.Length != golden.Steps * golden.InputSize || golden.Output.Length != golden.Steps * golden.OutputSize)
        {
            throw new InvalidDataException(
                $"{name}: expected {golden.Steps} x {golden.InputSize} inputs and {golden.Steps} x {golden.OutputSize} outputs, " +
                $"found {golden.Input.Length} and {golden.Output.Length}.");
        }
        return golden;
    }

    /// <summary>Every case folder under <paramref name="root"/>, ordered by name.</summary>
    public static IReadOnlyList<string> Names(string? root = null)
    {
        string[] names = Directory.GetDirectories(root ?? DefaultRoot).Select(d => Path.GetFileName(d)!).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        if (names.Length == 0) throw new InvalidOperationException($"No golden cases under {root ?? DefaultRoot}.");
        return names;
    }

    private static float[] Floats(JsonElement array)
    {
        var values = new float[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement element in array.EnumerateArray())
        {
            values[i++] = (float)element.GetDouble();
        }
        return values;
    }

    private static string? Text(JsonElement parent, string name)
        => parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement parent, string name)
        => parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static bool Flag(JsonElement parent, string name)
        => parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.True;
}
