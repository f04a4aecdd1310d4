using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using EdgeLstm.Cli.Scaffolding;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Cli.Tests;

/// <summary>
/// <c>edgelstm new --template monitor</c> end to end, as on a clean machine: pack EdgeLstm and EdgeLstm.Iot as
/// ./build.sh pack does, scaffold a monitor around a golden model inside that repository, build it with an empty NuGet
/// cache (every package from the local folder or the feed), and run it on a CSV with a spike, a NaN and a torn line.
/// </summary>
[Collection(ScaffoldPackages.Collection)]
[Trait("Category", "Package")]
public sealed class MonitorScaffoldTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    [Fact]
    public void MonitorBuildsFromTheLocalPackagesSurvivesBadRowsAndLogsTheSpike()
    {
        string root = RepositoryFiles.Root;
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3"); // 3 inputs, 3 outputs: a next-step predictor's shape
        using var temp = new TempDirectory();
        string repository = temp.File("EdgeLstm");
        string packages = Directory.CreateDirectory(Path.Combine(repository, "artifacts", "packages")).FullName;
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = temp.File("nuget-cache") };

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
        string project = Path.Combine(repository, "pump");
        Assert.True(File.Exists(Path.Combine(project, "SensorSources.cs")), scaffold.Output);
        Assert.Contains("Mode = DetectionMode.NextStepPrediction", File.ReadAllText(Path.Combine(project, "MonitorDetection.cs")));

        var build = ProcessRunner.Run("dotnet", new[] { "build", project, "--nologo", "-warnaserror" }, project, Limit, environment: environment);
        Assert.True(build.ExitCode == 0, build.Output);

        // 3 smooth channels; after 300 rows of learning a spike at row 450; a NaN and a torn line in between.
        var csv = new StringBuilder("timestamp,a,b,c\n");
        const int Rows = 600, Spike = 450;
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int t = 0; t < Rows; t++)
        {
            string time = start.AddSeconds(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            if (t == 200)
            {
                csv.AppendLine($"{time},NaN,0,0");
            }
            else if (t == 250)
            {
                csv.AppendLine($"{time},0.5");
            }
            else
            {
                double a = t == Spike ? 40 : Math.Sin(t * 0.1), b = 0.5 * Math.Cos(t * 0.07), c = 0.25 * Math.Sin(t * 0.05 + 1);
                csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{time},{a:R},{b:R},{c:R}"));
            }
        }

        string data = temp.File("pump.csv");
        File.WriteAllText(data, csv.ToString());
        string events = temp.File("events.jsonl");
        var run = ProcessRunner.Run("dotnet",
            new[] { Path.Combine(project, "bin", "Debug", "net10.0", "Pump.dll"), "--input", data, "--events", events, "--calibration-samples", "300" },
            project, Limit);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("self-test: max |error| ", run.Output);
        Assert.Contains($"summary: {Rows - 2} samples, 2 faults, 1 anomaly events", run.Output);
        var logged = File.ReadAllLines(events).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(logged, e => e.GetProperty("type").GetString() == "fault" && e.GetProperty("fault").GetString() == "invalid_value");
        Assert.Contains(logged, e => e.GetProperty("type").GetString() == "fault" && e.GetProperty("fault").GetString() == "malformed");
        var anomaly = Assert.Single(logged, e => e.GetProperty("type").GetString() == "anomaly_start");
        Assert.Equal(start.AddSeconds(Spike), anomaly.GetProperty("time").GetDateTime());
    }

}

/// <summary><c>edgelstm new --template monitor</c> without building anything.</summary>
public sealed class MonitorTemplateTests
{
    [Fact]
    public void AModelThatNeedsTheWholeWindowIsRefusedForAMonitor()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h12_bidir_dense2");
        using var temp = new TempDirectory();

        var result = Tool.Run("new", "--template", "monitor", temp.File("m"), "--model", Path.Combine(golden.Folder, "model.onnx"), "--package-source", temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("reverse or bidirectional layer", result.Error);
        Assert.Contains("--template console", result.Error);
    }

    [Theory]
    [InlineData("lstm_i1_h24_dense1_sigmoid", "Mode = DetectionMode.NextStepPrediction")]   // 1 in, 1 out
    [InlineData("lstm_i4_h20_dense5_softmax", "AnomalyOutputIndex = 4")]                    // 4 in, 5 out: a classifier
    public void TheDetectionModeFollowsTheModelsShape(string model, string expected)
    {
        GoldenCase golden = GoldenCase.Load(model);
        using var temp = new TempDirectory();

        var result = Tool.Run("new", "-t", "monitor", temp.File("m"), "--model", Path.Combine(golden.Folder, "model.safetensors"), "--package-source", temp.Path);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains(expected, File.ReadAllText(Path.Combine(temp.File("m"), "MonitorDetection.cs")));
        Assert.Contains("<PackageReference Include=\"EdgeLstm.Iot\" Version=\"$(EdgeLstmVersion)\" />", File.ReadAllText(Path.Combine(temp.File("m"), "M.csproj")));
    }

    [Fact]
    public void ASingleInputWithManyOutputsIsReadAsFeatures()
        => Assert.Equal(EdgeLstm.Iot.Detection.DetectionMode.LearnedReadout, MonitorTemplates.ModeFor(inputSize: 1, outputSize: 24));
}

/// <summary>The tests that pack the libraries into artifacts folders: one at a time (they build the same projects).</summary>
[CollectionDefinition(Collection)]
public sealed class ScaffoldPackages
{
    public const string Collection = "Scaffold packages";
}
