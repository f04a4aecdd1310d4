using System.IO;
using System.Linq;
using System.Text.Json;

namespace EdgeLstm.Training.Tests.Support;

/// <summary>A golden case from tests/cases: a PyTorch model's weight files with inputs and PyTorch's outputs.</summary>
internal sealed record GoldenCase(string Name, int Steps, int InputSize, int OutputSize, double[] Input, double[] Output)
{
    public string SafeTensors => TestFiles.Path("cases", Name, "model.safetensors");

    public string Onnx => TestFiles.Path("cases", Name, "model.onnx");

    public static GoldenCase Load(string name)
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(TestFiles.Path("cases", name, "case.json")));
        JsonElement root = json.RootElement;
        return new GoldenCase(name,
            root.GetProperty("steps").GetInt32(),
            root.GetProperty("input_size").GetInt32(),
            root.GetProperty("output_size").GetInt32(),
            root.GetProperty("input").EnumerateArray().Select(e => e.GetDouble()).ToArray(),
            root.GetProperty("output").EnumerateArray().Select(e => e.GetDouble()).ToArray());
    }
}
