using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Model;
using EdgeLstm.Training.Data;
using EdgeLstm.Training.Network;
using EdgeLstm.Training.Tests.Support;

namespace EdgeLstm.Training.Tests.Gradients;

/// <summary>
/// One case of Fixtures/gradients.json: a network, a batch, and the loss and gradients PyTorch computed for them in
/// float64 (make_fixtures.py).
/// </summary>
internal sealed class GradientFixture
{
    private static readonly Dictionary<string, GradientFixture> Cases = Load();

    private GradientFixture(JsonElement json)
    {
        Name = json.GetProperty("name").GetString()!;
        string cell = json.GetProperty("cell").GetString()!;
        Shape = new NetworkShape(
            cell switch { "LSTM" => CellKind.Lstm, "GRU" => CellKind.Gru, _ => CellKind.Rnn },
            json.GetProperty("input_size").GetInt32(),
            json.GetProperty("hidden_size").GetInt32(),
            json.GetProperty("num_layers").GetInt32(),
            json.GetProperty("output_size").GetInt32(),
            json.GetProperty("nonlinearity").GetString() == "relu" ? ActivationKind.Relu : ActivationKind.Tanh);
        Steps = json.GetProperty("steps").GetInt32();
        Batch = json.GetProperty("batch").GetInt32();
        Input = Doubles(json.GetProperty("input"));
        Target = Doubles(json.GetProperty("target"));
        Loss = json.GetProperty("loss").GetDouble();
        Parameters = json.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => Doubles(p.Value.GetProperty("values")));
        Gradients = json.GetProperty("gradients").EnumerateObject().ToDictionary(p => p.Name, p => Doubles(p.Value));
    }

    public static IEnumerable<object[]> Names() => Cases.Keys.Select(name => new object[] { name });

    public static GradientFixture Get(string name) => Cases[name];

    public string Name { get; }

    public NetworkShape Shape { get; }

    public int Steps { get; }

    public int Batch { get; }

    public double[] Input { get; }

    public double[] Target { get; }

    public double Loss { get; }

    public IReadOnlyDictionary<string, double[]> Parameters { get; }

    public IReadOnlyDictionary<string, double[]> Gradients { get; }

    /// <summary>The trainer's network with PyTorch's parameter values, matched by state_dict name.</summary>
    public RecurrentNetwork CreateNetwork()
    {
        ParameterSet parameters = ParameterSet.Create(Shape);
        foreach (Parameter parameter in parameters.All)
        {
            double[] values = Parameters[parameter.Name];
            Xunit.Assert.Equal(parameter.Length, values.Length);
            values.CopyTo(parameter.Values, 0);
        }
        Xunit.Assert.Equal(Parameters.Count, parameters.All.Count);
        return new RecurrentNetwork(Shape, parameters);
    }

    public TrainingBatch CreateBatch()
    {
        var batch = new TrainingBatch(Steps, Batch, Shape.Inputs, Shape.Outputs) { Size = Batch };
        Input.CopyTo(batch.Inputs, 0);
        Target.CopyTo(batch.Targets, 0);
        return batch;
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static Dictionary<string, GradientFixture> Load()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(TestFiles.Fixture("gradients.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => new GradientFixture(c.Clone()))
            .ToDictionary(c => c.Name);
    }
}
