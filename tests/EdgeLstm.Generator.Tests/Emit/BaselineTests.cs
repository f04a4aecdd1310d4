using System;
using System.IO;
using EdgeLstm.Generator.Emit;
using EdgeLstm.Generator.Tests.Pipeline;
using EdgeLstm.Model;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Generator.Tests.Emit;

/// <summary>
/// The generated source of four small models, text for text, against the files checked in under
/// tests/EdgeLstm.Generator.Tests/Baselines: any change to what users get in their build shows up in review as a diff of
/// those files. After an intended change, refresh them and read the diff:
/// <code>EDGELSTM_UPDATE_BASELINES=1 dotnet test tests/EdgeLstm.Generator.Tests --filter Category=Baseline</code>
/// </summary>
[Trait("Category", "Baseline")]
public sealed class BaselineTests
{
    private const string UpdateVariable = "EDGELSTM_UPDATE_BASELINES";

    [Theory]
    [InlineData("LstmBaseline")]
    [InlineData("GruResetFirstBaseline")]
    [InlineData("BidirectionalBaseline")]
    [InlineData("RnnChunkedRunBaseline")]
    [InlineData("LstmWideBaseline")]
    public void GeneratedSourceMatchesItsBaseline(string className)
    {
        ModelClassSpec spec = TestSpecs.For(className, Models(className), selfTestSteps: 4, ns: "Baselines");
        string actual = ModelEmitter.Emit(spec);
        EmittedAssembly.Compile(new[] { actual }); // a baseline is code users get: it must compile

        string path = Path.Combine(RepositoryFiles.Root, "tests", "EdgeLstm.Generator.Tests", "Baselines", $"{className}.g.cs");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
        }
        Assert.True(File.Exists(path), $"{path} does not exist; run with {UpdateVariable}=1 to write it.");
        string expected = File.ReadAllText(path);
        if (expected != actual)
        {
            Assert.Fail($"The generated source differs from {path} at {FirstDifference(expected, actual)}. If the change is " +
                        $"intended, run the tests with {UpdateVariable}=1 and review the diff of the baseline.");
        }
    }

    /// <summary>
    /// Five small models with fixed random weights: an LSTM with a head; a GRU with linear_before_reset = 0 (its second
    /// phase) and 6 units (padding); a bidirectional LSTM of 5 units followed by a dense layer that reads both padded halves;
    /// the smallest RNN whose Run projects chunks of inputs (the first three loop over Step: RunEmitter.ProjectsChunks);
    /// an LSTM of 44 units with 512-bit kernels (WideKernelEmitter.Applies), whose units make two chunks of 16 (one group),
    /// a chunk of 8 and, from the one-block last pass of the shared packing, a chunk of 4 (WideLayout).
    /// </summary>
    private static NetworkModel Models(string name)
    {
        var r = new RandomModels(1111);
        return name switch
        {
            "LstmBaseline" => RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 3, 4), r.Dense(4, 2, ActivationFunction.Identity)),
            "GruResetFirstBaseline" => RandomModels.Network(null, r.Recurrent(CellKind.Gru, 2, 6, linearBeforeReset: false)),
            "BidirectionalBaseline" => Plan.BakedSizeTests.BidirectionalH5ThenDense(),
            "RnnChunkedRunBaseline" => RandomModels.Network(null, r.Recurrent(CellKind.Rnn, 2, RunEmitter.StepLoopMaxHidden + 1)),
            "LstmWideBaseline" => RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 3, 44)),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] a = expected.Split('\n'), b = actual.Split('\n');
        for (int line = 0; line < Math.Min(a.Length, b.Length); line++)
        {
            if (a[line] != b[line])
            {
                return $"line {line + 1}:\n  expected: {Shorten(a[line])}\n  actual:   {Shorten(b[line])}";
            }
        }
        return $"the end: {a.Length} lines expected, {b.Length} generated";
    }

    private static string Shorten(string line) => line.Length <= 200 ? line : line.Substring(0, 200) + "...";
}
