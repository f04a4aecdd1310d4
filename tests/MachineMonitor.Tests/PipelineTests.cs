using System.Collections.Generic;
using System.IO;
using System.Linq;
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
        Assert.Equal(File.ReadAllText(log), result.Out);
        var lines = File.ReadAllLines(log);
        // NAB's probationary period of a 4032-row file is min(floor(0.15 x 4032), 750) = 604 rows: learning ends at sample 603.
        Assert.StartsWith("{\"type\":\"calibrated\",\"index\":603,", lines[0]);
        int starts = lines.Count(l => l.StartsWith("{\"type\":\"anomaly_start\""));
        Assert.InRange(starts, 3, 10); // three labelled windows; a few false alarms at most
        Assert.Equal(starts, lines.Count(l => l.StartsWith("{\"type\":\"anomaly_end\"")));
        Assert.Contains($"summary: 4032 samples, 0 faults, {starts} anomaly events", result.Error);
        Assert.Contains("learned on 604 samples", result.Error);
    }

    [Fact]
    public void ScoresAreOneNabResultsRowPerInputRowAndEqualWhatEvaluateComputes()
    {
        // nyc_taxi has 10320 rows: the device path must learn for NAB's 750 rows, as evaluate does (it used to differ above 5000).
        const string Long = "realKnownCause/nyc_taxi.csv";
        string scores = _files.File("scores.csv");

        var result = AppRunner.Run("--source", "csv", "--input", TestFiles.Nab(Long), "--scores", scores);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("learned on 750 samples", result.Error);
        var input = File.ReadAllLines(TestFiles.Nab(Long));
        var output = File.ReadAllLines(scores);
        Assert.Equal("timestamp,value,anomaly_score", output[0]);
        Assert.Equal(input.Length, output.Length);
        var (timestamps, values) = EdgeLstm.Evaluation.Nab.NabCorpus.ReadSeries(TestFiles.Nab(Long));
        double[] evaluated = MachineMonitor.Nab.NabEvaluation.ScoreFile(timestamps, values);
        for (int i = 1; i < input.Length; i++)
        {
            string[] fields = output[i].Split(',');
            Assert.Equal(input[i].Split(',')[0], fields[0]);
            double score = double.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(score, 0.0, 1.0);
            Assert.Equal(evaluated[i - 1], score);
        }
    }

    [Fact]
    public void ARestartFromTheSavedCalibrationContinuesExactlyAsAnUninterruptedRun()
    {
        const string Long = "realKnownCause/nyc_taxi.csv";
        var rows = File.ReadAllLines(TestFiles.Nab(Long));
        string firstHalf = _files.File("first.csv"), secondHalf = _files.File("second.csv");
        File.WriteAllLines(firstHalf, rows.Take(5001));
        File.WriteAllLines(secondHalf, rows.Take(1).Concat(rows.Skip(5001)));
        string saved = _files.File("calibration.json"), whole = _files.File("whole.csv"), resumed = _files.File("resumed.csv");

        var uninterrupted = AppRunner.Run("--source", "csv", "--input", TestFiles.Nab(Long), "--calibration-samples", "750", "--scores", whole);
        var before = AppRunner.Run("--source", "csv", "--input", firstHalf, "--calibration-samples", "750", "--save-calibration", saved);
        var after = AppRunner.Run("--source", "csv", "--input", secondHalf, "--calibration", saved, "--scores", resumed);

        Assert.True(uninterrupted.ExitCode == 0 && before.ExitCode == 0 && after.ExitCode == 0, after.ToString());
        Assert.Contains($"calibration: loaded {saved}", after.Error);
        Assert.Equal(File.ReadAllLines(whole).Skip(5001), File.ReadAllLines(resumed).Skip(1));
        // The alarms too, at the same sample indices: the resumed detector counts on from where it stopped.
        var starts = Detections(Lines(uninterrupted.Out)).Where(d => d.Line.Contains("anomaly_start") && d.Index >= 5000).Select(d => d.Index).ToList();
        Assert.NotEmpty(starts);
        Assert.Equal(starts, Detections(Lines(after.Out)).Where(d => d.Line.Contains("anomaly_start")).Select(d => d.Index).ToList());
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
    public void ACalibrationWithoutAdaptationStateIsRefusedNamingTheFile()
    {
        // What 'edgelstm calibrate' writes for a next-step predictor: thresholds only, nothing the learned readout can resume from.
        string path = _files.File("cli.json");
        File.WriteAllText(path, """
            { "formatVersion": 1, "mode": "NextStepPrediction", "errorMean": 0.0666, "errorStd": 0.0565, "threshold": 5.8,
              "exitThreshold": 2.9, "quantile": 0.999, "sampleCount": 593, "model": "models/machine.onnx" }
            """);

        var result = AppRunner.Run("--source", "csv", "--input", TestFiles.Nab(Series), "--calibration", path);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains(path, result.Error);
        Assert.Contains("no adaptation state", result.Error);
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
