using System;
using System.Globalization;
using System.IO;
using System.Linq;
using EdgeLstm.Evaluation.Nab;
using MachineMonitor.Device;
using MachineMonitor.Nab;
using Xunit;

namespace MachineMonitor.Tests;

public sealed class NabCommandsTests
{
    /// <summary>The standard-profile score README and docs/nab-results.md record for the 56 bundled files.</summary>
    private const double RecordedStandardScore = 70.1;

    /// <summary>
    /// Reruns the whole benchmark (56 files, ~336,000 samples, about ten seconds) through the device's detector and NAB's
    /// scoring: the recorded number must still hold, within 0.3 for the rounding of the recorded figure.
    /// </summary>
    [Fact]
    [Trait("Category", "Heavy")]
    public void TheFullNabEvaluationStillReachesTheRecordedScore()
    {
        var result = AppRunner.Run("evaluate", "--data", TestFiles.Nab(""));

        Assert.True(result.ExitCode == 0, result.ToString());
        string line = result.Out.Split('\n').Single(l => l.StartsWith("MachineMonitor ", StringComparison.Ordinal));
        double[] scores = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3, scores.Length);
        Assert.True(scores[0] >= RecordedStandardScore - 0.3, result.Out);
        Assert.Contains("numenta", result.Out);
        Assert.Contains("56 files (110 labelled windows)", result.Out);
        // The device's default threshold loses nothing against the optimiser's: the same standard score at both.
        string device = result.Out.Split('\n').Single(l => l.StartsWith("at the device's alarm threshold", StringComparison.Ordinal));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"standard {scores[0]:F1} "), device);
        string raw = result.Out.Split('\n').Single(l => l.StartsWith("raw (null, perf.)", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        Assert.Contains($"(raw {raw})", device);
    }

    [Fact]
    public void ReportScoresAReplaysEventsAsNabScoresItsScoresFile()
    {
        const string Series = "realKnownCause/ec2_request_latency_system_failure.csv";
        using var files = new TestFiles();
        string log = files.File("events.jsonl");
        string scores = files.File("scores.csv");
        Assert.Equal(0, AppRunner.Run("--source", "csv", "--input", TestFiles.Nab(Series), "--events", log, "--scores", scores).ExitCode);

        var report = AppRunner.Run("report", "--events", log, "--input", TestFiles.Nab(Series), "--data", TestFiles.Nab(""));

        Assert.True(report.ExitCode == 0, report.ToString());
        // The events' starts are exactly the rows whose score reaches the device threshold, so both score alike.
        var corpus = NabCorpus.Load(TestFiles.Nab(""));
        var file = corpus.Files.Single(f => f.Name == Series);
        var fromScores = NabScorer.ScoreFile(file, NabResultsFolder.ReadScores(scores, file), NabProfile.Standard, MachineDetector.DefaultThreshold);
        Assert.Contains(
            $"TP {fromScores.WindowsDetected}  FP {fromScores.FalsePositives}  FN {fromScores.WindowsMissed}  NAB standard raw score {fromScores.RawScore.ToString("F3", CultureInfo.InvariantCulture)}",
            report.Out);
        Assert.Equal(3, fromScores.WindowsDetected + fromScores.WindowsMissed);
    }

    [Fact]
    public void EvaluateWritesNabResultsFilesThatScoreAsItPrints()
    {
        using var files = new TestFiles();
        var result = AppRunner.Run("evaluate", "--data", TestFiles.Nab(""), "--results", files.Directory, "--per-file");

        Assert.True(result.ExitCode == 0, result.ToString());
        var corpus = NabCorpus.Load(TestFiles.Nab(""));
        var scores = corpus.Files.Select(f => NabResultsFolder.ReadScores(NabResultsFolder.Find(files.Directory, f, NabEvaluation.DetectorName)!, f)).ToList();
        var standard = NabScorer.Score(corpus.Files, scores, NabProfile.Standard);
        Assert.Contains(standard.NormalisedScore.ToString("F1", CultureInfo.InvariantCulture), result.Out.Split('\n').Single(l => l.StartsWith("MachineMonitor ", StringComparison.Ordinal)));
        Assert.Contains(result.Out.Split('\n'), l => l.StartsWith("realKnownCause/nyc_taxi.csv", StringComparison.Ordinal));
    }
}
