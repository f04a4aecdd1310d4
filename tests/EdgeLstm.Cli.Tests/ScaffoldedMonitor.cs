using System;
using System.Collections.Generic;
using System.IO;
using EdgeLstm.Cli.Scaffolding;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Cli.Tests;

/// <summary>
/// A monitor app made by <c>edgelstm new --template monitor</c> as on a clean machine, built once for the tests that
/// run it: EdgeLstm and EdgeLstm.Iot packed as ./build.sh pack does into a repository's artifacts/packages, the app
/// scaffolded inside that repository around a golden model and built with an empty NuGet cache (every package from
/// the local folder or the feed).
/// </summary>
public sealed class ScaffoldedMonitor : IDisposable
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    private readonly TempDirectory _temp = new();

    public ScaffoldedMonitor()
    {
        string root = RepositoryFiles.Root;
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3"); // 3 inputs, 3 outputs: a next-step predictor's shape
        string repository = _temp.File("EdgeLstm");
        string packages = Directory.CreateDirectory(Path.Combine(repository, "artifacts", "packages")).FullName;
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _temp.File("nuget-cache") };

        foreach (string library in new[] { "EdgeLstm", "EdgeLstm.Iot" })
        {
            var pack = ProcessRunner.Run("dotnet",
                new[] { "pack", Path.Combine(root, "src", library), "-o", packages, $"-p:Version={ToolVersion.Current}", "--nologo" },
                root, Limit);
            Assert.True(pack.ExitCode == 0, pack.Output);
        }

        string tool = Path.Combine(AppContext.BaseDirectory, "EdgeLstm.Cli.dll");
        var scaffold = ProcessRunner.Run("dotnet",
            new[] { tool, "new", "--template", "monitor", "pump", "--model", Path.Combine(golden.Folder, "model.pt"), "--head-activation", "none" },
            repository, Limit, environment: environment);
        Assert.True(scaffold.ExitCode == 0, scaffold.Output);
        Project = Path.Combine(repository, "pump");

        var build = ProcessRunner.Run("dotnet", new[] { "build", Project, "--nologo", "-warnaserror" }, Project, Limit, environment: environment);
        Assert.True(build.ExitCode == 0, build.Output);
    }

    /// <summary>The scaffolded project's folder.</summary>
    public string Project { get; private set; } = "";

    /// <summary>A path in the fixture's temporary folder (deleted with it).</summary>
    public string File(string name) => _temp.File(name);

    /// <summary>Runs the built app with <paramref name="arguments"/> and waits for it to exit.</summary>
    public ProcessRunner.Result Run(params string[] arguments)
        => ProcessRunner.Run("dotnet", [Path.Combine(Project, "bin", "Debug", "net10.0", "Pump.dll"), .. arguments], Project, Limit);

    public void Dispose() => _temp.Dispose();
}
