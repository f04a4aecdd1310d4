using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Cli.Tests;

/// <summary>
/// What a .pt state_dict cannot say: every command takes --head-activation and --nonlinearity, reports a value it had
/// to assume, and with the option computes what PyTorch computed (the golden outputs).
/// </summary>
public sealed class ArchitectureOptionTests
{
    private static string Pt(string caseName) => Path.Combine(GoldenCase.Load(caseName).Folder, "model.pt");

    [Fact]
    public void InspectMarksAnAssumedHeadActivationInTextAndJson()
    {
        string model = Pt("lstm_i1_h24_dense1_sigmoid");

        CliResult text = Tool.Run("inspect", model);
        CliResult json = Tool.Run("inspect", model, "--json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("activation Identity (assumed: the file does not say; --head-activation states it)", text.Out);
        Assert.StartsWith($"warning: {model} does not say the activation after the linear head, so none is assumed", text.Error);
        Assert.Contains("--head-activation (none, sigmoid, tanh, relu, softmax)", text.Error);

        Assert.True(json.ExitCode == 0, json.ToString());
        using JsonDocument document = JsonDocument.Parse(json.Out);
        JsonElement assumed = Assert.Single(document.RootElement.GetProperty("assumed").EnumerateArray());
        Assert.Equal("head_activation", assumed.GetProperty("option").GetString());
        Assert.Equal("none", assumed.GetProperty("value").GetString());
        Assert.Equal("HeadActivation", assumed.GetProperty("attributeProperty").GetString());
        JsonElement dense = document.RootElement.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("kind").GetString() == "dense");
        Assert.True(dense.GetProperty("activationAssumed").GetBoolean());
    }

