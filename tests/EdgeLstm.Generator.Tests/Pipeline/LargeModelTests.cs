using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Xunit;
using Xunit.Abstractions;

namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>
/// A model of about a million parameters generates and compiles without diagnostics. The time it takes is printed,
/// not asserted (tests check correctness, never wall-clock time): README records it, measured with
/// <c>dotnet test tests/EdgeLstm.Generator.Tests --filter LargeModel --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class LargeModelTests(ITestOutputHelper output)
{
    private const int Input = 64;
    private const int Hidden = 480;

    [Fact]
    public void MillionParameterModelGeneratesAndCompiles()
    {
        string json = LstmJson(Input, Hidden);
        var harness = new GeneratorHarness();
        harness.AddJsonModel("models/large.json", json);
        const string source = """
            using EdgeLstm;
            namespace Sensors;
            [RecurrentModel("models/large.json")]
            public sealed partial class LargeModel;
            """;

        var stopwatch = Stopwatch.StartNew();
        GeneratorRun run = harness.Run(source);
        TimeSpan generate = stopwatch.Elapsed;
        using var assembly = new MemoryStream();
        EmitResult emit = run.Output.Emit(assembly);
        TimeSpan total = stopwatch.Elapsed;

        output.WriteLine($"{4 * Hidden * (Input + Hidden) + 8 * Hidden:N0} parameters, JSON {json.Length / 1e6:F1} MB: " +
                         $"generate {generate.TotalSeconds:F1} s, generate + compile {total.TotalSeconds:F1} s, assembly {assembly.Length / 1e6:F1} MB");
        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Result.GeneratedSources);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
    }

    /// <summary>A forward LSTM in EdgeLstm JSON (docs/json-format.md), flat row-major arrays, fixed pseudo-random weights.</summary>
    private static string LstmJson(int input, int hidden)
    {
        int rows = 4 * hidden;
        var text = new StringBuilder(capacity: 16_000_000);
        text.Append("{\"format\": \"edgelstm\", \"version\": 1, \"layers\": [{\"type\": \"recurrent\", \"cell\": \"lstm\", ")
            .Append("\"input_size\": ").Append(input).Append(", \"hidden_size\": ").Append(hidden)
            .Append(", \"direction\": \"forward\", \"directions\": [{");
        int seed = 0;
        Array("input_weights", rows * input);
        text.Append(", ");
        Array("recurrent_weights", rows * hidden);
        text.Append(", ");
        Array("input_bias", rows);
        text.Append(", ");
        Array("recurrent_bias", rows);
        text.Append(", \"activations\": [\"sigmoid\", \"tanh\", \"tanh\"]}]}]}\n");
        return text.ToString();

        void Array(string name, int count)
        {
            text.Append('"').Append(name).Append("\": [");
            for (int i = 0; i < count; i++)
            {
                if (i > 0) text.Append(',');
                // Small weights (|w| < 0.1) keep the recurrence well conditioned, as trained models are.
                float w = (float)(0.1 * Math.Sin(0.7310 * seed++ + 0.3));
                text.Append(w.ToString("R", CultureInfo.InvariantCulture));
            }
            text.Append(']');
        }
    }
}
