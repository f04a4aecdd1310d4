using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using EdgeLstm.Evaluation.Nab;
using MachineMonitor.App;

namespace MachineMonitor.Nab;

/// <summary>
/// <c>MachineMonitor report</c>: puts the anomalies a replay logged beside the labelled windows of the replayed NAB
/// file and scores them as NAB does (each event's first sample is the detection).
/// </summary>
internal static class ReplayReport
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm";

    public static int Run(string eventsPath, string seriesPath, string dataDirectory, TextWriter output, TextWriter error)
    {
        try
        {
            output.Write(Format(eventsPath, seriesPath, dataDirectory));
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    public static string Format(string eventsPath, string seriesPath, string dataDirectory)
    {
        string file = Path.GetRelativePath(dataDirectory, seriesPath).Replace('\\', '/');
        var allWindows = NabCorpus.ReadWindows(Path.Combine(dataDirectory, NabCorpus.WindowsFileName));
        if (!allWindows.TryGetValue(file, out var windows))
        {
            throw new ArgumentException($"{seriesPath} is not labelled in {Path.Combine(dataDirectory, "windows.json")} (looked up as '{file}').");
        }

        var (timestamps, values) = NabCorpus.ReadSeries(seriesPath);
        var data = new NabDataFile(file, timestamps, values, windows);
        var log = EventLog.Read(eventsPath);
        var rowOf = new Dictionary<DateTime, int>(timestamps.Length);
        for (int i = timestamps.Length - 1; i >= 0; i--)
        {
            rowOf[timestamps[i]] = i; // the first row of a repeated timestamp
        }

        // Each anomaly's first sample is the detection NAB sees: score 1 there, 0 elsewhere, scored at threshold 0.5.
        var detections = new double[timestamps.Length];
        var rows = new int[log.Anomalies.Count];
        for (int a = 0; a < log.Anomalies.Count; a++)
        {
            if (!rowOf.TryGetValue(log.Anomalies[a].Start, out rows[a]))
            {
                throw new InvalidDataException($"{eventsPath}: an anomaly starts at {log.Anomalies[a].Start:O}, which is no row of {seriesPath}.");
            }

            detections[rows[a]] = 1.0;
        }

        var score = NabScorer.ScoreFile(data, detections, NabProfile.Standard, threshold: 0.5);
        int probation = data.ProbationaryLength;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{file}: {timestamps.Length} rows, {windows.Count} labelled window(s); rows 0-{probation - 1} are NAB's probationary period (not scored); threshold {log.Threshold?.ToString("G4", CultureInfo.InvariantCulture) ?? "?"}"));
        text.AppendLine(Invariant($"  {"labelled window",-36}  {"first detection inside",-34}"));
        foreach (var window in windows)
        {
            int first = -1;
            for (int a = 0; a < rows.Length && first < 0; a++)
            {
                if (log.Anomalies[a].Start >= window.Start && log.Anomalies[a].Start <= window.End)
                {
                    first = a;
                }
            }

            string found = first < 0 ? "none  (FN)" : Invariant($"{log.Anomalies[first].Start.ToString(TimeFormat, CultureInfo.InvariantCulture)} (row {rows[first]}, score {log.Anomalies[first].StartScore:F1})  (TP)");
            text.AppendLine(Invariant($"  {window.Start.ToString(TimeFormat, CultureInfo.InvariantCulture)} .. {window.End.ToString(TimeFormat, CultureInfo.InvariantCulture)}  {found}"));
        }

        text.AppendLine(Invariant($"  {"detected anomaly (start .. end)",-36}  {"peak",6}  verdict"));
        for (int a = 0; a < rows.Length; a++)
        {
            var anomaly = log.Anomalies[a];
            string end = anomaly.End is { } e ? e.ToString(TimeFormat, CultureInfo.InvariantCulture) : "(open)";
            text.AppendLine(Invariant($"  {anomaly.Start.ToString(TimeFormat, CultureInfo.InvariantCulture)} .. {end,-16}  {anomaly.PeakScore,6:F1}  {Verdict(anomaly.Start, rows[a], windows, probation)}"));
        }

        if (rows.Length == 0)
        {
            text.AppendLine("  (none)");
        }

        text.AppendLine(Invariant($"  TP {score.WindowsDetected}  FP {score.FalsePositives}  FN {score.WindowsMissed}  NAB standard raw score {score.RawScore:F3}"));
        return text.ToString();
    }

    private static string Verdict(DateTime start, int row, IReadOnlyList<NabWindow> windows, int probation)
    {
        if (row < probation)
        {
            return "probationary (not scored)";
        }

        foreach (var window in windows)
        {
            if (start >= window.Start && start <= window.End)
            {
                return "inside a window";
            }
        }

        return "false positive";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
