using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using static EdgeLstm.Generator.Tests.Pipeline.DiagnosticTests;

namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>
/// A named file the build step could not prepare reaches the generator as a marker saying why (the generator must not
/// touch the file system itself); each becomes the right diagnostic at the attribute, saying what is there and what to
/// do, and the marker's content is never read.
/// </summary>
public sealed class BuildStepMarkerTests
{
    private static string Source(string path) => $$"""
        using EdgeLstm;
        namespace Sensors;
        [RecurrentModel("{{path}}")]
        public sealed partial class MachineModel;
        """;

    [Fact]
    public void AFileOutsideTheProjectFolderIsSaidToExistOutsideIt()
    {
        var harness = new GeneratorHarness();
        InMemoryAdditionalText marker = harness.AddProblemMarker("/shared/models/machine.onnx", "outside", "");

        string message = SingleError(harness.Run(Source("../shared/models/machine.onnx")), "ELSTM001").GetMessage();

        Assert.StartsWith("Model file '../shared/models/machine.onnx' exists ('/shared/models/machine.onnx') but lies outside the project folder '/project'", message);
        Assert.Contains("<EdgeLstmWeightFile Include=\"../shared/models/machine.onnx\" />", message);
        Assert.DoesNotContain("not found", message);
        Assert.Equal(0, marker.Reads);
    }

    [Fact]
    public void AJsonFileOutsideTheProjectFolderGetsTheJsonItem()
    {
        var harness = new GeneratorHarness();
        harness.AddProblemMarker("/shared/machine.json", "outside", "");

        string message = SingleError(harness.Run(Source("../shared/machine.json")), "ELSTM001").GetMessage();

        Assert.Contains("<EdgeLstmJsonModelFile Include=\"../shared/machine.json\" />", message);
    }

    [Fact]
    public void AFolderIsSaidToBeAFolderNamingAFileInIt()
    {
        var harness = new GeneratorHarness();
        harness.AddProblemMarker("/project/models", "directory", "machine.onnx, machine.pt");

        string message = SingleError(harness.Run(Source("models")), "ELSTM001").GetMessage();

        Assert.StartsWith("Model file 'models' is a directory ('/project/models'), not a weight file", message);
        Assert.Contains("[RecurrentModel(\"models/machine.onnx\")]; it holds machine.onnx, machine.pt", message);
    }

    [Fact]
    public void AFileTheProjectLeavesOutSaysWhy()
    {
        var harness = new GeneratorHarness();
        harness.AddProblemMarker("/project/models/machine.bin", "not-listed", "its extension is not .onnx, .safetensors, .pt, .pth or .json");

        string message = SingleError(harness.Run(Source("models/machine.bin")), "ELSTM001").GetMessage();

        Assert.Contains("exists ('/project/models/machine.bin') but is not one of the project's model files: its extension is not", message);
        Assert.Contains("<EdgeLstmWeightFile Include=\"models/machine.bin\" />", message);
    }

    [Theory]
    [InlineData("", "'/project/models/machine.onnx' reports no length")]
    [InlineData("/dev/zero", "'/project/models/machine.onnx' is a symbolic link to '/dev/zero', which reports no length")]
    public void ADeviceFifoOrSocketIsRefusedAsNotARegularFile(string link, string expected)
    {
        var harness = new GeneratorHarness();
        harness.AddProblemMarker("/project/models/machine.onnx", "not-regular", link);

        string message = SingleError(harness.Run(Source("models/machine.onnx")), "ELSTM010").GetMessage();

        Assert.StartsWith("Model file 'models/machine.onnx' was not read: " + expected, message);
        Assert.Contains("device, FIFO or socket", message);
    }

    [Theory]
    [InlineData("600000000 536870912", "it holds 600,000,000 bytes, more than the 536,870,912")]
    [InlineData("more-than 536870912", "it holds more than 536,870,912 bytes")]
    public void AFileOverTheLimitSaysHowToRaiseIt(string detail, string expected)
    {
        var harness = new GeneratorHarness();
        harness.AddProblemMarker("/project/models/machine.onnx", "too-large", detail);

        string message = SingleError(harness.Run(Source("models/machine.onnx")), "ELSTM010").GetMessage();

        Assert.Contains(expected, message);
        Assert.Contains("<EdgeLstmMaxWeightFileBytes>", message);
    }

    [Fact]
    public void ANotFoundMessageSaysHowTheBuildStepFindsFiles()
    {
        var harness = new GeneratorHarness();

        string message = SingleError(harness.Run(Source("models/machine.onnx")), "ELSTM001").GetMessage();

        Assert.StartsWith("Model file 'models/machine.onnx' was not found: looked for '/project/models/machine.onnx'.", message);
        Assert.Contains("names with a string literal", message);
    }
}
