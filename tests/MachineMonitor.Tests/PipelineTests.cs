using System.Collections.Generic;
using System.IO;
using System.Linq;
using EdgeLstm.Iot.Detection;
using MachineMonitor.App;
using Xunit;

namespace MachineMonitor.Tests;

/// <summary>The whole device program (CSV source → fault handling → detector → event log) on NAB replays.</summary>
public sealed class PipelineTests : System.IDisposable
{
    // Three labelled anomalies; the generated model flags each of them (and raises one false positive).
    private const string Series = "realKnownCause/ec2_request_latency_system_failure.csv";

    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void ReplayLogsEventsToStdoutAndTheLogAndSummarises()
    {
        string log = _files.File("events.jsonl");

        var result = AppRunner.Run("--source", "csv", "--input", TestFiles.Nab(Series), "--events", log);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"self-test: max \|output - reference\| = \S+ \(limit 0.0001\): ok", result.Error);
        Assert.Contains("summary: 4032 samples, 0 faults, 5 anomaly events", result.Error);
        Assert.Contains("calibration: threshold", result.Error);
        Assert.Equal(File.ReadAllText(log), result.Out);
        var lines = File.ReadAllLines(log);
        Assert.StartsWith("{\"type\":\"calibrated\",\"index\":602,", lines[0]);
        Assert.Equal(5, lines.Count(l => l.StartsWith("{\"type\":\"anomaly_start\"")));
        Assert.Equal(5, lines.Count(l => l.StartsWith("{\"type\":\"anomaly_end\"")));
    }

    [Fact]
    public void ANaNLineAndAMalformedLineAreCountedSkippedAndChangeNoEvent()
    {
        string clean = _files.File("clean.csv");
        string dirty = _files.File("dirty.csv");
        var rows = File.ReadAllLines(TestFiles.Nab(Series)).ToList();
        File.WriteAllLines(clean, rows);
        rows.Insert(1500, "2014-03-12 00:00:30,NaN");
        rows.Insert(2500, "2014-03-15 17:00:30,12.5,oops");
        File.WriteAllLines(dirty, rows);

        var cleanRun = AppRunner.Run("--source", "csv", "--input", clean);
        var dirtyRun = AppRunner.Run("--source", "csv", "--input", dirty);

        Assert.True(dirtyRun.ExitCode == 0, dirtyRun.ToString());
        Assert.Contains("summary: 4032 samples, 2 faults, 5 anomaly events", dirtyRun.Error);
        Assert.Contains("faults: InvalidValue 1, Malformed 1", dirtyRun.Error);
        string[] dirtyLines = Lines(dirtyRun.Out);
        Assert.Contains(dirtyLines, l => l.Contains("\"fault\":\"invalid_value\""));
        Assert.Contains(dirtyLines, l => l.Contains("\"fault\":\"malformed\"") && l.Contains("line 2501"));
        Assert.Equal(2, dirtyLines.Count(l => l.StartsWith("{\"type\":\"recovered\"")));
        Assert.Equal(Detections(Lines(cleanRun.Out)), Detections(dirtyLines));
    }

    [Fact]
    public void ASavedCalibrationLoadsAndDetectsTheSameAnomalies()
    {
        string saved = _files.File("calibration.json");
        var first = AppRunner.Run("--source", "csv", "--input", TestFiles.Nab(Series), "--save-calibration", saved);
        Assert.True(first.ExitCode == 0, first.ToString());
        var calibration = CalibrationResult.Load(saved);
        Assert.Contains($"calibration: threshold {calibration.Threshold.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} ", first.Error);
        Assert.Equal(593, calibration.SampleCount);

        var second = AppRunner.Run("--source", "csv", "--input", TestFiles.Nab(Series), "--calibration", saved);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains($"calibration: loaded {saved}", second.Error);
        string[] lines = Lines(second.Out);
        Assert.DoesNotContain(lines, l => l.StartsWith("{\"type\":\"calibrated\""));
        // The loaded run detects from the end of the warm-up; after the first run's calibration span both must agree.
        Assert.Equal(Detections(Lines(first.Out)), Detections(lines).Where(d => d.Index > 602).ToList());
    }

    [Fact]
    public void ACalibrationFileWithExtraFieldsAsOlderToolsWroteLoads()
    {
        string path = _files.File("cli.json");
        File.WriteAllText(path, """
            { "formatVersion": 1, "mode": "NextStepPrediction", "errorMean": 0.0666, "errorStd": 0.0565, "threshold": 5.8,
              "exitThreshold": 2.9, "quantile": 0.999, "sampleCount": 593, "model": "models/machine.onnx" }
            """);

        var result = AppRunner.Run("--source", "csv", "--input", TestFiles.Nab(Series), "--calibration", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("calibration: threshold 5.8 (exit 2.9)", result.Error);
    }

    [Fact]
    public void ABrokenCalibrationFileIsAnErrorNamingTheFile()
    {
        string path = _files.File("broken.json");
        File.WriteAllText(path, "{ \"formatVersion\": 1, \"threshold\": ");

        var result = AppRunner.Run("--source", "csv", "--input", TestFiles.Nab(Series), "--calibration", path);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains(path, result.Error);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void AMissingInputFileIsAnErrorNotACrash()
    {
        var result = AppRunner.Run("--source", "csv", "--input", _files.File("absent.csv"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("absent.csv", result.Error);
    }

    [Fact]
    public void TheSimulatedMachineRaisesItsInjectedFaults()
    {
        var result = AppRunner.Run("--source", "sim", "--samples", "4000");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("summary: 4000 samples, 0 faults", result.Error);
        var starts = Detections(Lines(result.Out));
        Assert.Contains(starts, d => d.Index >= 2400 && d.Index < 2560); // the stuck sensor
        Assert.Contains(starts, d => d.Index == 3300);                   // the spike
    }

    private static string[] Lines(string text) => text.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The anomaly records (start and end) without the fault bookkeeping around them.</summary>
    private static List<(long Index, string Line)> Detections(IEnumerable<string> lines)
        => lines.Where(l => l.StartsWith("{\"type\":\"anomaly_"))
            .Select(l => (long.Parse(l.Split("\"index\":")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture), l))
            .ToList();
}
