using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace EdgeLstm.Cli.Tests.Infrastructure;

/// <summary>
/// A golden case from tests/cases: weight files plus inputs and the outputs PyTorch or ONNX Runtime computed for them
/// (never outputs of the code under test).
/// </summary>
public sealed class GoldenCase
{
    private GoldenCase(string name, string folder, JsonElement root)
    {
        Name = name;
        Folder = folder;
        Steps = root.GetProperty("steps").GetInt32();
        InputSize = root.GetProperty("input_size").GetInt32();
        OutputSize = root.GetProperty("output_size").GetInt32();
        Input = root.GetProperty("input").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Output = root.GetProperty("output").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        JsonElement architecture = root.GetProperty("architecture");
        Cell = architecture.GetProperty("cell").GetString()!;
        Hidden = architecture.GetProperty("hidden_size").GetInt32();
        Projection = architecture.TryGetProperty("proj_size", out JsonElement proj) ? proj.GetInt32() : 0;
        Layers = architecture.GetProperty("num_layers").GetInt32();
        HeadOutputs = architecture.GetProperty("head_out").GetInt32();
        Bidirectional = (architecture.TryGetProperty("bidirectional", out JsonElement b) && b.GetBoolean())
            || (architecture.TryGetProperty("direction", out JsonElement d) && d.GetString() == "bidirectional");
        Peepholes = architecture.TryGetProperty("peephole", out JsonElement p) && p.GetBoolean();
        // PyTorch's GRU is linear_before_reset = 1; the ONNX cases say which.
        LinearBeforeReset = !(architecture.TryGetProperty("linear_before_reset", out JsonElement lbr) && lbr.ValueKind == JsonValueKind.Number && lbr.GetInt32() == 0);
        HeadActivation = architecture.GetProperty("head_activation").GetString()!;
        Nonlinearity = architecture.TryGetProperty("nonlinearity", out JsonElement n) ? n.GetString()! : "tanh";
        ModelFiles = root.GetProperty("files").EnumerateObject().Select(f => Path.Combine(folder, f.Value.GetString()!)).ToArray();
    }

    public static string CasesFolder => Path.Combine(System.AppContext.BaseDirectory, "cases");

    public string Name { get; }

    public string Folder { get; }

    public int Steps { get; }

    public int InputSize { get; }

    public int OutputSize { get; }

    public double[] Input { get; }

    public double[] Output { get; }

    public string Cell { get; }

    public int Hidden { get; }

    public int Layers { get; }

    /// <summary>nn.LSTM's proj_size: h has this many values; 0 for none.</summary>
    public int Projection { get; }

    /// <summary>Values of h per direction: the projection size, or the hidden size.</summary>
    public int OutputsPerDirection => Projection > 0 ? Projection : Hidden;

    public int HeadOutputs { get; }

    public bool Bidirectional { get; }

    public bool Peepholes { get; }

    public bool LinearBeforeReset { get; }

    public string HeadActivation { get; }

    public string Nonlinearity { get; }

    public IReadOnlyList<string> ModelFiles { get; }

    /// <summary>
    /// False when the computation depends on something a bare .pt state_dict cannot carry (a head activation, a relu
    /// RNN): the importer then assumes none and tanh, as documented, and the outputs differ.
    /// </summary>
    public bool StateDictSuffices => HeadActivation == "none" && Nonlinearity == "tanh";

    /// <summary>The first weight file listed (ONNX-only cases have just one).</summary>
    public string AnyModel => ModelFiles[0];

    public int Directions => Bidirectional ? 2 : 1;

    public int Gates => Cell switch { "LSTM" => 4, "GRU" => 3, _ => 1 };

    public static GoldenCase Load(string name)
    {
        string folder = Path.Combine(CasesFolder, name);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "case.json")));
        return new GoldenCase(name, folder, document.RootElement.Clone());
    }

    public static IEnumerable<object[]> Names()
        => Directory.GetDirectories(CasesFolder).Select(Path.GetFileName).OrderBy(n => n).Select(n => new object[] { n! });

    /// <summary>Every (case, weight file) pair, for tests that must hold for every format.</summary>
    public static IEnumerable<object[]> ModelFilesOfAllCases()
        => Names().SelectMany(n => Load((string)n[0]).ModelFiles.Select(f => new object[] { (string)n[0], Path.GetFileName(f) }));

    /// <summary>Every (case, weight file) pair whose file alone describes the whole computation.</summary>
    public static IEnumerable<object[]> SelfDescribingModelFiles()
        => ModelFilesOfAllCases().Where(pair => !((string)pair[1]).EndsWith(".pt") || Load((string)pair[0]).StateDictSuffices);

    public static string WriteCsv(string path, double[] values, int columns, string? header = null)
    {
        var text = new StringBuilder();
        if (header is not null) text.AppendLine(header);
        for (int r = 0; r < values.Length / columns; r++)
        {
            text.AppendLine(string.Join(",", Enumerable.Range(0, columns).Select(c => values[r * columns + c].ToString("R", CultureInfo.InvariantCulture))));
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
