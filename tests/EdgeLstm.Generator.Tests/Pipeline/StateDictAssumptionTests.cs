using System.IO;
using System.Linq;
using EdgeLstm.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>
/// ELSTM009: a .pt state_dict cannot say the activation after its linear head or an RNN's nonlinearity. The generator
/// still bakes the model (with PyTorch's defaults), warns at the attribute saying what it assumed and how to state it,
/// and stating it silences the warning.
/// </summary>
public sealed class StateDictAssumptionTests
{
    private static byte[] CasePt(string caseName) => File.ReadAllBytes(RepositoryFiles.CaseFile(caseName, "model.pt"));

    private static string Source(string arguments) => $$"""
        using EdgeLstm;
        namespace Sensors;
        [RecurrentModel("models/model.pt"{{arguments}})]
        public sealed partial class PumpModel;
        """;

    [Fact]
    public void AHeadWithoutHeadActivationIsAWarningAtTheAttributeAndTheModelIsStillBaked()
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile("models/model.pt", CasePt("lstm_i1_h24_dense1_sigmoid"));

        GeneratorRun run = harness.Run(Source(""));

        Diagnostic warning = Assert.Single(run.Diagnostics);
        Assert.Equal("ELSTM009", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        string message = warning.GetMessage();
        Assert.StartsWith("Model file 'models/model.pt' does not say the activation after the linear head, so EdgeLstm assumed none", message);
        Assert.Contains("[RecurrentModel(\"models/model.pt\", HeadActivation = \"none\")]", message);
        Assert.Contains("none, sigmoid, tanh, relu, softmax", message);
        SyntaxTree tree = run.Input.SyntaxTrees.Single();
        Assert.StartsWith("RecurrentModel(", tree.GetText().ToString(warning.Location.SourceSpan));
        Assert.Single(run.Result.GeneratedSources);
        Assert.Empty(run.CompilationErrors);
    }

    [Theory]
    [InlineData(", HeadActivation = \"none\"")]
    [InlineData(", HeadActivation = \"sigmoid\"")]
    public void StatingTheHeadActivationSilencesTheWarning(string arguments)
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile("models/model.pt", CasePt("lstm_i1_h24_dense1_sigmoid"));

        GeneratorRun run = harness.Run(Source(arguments));

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Result.GeneratedSources);
    }

    [Fact]
    public void AnRnnWithoutNonlinearityIsAWarningToo()
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile("models/model.pt", CasePt("rnn_tanh_i2_h8_dense2"));

        GeneratorRun assumed = harness.Run(Source(""));
        GeneratorRun stated = harness.Run(Source(", HeadActivation = \"none\", Nonlinearity = \"tanh\""));

        Assert.Equal(new[] { "ELSTM009", "ELSTM009" }, assumed.Diagnostics.Select(d => d.Id));
        Assert.Contains(assumed.Diagnostics, d => d.GetMessage().Contains("does not say the RNN's nonlinearity, so EdgeLstm assumed tanh")
                                                 && d.GetMessage().Contains("Nonlinearity = \"tanh\""));
        Assert.Empty(stated.Diagnostics);
    }

    [Theory]
    [InlineData("model.onnx")]
    [InlineData("model.safetensors")] // its __metadata__ says head_activation
    public void FilesThatSayItThemselvesGetNoWarning(string file)
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile("models/" + file, File.ReadAllBytes(RepositoryFiles.CaseFile("lstm_i3_h16_dense3", file)));

        GeneratorRun run = harness.Run(Source("").Replace("models/model.pt", "models/" + file));

        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void AWarningDoesNotFailABuildUnlessWarningsAreErrors()
    {
        var harness = new GeneratorHarness();
        harness.AddWeightFile("models/model.pt", CasePt("lstm_i3_h16_dense3"));

        GeneratorRun run = harness.Run(Source("") + "\nstatic class Use { public static int Size => Sensors.PumpModel.OutputSize; }");

        Assert.Equal("ELSTM009", Assert.Single(run.Diagnostics).Id);
        Assert.Empty(run.CompilationErrors);
    }
}
