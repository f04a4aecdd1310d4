using EdgeLstm.Cli.Tests.Infrastructure;
using Xunit;

namespace EdgeLstm.Cli.Tests;

public sealed class HelpTests
{
    [Theory]
    [InlineData("inspect", "--json")]
    [InlineData("validate", "--device-log")]
    [InlineData("convert", "--to")]
    [InlineData("new", "--package-source")]
    [InlineData("calibrate", "--quantile")]
    public void EveryCommandHasHelpListingItsOptions(string command, string option)
    {
        foreach (string flag in new[] { "--help", "-h", "-?" })
        {
            CliResult result = Tool.Run(command, flag);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"edgelstm {command}", result.Out);
            Assert.Contains(option, result.Out);
            Assert.Equal(string.Empty, result.Error);
        }
    }

    [Fact]
    public void RootHelpListsEveryCommandAndTheExitCodes()
    {
        CliResult result = Tool.Run("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string command in new[] { "inspect", "validate", "convert", "new", "calibrate" })
        {
            Assert.Contains(command, result.Out);
        }
        Assert.Contains("2 bad input", result.Out);
    }

    [Fact]
    public void HelpWinsOverMissingRequiredOptions()
    {
        CliResult result = Tool.Run("validate", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--input", result.Out);
    }

    [Fact]
    public void VersionPrintsTheToolVersion()
    {
        CliResult result = Tool.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Scaffolding.ToolVersion.Current, result.Out.Trim());
    }
}
