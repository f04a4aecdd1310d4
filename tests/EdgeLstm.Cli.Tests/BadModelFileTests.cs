using System.IO;
using System.Linq;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Cli.Tests;

/// <summary>A bad model file is bad input: the importer's message on stderr, exit 2, never a stack trace.</summary>
public sealed class BadModelFileTests
{
    public static TheoryData<string, byte[]> BadFiles()
    {
        byte[] onnx = File.ReadAllBytes(GoldenCase.Load("lstm_i3_h16_dense3").ModelFiles.First(f => f.EndsWith(".onnx")));
        byte[] pt = File.ReadAllBytes(GoldenCase.Load("lstm_i3_h16_dense3").ModelFiles.First(f => f.EndsWith(".pt")));
        return new TheoryData<string, byte[]>
        {
            { "garbage.onnx", new byte[] { 0xDE, 0xAD, 0xBE, 0xEF } },
            { "empty.onnx", new byte[0] },
            { "truncated.onnx", onnx.Take(onnx.Length / 2).ToArray() },
            { "truncated.pt", pt.Take(pt.Length / 3).ToArray() },
            { "broken.json", "{\"format\": \"edgelstm\", \"layers\": ["u8.ToArray() },
        };
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void EveryCommandReportsTheFileWithoutAStackTrace(string name, byte[] content)
    {
        using var temp = new TempDirectory();
        string model = temp.File(name);
        File.WriteAllBytes(model, content);
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), new double[] { 1, 2, 3 }, 3);

        string[][] commands =
        {
            new[] { "inspect", model },
            new[] { "inspect", model, "--json" },
            new[] { "validate", model, "--input", input },
            new[] { "convert", model, "--to", "json", temp.File("out.json") },
            new[] { "new", temp.File("proj"), "--model", model },
            new[] { "calibrate", model, "--input", input, "--out", temp.File("cal.json") },
        };
        foreach (string[] args in commands)
        {
            CliResult result = Tool.Run(args);

            Assert.True(result.ExitCode == 2, $"{string.Join(" ", args)}\n{result}");
            Assert.StartsWith($"error: {model}", result.Error);
            Assert.DoesNotContain("   at ", result.Error);
            Assert.DoesNotContain("Exception", result.Error);
        }
        Assert.False(File.Exists(temp.File("out.json")));
        Assert.False(Directory.Exists(temp.File("proj")));
    }

    [Fact]
    public void AMissingModelIsBadInputNamingIt()
    {
        CliResult result = Tool.Run("inspect", "no/such/model.onnx");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no/such/model.onnx", result.Error);
        Assert.Contains("not found", result.Error);
    }

    [Fact]
    public void AFolderGivenAsTheModelIsNamedAsOneWithTheFilesInIt()
    {
        string folder = GoldenCase.Load("lstm_i3_h16_dense3").Folder;

        CliResult result = Tool.Run("inspect", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {folder}: is a directory, not a weight file; name the weight file itself, e.g. {Path.Combine(folder, "model.onnx")}", result.Error);
        Assert.Contains("model.pt", result.Error);
        Assert.DoesNotContain("not found", result.Error);
    }
}
