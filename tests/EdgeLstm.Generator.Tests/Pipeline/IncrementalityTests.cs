using System.Collections.Generic;
using System.IO;
using System.Linq;
using EdgeLstm.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>
/// The pipeline's caching, seen through the driver's step tracking: an edit that changes nothing the generator
/// depends on must not re-import a model or re-emit a class; a changed weight file must.
/// </summary>
public sealed class IncrementalityTests
{
    private const string ModelPath = "models/machine.onnx";

    private const string MachineModel = """
        using EdgeLstm;

        namespace Sensors;

        [RecurrentModel("models/machine.onnx")]
        public sealed partial class MachineModel;
        """;

    private const string OtherCode = "namespace Sensors; public static class Helpers { public static int Twice(int x) => 2 * x; }";

    private static byte[] Case(string name) => File.ReadAllBytes(RepositoryFiles.CaseFile(name, "model.onnx"));

    [Fact]
    public void EveryStepIsTracked()
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile(ModelPath, Case("lstm_i3_h16_dense3"));

        GeneratorRun run = harness.Run(MachineModel);

        Assert.All(StepNames.All, name => Assert.True(run.Result.TrackedSteps.ContainsKey(name), $"step '{name}' is not tracked"));
    }

    [Fact]
    public void UnrelatedEditLeavesEverythingCached()
    {
        var harness = new GeneratorHarness();
        InMemoryAdditionalText weights = harness.AddWeightFile(ModelPath, Case("lstm_i3_h16_dense3"));
        GeneratorRun first = harness.Run(MachineModel, OtherCode);

        SyntaxTree other = first.Input.SyntaxTrees.Single(t => t.ToString().Contains("Helpers"));
        GeneratorRun second = first.Next(first.Input.ReplaceSyntaxTree(other,
            other.WithChangedText(other.GetText().Replace(0, 0, "// an edit elsewhere\n"))));

        AssertReasons(second, StepNames.Targets, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertReasons(second, StepNames.ModelFileContents, IncrementalStepRunReason.Cached);
        AssertReasons(second, StepNames.BakedModels, IncrementalStepRunReason.Cached);
        AssertReasons(second, StepNames.Results, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputReasons(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal(1, weights.Reads);
    }

    [Fact]
    public void EditingTheModelClassDoesNotImportTheModelAgain()
    {
        var harness = new GeneratorHarness();
        InMemoryAdditionalText weights = harness.AddWeightFile(ModelPath, Case("lstm_i3_h16_dense3"));
        GeneratorRun first = harness.Run(MachineModel);

        // Moving the attribute changes the class's location (so its diagnostics' locations), not its model.
        SyntaxTree tree = first.Input.SyntaxTrees.Single();
        GeneratorRun second = first.Next(first.Input.ReplaceSyntaxTree(tree,
            tree.WithChangedText(tree.GetText().Replace(0, 0, "// a comment that moves the class down\n"))));

        AssertReasons(second, StepNames.Targets, IncrementalStepRunReason.Modified);
        AssertReasons(second, StepNames.RequestedModels, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, StepNames.ModelFileContents, IncrementalStepRunReason.Cached);
        AssertReasons(second, StepNames.BakedModels, IncrementalStepRunReason.Cached);
        Assert.Equal(1, weights.Reads);
    }

    [Fact]
    public void ChangedWeightFileRegeneratesTheClass()
    {
        var harness = new GeneratorHarness();
        InMemoryAdditionalText weights = harness.AddWeightFile(ModelPath, Case("lstm_i3_h16_dense3"));
        GeneratorRun first = harness.Run(MachineModel);
        string before = Assert.Single(first.Result.GeneratedSources).SourceText.ToString();

        InMemoryAdditionalText changed = GeneratorHarness.EncodedWeightFile(ModelPath, Case("gru_i4_h32_l2_dense1"));
        GeneratorRun second = first.Next(driver => driver.ReplaceAdditionalText(weights, changed));

        AssertReasons(second, StepNames.Targets, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, StepNames.ModelFileContents, IncrementalStepRunReason.Modified);
        AssertReasons(second, StepNames.BakedModels, IncrementalStepRunReason.Modified);
        AssertReasons(second, StepNames.Results, IncrementalStepRunReason.Modified);
        AssertOutputReasons(second, IncrementalStepRunReason.Modified);
        string after = Assert.Single(second.Result.GeneratedSources).SourceText.ToString();
        Assert.NotEqual(before, after);
        Assert.Empty(second.Diagnostics);
    }

    [Fact]
    public void RaisingTheParameterLimitRechecksTheModel()
    {
        var harness = new GeneratorHarness().WithProperty("EdgeLstmMaxParameters", "1000");
        harness.AddWeightFile(ModelPath, Case("lstm_i3_h16_dense3"));
        GeneratorRun first = harness.Run(MachineModel);
        Assert.Equal("ELSTM006", Assert.Single(first.Diagnostics).Id);

        TestOptionsProvider raised = harness.WithProperty("EdgeLstmMaxParameters", "100000").Options();
        GeneratorRun second = first.Next(driver => driver.WithUpdatedAnalyzerConfigOptions(raised));

        AssertReasons(second, StepNames.Options, IncrementalStepRunReason.Modified);
        Assert.Empty(second.Diagnostics);
        Assert.Single(second.Result.GeneratedSources);
    }

    private static void AssertReasons(GeneratorRun run, string step, params IncrementalStepRunReason[] allowed)
    {
        IEnumerable<IncrementalStepRunReason> reasons = run.Result.TrackedSteps[step]
            .SelectMany(s => s.Outputs)
            .Select(o => o.Reason);
        Assert.All(reasons, reason => Assert.True(allowed.Contains(reason), $"step '{step}': {reason}, expected {string.Join(" or ", allowed)}"));
        Assert.NotEmpty(run.Result.TrackedSteps[step]);
    }

    private static void AssertOutputReasons(GeneratorRun run, params IncrementalStepRunReason[] allowed)
    {
        IncrementalStepRunReason[] reasons = run.Result.TrackedOutputSteps
            .SelectMany(pair => pair.Value)
            .SelectMany(s => s.Outputs)
            .Select(o => o.Reason)
            .ToArray();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.True(allowed.Contains(reason), $"output: {reason}, expected {string.Join(" or ", allowed)}"));
    }
}
