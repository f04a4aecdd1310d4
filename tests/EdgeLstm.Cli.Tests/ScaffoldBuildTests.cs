using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Cli.Csv;
using EdgeLstm.Cli.Tests.Infrastructure;
using Xunit;

namespace EdgeLstm.Cli.Tests;

/// <summary>
/// End to end: pack the EdgeLstm package, scaffold a project against it, build it, pipe a golden case's inputs through
/// the generated code and compare with PyTorch's outputs.
/// </summary>
public sealed class ScaffoldBuildTests
{
    [Fact]
    public void ScaffoldedProjectBuildsAgainstThePackedPackageAndMatchesTheGoldenOutputs()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");
        string root = ProcessRunner.RepositoryRoot();
        using var temp = new TempDirectory();
        string packages = Directory.CreateDirectory(temp.File("packages")).FullName;
        // A version of its own, so that NuGet's global cache can never hand back a stale package of the same version.
        string version = "0.0.0-clitest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        TimeSpan limit = TimeSpan.FromMinutes(5);
        try
        {
            var pack = ProcessRunner.Run("dotnet",
                new[] { "pack", Path.Combine(root, "src", "EdgeLstm"), "-o", packages, $"-p:Version={version}", "--nologo" }, root, limit);
            Assert.True(pack.ExitCode == 0, pack.Output);

            string project = temp.File("monitor");
            CliResult scaffold = Tool.Run("new", project, "--model", golden.AnyModel, "--package-source", packages);
            Assert.True(scaffold.ExitCode == 0, scaffold.ToString());

            var build = ProcessRunner.Run("dotnet", new[] { "build", project, $"-p:EdgeLstmVersion={version}", "--nologo" }, project, limit);
            Assert.True(build.ExitCode == 0, build.Output);

            var input = new StringBuilder("a,b,c\n");
            for (int t = 0; t < golden.Steps; t++)
            {
                input.AppendLine(string.Join(",", Enumerable.Range(0, golden.InputSize)
                    .Select(c => golden.Input[t * golden.InputSize + c].ToString("R", CultureInfo.InvariantCulture))));
            }
            var run = ProcessRunner.Run("dotnet", new[] { Path.Combine(project, "bin", "Debug", "net10.0", "Monitor.dll") },
                project, limit, input.ToString());
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains("self-test:", run.Output);

            string csv = string.Join("\n", run.Output.Split('\n').Where(l => !l.StartsWith("self-test:")));
            CsvMatrix outputs = CsvMatrix.Parse(new StringReader(csv), "stdout");
            Assert.Equal(golden.Steps, outputs.Rows);
            for (int i = 0; i < golden.Output.Length; i++)
            {
                // float32 kernels against PyTorch's float32: the repository's tolerance for generated code.
                Assert.True(Math.Abs(outputs.Values[i] - golden.Output[i]) <= 1e-5, $"value {i}: {outputs.Values[i]} vs {golden.Output[i]}");
            }
        }
        finally
        {
            // Only this test's own unique version: never anything another build put in the cache.
            string cached = Path.Combine(NuGetPackagesFolder(), "edgelstm", version);
            if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
        }
    }

    private static string NuGetPackagesFolder()
        => Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
