using System;
using System.Linq;
using EdgeLstm.Testing;
using Xunit;
using Xunit.Abstractions;

namespace EdgeLstm.Tests.Reference;

/// <summary>
/// Every shared golden case in every weight format it ships in, loaded through the importers and run by
/// <see cref="ReferenceModel"/>: the outputs must match PyTorch / ONNX Runtime within 1e-5.
/// </summary>
public sealed class GoldenCaseTests
{
    private readonly ITestOutputHelper _output;

    public GoldenCaseTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string> CasesAndFormats()
    {
        var data = new TheoryData<string, string>();
        foreach ((string name, string file) in GoldenFiles.WeightFiles())
        {
            data.Add(name, file);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndFormats))]
    public void Run_MatchesGolden(string name, string file)
    {
        GoldenCase golden = GoldenCase.Load(name);
        ReferenceModel model = GoldenFiles.LoadModel(name, file);
        Assert.Equal(golden.InputSize, model.InputSize);
        Assert.Equal(golden.OutputSize, model.OutputSize);
        float[] actual = new float[golden.Output.Length];

        model.Run(golden.Input, actual);

        double error = Tolerance.AssertClose(golden.Output, actual, Tolerance.Golden, $"{name}/{file} via Run", golden.OutputSize);
        _output.WriteLine($"{name}/{file}: max error {error:E3} against {golden.Source}");
    }

    [Theory]
    [MemberData(nameof(CasesAndFormats))]
    public void Step_RowByRow_MatchesGolden_OrIsRefusedForWholeWindowModels(string name, string file)
    {
        GoldenCase golden = GoldenCase.Load(name);
        ReferenceModel model = GoldenFiles.LoadModel(name, file);
        float[] output = new float[golden.OutputSize];

        if (!model.IsStreaming)
        {
            var e = Assert.Throws<InvalidOperationException>(() => model.Step(golden.Input.AsSpan(0, golden.InputSize), output));
            Assert.Contains("whole window", e.Message, StringComparison.Ordinal);
            return;
        }

        float[] actual = new float[golden.Output.Length];
        for (int t = 0; t < golden.Steps; t++)
        {
            model.Step(golden.Input.AsSpan(t * golden.InputSize, golden.InputSize), output);
            output.CopyTo(actual, t * golden.OutputSize);
        }
        Tolerance.AssertClose(golden.Output, actual, Tolerance.Golden, $"{name}/{file} via Step", golden.OutputSize);
    }

    [Theory]
    [MemberData(nameof(CasesAndFormats))]
    public void Run_InTwoCalls_ContinuesStreamingState_OrRestartsAWholeWindow(string name, string file)
    {
        GoldenCase golden = GoldenCase.Load(name);
        ReferenceModel model = GoldenFiles.LoadModel(name, file);
        float[] actual = new float[golden.Output.Length];

        if (model.IsStreaming)
        {
            // Two halves == the whole: the second call picks up the state the first one left.
            int first = golden.Steps / 2;
            model.Run(golden.Input.AsSpan(0, first * golden.InputSize), actual.AsSpan(0, first * golden.OutputSize));
            model.Run(golden.Input.AsSpan(first * golden.InputSize), actual.AsSpan(first * golden.OutputSize));
        }
        else
        {
            // A whole-window model forgets the previous window: running it twice gives the golden output both times.
            model.Run(golden.Input.AsSpan(0, golden.InputSize * (golden.Steps / 2)), new float[golden.OutputSize * (golden.Steps / 2)]);
            model.Run(golden.Input, actual);
        }

        Tolerance.AssertClose(golden.Output, actual, Tolerance.Golden, $"{name}/{file} in two calls", golden.OutputSize);
    }

    [Fact]
    public void EveryCaseShipsAtLeastOneWeightFile()
    {
        string[] withFiles = GoldenFiles.WeightFiles().Select(p => p.Case).Distinct().ToArray();

        Assert.Equal(GoldenCase.Names(), withFiles);
    }
}
