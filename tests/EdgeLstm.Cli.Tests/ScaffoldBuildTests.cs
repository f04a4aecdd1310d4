using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Cli.Csv;
using EdgeLstm.Cli.Scaffolding;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Cli.Tests;

/// <summary>
/// End to end, as on a clean machine: pack the EdgeLstm package where ./build.sh pack writes it (artifacts/packages of a
/// repository), run edgelstm new inside that repository without --package-source, build the project with an empty NuGet
/// cache, and pipe a golden case's inputs, with damaged rows between them, through the generated code; then check that
/// a failing self-test stops the program.
/// </summary>
public sealed class ScaffoldBuildTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public void ScaffoldedProjectBuildsFromTheLocalPackageSkipsBadRowsAndMatchesTheGoldenOutputs()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");
        string root = RepositoryFiles.Root;
        using var temp = new TempDirectory();
        // A repository as a user's clone has it after ./build.sh pack: the package of the tool's own version.
        string repository = temp.File("EdgeLstm");
        string packages = Directory.CreateDirectory(Path.Combine(repository, "artifacts", "packages")).FullName;
        // The package has the tool's own version, so the scaffolded project restores into an empty NuGet cache of its own:
        // this package stays out of the machine's cache, and no copy of that version already there can stand in for it.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = temp.File("nuget-cache") };

        var pack = ProcessRunner.Run("dotnet",
            new[] { "pack", Path.Combine(root, "src", "EdgeLstm"), "-o", packages, $"-p:Version={ToolVersion.Current}", "--nologo" },
            root, Limit);
        Assert.True(pack.ExitCode == 0, pack.Output);

        // The tool as a user runs it, from inside the repository: it finds artifacts/packages by itself.
        string tool = Path.Combine(AppContext.BaseDirectory, "EdgeLstm.Cli.dll");
        var scaffold = ProcessRunner.Run("dotnet",
            new[] { tool, "new", "monitor", "--model", Path.Combine(golden.Folder, "model.pt"), "--head-activation", "none" },
            repository, Limit, environment: environment);
        Assert.True(scaffold.ExitCode == 0, scaffold.Output);
        Assert.Contains($"EdgeLstm {ToolVersion.Current} comes from {packages}", scaffold.Output);
        string project = Path.Combine(repository, "monitor");

        var build = ProcessRunner.Run("dotnet", new[] { "build", project, "--nologo" }, project, Limit, environment: environment);
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain("ELSTM009", build.Output); // the head activation was stated in the attribute

        // Golden rows, with damaged ones between them that must never reach the model (its state would change).
        var input = new StringBuilder("a,b,c\n");
        var skipped = new List<int>();
        string[] damaged = { "1,2", "NaN,0,0", "0,Infinity,0", "0,0,abc", "1,2,3,4", "1e39,0,0" };
        for (int t = 0; t < golden.Steps; t++)
        {
            if (t % 3 == 1 && skipped.Count < damaged.Length)
            {
                input.AppendLine(damaged[skipped.Count]);
                skipped.Add(input.ToString().Count(c => c == '\n'));
            }
            input.AppendLine(string.Join(",", Enumerable.Range(0, golden.InputSize)
                .Select(c => golden.Input[t * golden.InputSize + c].ToString("R", CultureInfo.InvariantCulture))));
        }
        Assert.Equal(damaged.Length, skipped.Count);

        var run = ProcessRunner.Run("dotnet", new[] { Path.Combine(project, "bin", "Debug", "net10.0", "Monitor.dll") },
            project, Limit, input.ToString());
        Assert.True(run.ExitCode == 0, run.Output);
        string[] lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Contains(lines, l => l.StartsWith("self-test: max |error| ", StringComparison.Ordinal) && l.EndsWith(": ok", StringComparison.Ordinal));
        foreach (int line in skipped)
        {
            Assert.Contains(lines, l => l.StartsWith($"stdin:{line}: skipped: ", StringComparison.Ordinal));
        }
        Assert.Contains($"stdin: {damaged.Length} row(s) skipped", run.Output);

        string csv = string.Join("\n", lines.Where(l => !l.StartsWith("self-test:") && !l.StartsWith("stdin")));
        CsvMatrix outputs = CsvMatrix.Parse(new StringReader(csv), "stdout");
        Assert.Equal(golden.Steps, outputs.Rows);
        for (int i = 0; i < golden.Output.Length; i++)
        {
            // float32 kernels against PyTorch's float32: the repository's tolerance for generated code.
            Assert.True(Math.Abs(outputs.Values[i] - golden.Output[i]) <= 1e-5, $"value {i}: {outputs.Values[i]} vs {golden.Output[i]}");
        }

        // A self-test over 1e-4 (here: a stand-in model class whose self-test reports 2e-4) stops the program before any row.
        File.WriteAllText(Path.Combine(project, "MonitorModel.cs"), """
            namespace Monitor;

            public sealed class MonitorModel
            {
                public const int InputSize = 3, OutputSize = 3;
                public static float SelfTest() => 2e-4f;
                public void Step(System.ReadOnlySpan<float> input, System.Span<float> output) => throw new System.InvalidOperationException("fed a row");
            }
            """);
        var rebuild = ProcessRunner.Run("dotnet", new[] { "build", project, "--nologo" }, project, Limit, environment: environment);
        Assert.True(rebuild.ExitCode == 0, rebuild.Output);
        var failing = ProcessRunner.Run("dotnet", new[] { Path.Combine(project, "bin", "Debug", "net10.0", "Monitor.dll") },
            project, Limit, "1,2,3\n");
        Assert.True(failing.ExitCode == 3, failing.Output);
        Assert.Contains("self-test: max |error| 2.00E-004 against the reference (limit 1e-4): FAILED", failing.Output);
        Assert.DoesNotContain("fed a row", failing.Output);
    }
}
