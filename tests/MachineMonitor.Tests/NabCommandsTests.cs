using System.IO;
using System.Linq;
using MachineMonitor.Nab;
using Xunit;

namespace MachineMonitor.Tests;

public sealed class NabCommandsTests
{
    [Fact]
    public void EvaluateScoresEveryLabelledFileBesideThePeers()
    {
        var result = AppRunner.Run("evaluate", "--data", TestFiles.Nab(""));

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.Out.Split('\n');
        Assert.Contains("numenta", lines[0]);
        Assert.Equal(12, lines.Count(l => l.StartsWith("artificial") || l.StartsWith("realKnownCause")));
        Assert.Contains(lines, l => l.StartsWith("total"));
    }

    [Fact]
    public void TheModelFindsTheJumpInTheSeriesItWasTrainedOn()
    {
        var results = NabEvaluation.EvaluateAll(TestFiles.Nab(""), TextWriter.Null);

        var trained = results.Single(r => r.File == "artificialWithAnomaly/art_daily_jumpsup.csv");
        Assert.Equal(1, trained.Score.WindowsDetected);
        Assert.Equal(0, trained.Score.FalsePositives);
    }

    [Fact]
    public void ReportScoresAReplaysLogAsEvaluateScoresTheFile()
    {
        const string Series = "realKnownCause/ec2_request_latency_system_failure.csv";
        using var files = new TestFiles();
        string log = files.File("events.jsonl");
        Assert.Equal(0, AppRunner.Run("--source", "csv", "--input", TestFiles.Nab(Series), "--events", log).ExitCode);

        var report = AppRunner.Run("report", "--events", log, "--input", TestFiles.Nab(Series), "--data", TestFiles.Nab(""));

        Assert.True(report.ExitCode == 0, report.ToString());
        var evaluated = NabEvaluation.EvaluateAll(TestFiles.Nab(""), TextWriter.Null).Single(r => r.File == Series).Score;
        Assert.Contains(
            $"TP {evaluated.WindowsDetected}  FP {evaluated.FalsePositives}  FN {evaluated.WindowsMissed}  NAB standard raw score {evaluated.RawScore.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)}",
            report.Out);
        Assert.Equal(3, report.Out.Split('\n').Count(l => l.EndsWith("(TP)")));
    }
}
