using EdgeLstm.Cli.Tests.Infrastructure;
using Xunit;

namespace EdgeLstm.Cli.Tests;

/// <summary>Bad options are bad input: exit 2 (not System.CommandLine's default 1, which means "validation failed").</summary>
public sealed class CommandLineErrorTests
{
    [Theory]
    [InlineData(new string[0], "Required command")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    [InlineData(new[] { "inspect" }, "Required argument missing")]
    [InlineData(new[] { "inspect", "m.onnx", "--colour" }, "--colour")]
    [InlineData(new[] { "validate", "m.onnx" }, "--input")]
    [InlineData(new[] { "validate", "m.onnx", "--input", "i.csv", "--tolerance", "abc" }, "abc")]
    [InlineData(new[] { "validate", "m.onnx", "--input", "i.csv", "--tolerance", "-1" }, "--tolerance")]
    [InlineData(new[] { "validate", "m.onnx", "--input", "i.csv", "--expected", "a.csv", "--device-log", "b.csv" }, "cannot be used together")]
    [InlineData(new[] { "convert", "m.onnx", "out.json" }, "--to")]
    [InlineData(new[] { "convert", "m.onnx", "--to", "xml", "out.xml" }, "xml")]
    [InlineData(new[] { "new", "dir" }, "--model")]
    [InlineData(new[] { "new", "dir", "--model", "m.onnx", "--name", "9lives" }, "not a C# identifier")]
    [InlineData(new[] { "calibrate", "m.onnx", "--input", "n.csv", "--quantile", "1.5" }, "--quantile")]
    [InlineData(new[] { "calibrate", "m.onnx", "--input", "n.csv", "--fraction", "0" }, "--fraction")]
    public void BadOptionsExitWithTwoAndSayWhatIsWrong(string[] args, string mentioned)
    {
        CliResult result = Tool.Run(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(mentioned, result.Error);
        Assert.Contains("--help", result.Error);
        Assert.Equal(string.Empty, result.Out);
    }
}
