using System.IO;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Import;
using EdgeLstm.Model;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Cli.Tests;

public sealed class ConvertTests
{
    [Theory]
    [MemberData(nameof(CaseFiles.ModelFilesOfAllCases), MemberType = typeof(CaseFiles))]
    public void JsonRoundTripKeepsEveryWeightBit(string caseName, string file)
    {
        GoldenCase golden = GoldenCase.Load(caseName);
        string source = golden.PathOf(file);
        using var temp = new TempDirectory();
        string converted = temp.File("model.json");

        CliResult result = Tool.Run("convert", source, "--to", "json", converted);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(converted, result.Out);
        NetworkModel original = ModelImporter.Load(source);
        NetworkModel roundTripped = ModelImporter.Load(converted);
        // Layers and normalisation compare by content, float bits included (EquatableArray); metadata records the
        // file and format the model was read from, which differ by design.
        Assert.Equal(original.Layers, roundTripped.Layers);
        Assert.Equal(original.Normalization, roundTripped.Normalization);
        Assert.Equal(original.Metadata.Format, roundTripped.Metadata.Format);
        Assert.Contains("Format         edgelstm-json (converted from ", Tool.Run("inspect", converted).Out);
    }

    [Fact]
    public void ConvertedModelValidatesAgainstTheGoldenOutputs()
    {
        GoldenCase golden = GoldenCase.Load("gru_i4_h32_l2_dense1");
        using var temp = new TempDirectory();
        string converted = temp.File("model.json");
        Assert.Equal(0, Tool.Run("convert", golden.AnyModel, "--to", "json", converted).ExitCode);
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), golden.Input, golden.InputSize);
        string expected = CaseFiles.WriteCsv(temp.File("out.csv"), golden.Output, golden.OutputSize);

        CliResult result = Tool.Run("validate", converted, "--input", input, "--expected", expected);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void AnUnwritableOutputIsBadInput()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");
        using var temp = new TempDirectory();
        string output = Path.Combine(temp.Path, "no-such-folder", "model.json");

        CliResult result = Tool.Run("convert", golden.AnyModel, "--to", "json", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-folder", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }
}