    [Fact]
    public void InspectWithTheOptionShowsTheStatedValueAndNoWarning()
    {
        string model = Pt("lstm_i1_h24_dense1_sigmoid");

        CliResult text = Tool.Run("inspect", model, "--head-activation", "sigmoid");
        CliResult json = Tool.Run("inspect", model, "--json", "--head-activation", "sigmoid");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("activation Sigmoid", text.Out);
        Assert.DoesNotContain("assumed", text.Out);
        Assert.Equal(string.Empty, text.Error);
        using JsonDocument document = JsonDocument.Parse(json.Out);
        Assert.Empty(document.RootElement.GetProperty("assumed").EnumerateArray());
        JsonElement dense = document.RootElement.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("kind").GetString() == "dense");
        Assert.False(dense.GetProperty("activationAssumed").GetBoolean());
        Assert.Equal("Sigmoid", dense.GetProperty("activation").GetString());
    }

    [Fact]
    public void InspectMarksAnAssumedRnnNonlinearityAndNoneStatesTheHead()
    {
        string model = Pt("rnn_tanh_i2_h8_dense2");

        CliResult assumed = Tool.Run("inspect", model);
        CliResult stated = Tool.Run("inspect", model, "--nonlinearity", "tanh", "--head-activation", "none");

        Assert.True(assumed.ExitCode == 0, assumed.ToString());
        Assert.Contains("activations Tanh (assumed: the file does not say; --nonlinearity states it)", assumed.Out);
        Assert.Contains("warning: " + model + " does not say the RNN's nonlinearity, so tanh is assumed", assumed.Error);
        Assert.Contains("warning: " + model + " does not say the activation after the linear head", assumed.Error);
        Assert.True(stated.ExitCode == 0, stated.ToString());
        Assert.DoesNotContain("assumed", stated.Out);
        Assert.Equal(string.Empty, stated.Error);
    }

    [Fact]
    public void NothingIsAssumedForFilesThatDescribeTheWholeNetwork()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i1_h24_dense1_sigmoid");
        foreach (string file in golden.ModelFiles.Where(f => !f.EndsWith(".pt")))
        {
            CliResult result = Tool.Run("inspect", file);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.DoesNotContain("assumed", result.Out);
            Assert.Equal(string.Empty, result.Error);
        }
    }

    [Fact]
    public void AnOptionOnAnOnnxFileIsBadInput()
    {
        string onnx = GoldenCase.Load("lstm_i3_h16_dense3").ModelFiles.First(f => f.EndsWith(".onnx"));

        CliResult result = Tool.Run("inspect", onnx, "--head-activation", "sigmoid");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("apply to PyTorch and safetensors files only", result.Error);
    }

    [Fact]
    public void AnUnknownValueIsBadInputListingTheChoices()
    {
        CliResult result = Tool.Run("inspect", Pt("lstm_i1_h24_dense1_sigmoid"), "--head-activation", "gelu");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sigmoid", result.Error);
    }

    [Theory]
    [InlineData("lstm_i1_h24_dense1_sigmoid", "--head-activation", "sigmoid")]
    [InlineData("rnn_relu_i3_h12", "--nonlinearity", "relu")]
    public void ValidateWithTheOptionMatchesPyTorch(string caseName, string option, string value)
    {
        GoldenCase golden = GoldenCase.Load(caseName);
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), golden.Input, golden.InputSize);
        string expected = CaseFiles.WriteCsv(temp.File("out.csv"), golden.Output, golden.OutputSize);

        CliResult result = Tool.Run("validate", Pt(caseName), "--input", input, "--expected", expected, option, value);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("PASS", result.Out);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void ConvertBakesTheStatedActivationIntoTheJson()
    {
        using var temp = new TempDirectory();
        string json = temp.File("model.json");

        CliResult convert = Tool.Run("convert", Pt("lstm_i1_h24_dense1_sigmoid"), "--to", "json", json, "--head-activation", "sigmoid");
        CliResult inspect = Tool.Run("inspect", json);

        Assert.True(convert.ExitCode == 0, convert.ToString());
        Assert.Equal(string.Empty, convert.Error);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        Assert.Contains("activation Sigmoid", inspect.Out);
    }

    [Fact]
    public void CalibrateTakesTheOptions()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), golden.Input, golden.InputSize);

        CliResult assumed = Tool.Run("calibrate", Pt("lstm_i3_h16_dense3"), "--input", input, "--out", temp.File("a.json"));
        CliResult stated = Tool.Run("calibrate", Pt("lstm_i3_h16_dense3"), "--input", input, "--out", temp.File("b.json"), "--head-activation", "none");

        Assert.True(assumed.ExitCode == 0, assumed.ToString());
        Assert.Contains("--head-activation", assumed.Error);
        Assert.True(stated.ExitCode == 0, stated.ToString());
        Assert.Equal(string.Empty, stated.Error);
    }

    [Fact]
    public void NewWritesTheStatedValuesIntoTheAttribute()
    {
        using var temp = new TempDirectory();
        string dir = temp.File("pump");

        CliResult result = Tool.Run("new", dir, "--model", Pt("rnn_tanh_i2_h8_dense2"), "--package-source", temp.Path,
            "--head-activation", "sigmoid", "--nonlinearity", "relu");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        string modelClass = File.ReadAllText(Path.Combine(dir, "PumpModel.cs"));
        Assert.Contains("[RecurrentModel(\"models/model.pt\", HeadActivation = \"sigmoid\", Nonlinearity = \"relu\")]", modelClass);
        Assert.DoesNotContain("assumes", modelClass);
    }

    [Fact]
    public void NewSaysInTheModelClassWhatWasAssumed()
    {
        using var temp = new TempDirectory();
        string dir = temp.File("pump");

        CliResult result = Tool.Run("new", dir, "--model", Pt("lstm_i1_h24_dense1_sigmoid"), "--package-source", temp.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("--head-activation", result.Error);
        string modelClass = File.ReadAllText(Path.Combine(dir, "PumpModel.cs"));
        Assert.Contains("[RecurrentModel(\"models/model.pt\")]", modelClass);
        Assert.Contains("// model.pt does not say the activation after the linear head; EdgeLstm assumes none.", modelClass);
        Assert.Contains("HeadActivation = \"...\"", modelClass);
    }
}
