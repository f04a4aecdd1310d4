using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace MachineMonitor.Nab;

/// <summary>One anomaly as the event log records it.</summary>
/// <param name="Start">The first sample above the threshold (NAB's detection time).</param>
/// <param name="StartScore">Its score.</param>
/// <param name="End">The last sample above the exit threshold; null if the log ended first.</param>
/// <param name="PeakScore">The highest score; NaN if the log ended first.</param>
internal sealed record LoggedAnomaly(DateTime Start, double StartScore, DateTime? End, double PeakScore);

/// <summary>What a replay's JSON-lines event log says (the format of <c>EdgeLstm.Iot.Events.EventJsonFormatter</c>).</summary>
internal sealed record EventLog(List<LoggedAnomaly> Anomalies, double? Threshold, int Faults)
{
    /// <exception cref="InvalidDataException">A line is not an event object; the message names the line.</exception>
    public static EventLog Read(string path)
    {
        var anomalies = new List<LoggedAnomaly>();
        double? threshold = null;
        int faults = 0;
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                var e = json.RootElement;
                switch (e.GetProperty("type").GetString())
                {
                    case "calibrated":
                        threshold = Number(e, "threshold");
                        break;
                    case "anomaly_start":
                        anomalies.Add(new LoggedAnomaly(Time(e, "time"), Number(e, "score"), null, double.NaN));
                        break;
                    case "anomaly_end":
                        var start = Time(e, "start_time");
                        int open = anomalies.FindLastIndex(a => a.Start == start && a.End is null);
                        var completed = new LoggedAnomaly(start, open >= 0 ? anomalies[open].StartScore : double.NaN, Time(e, "end_time"), Number(e, "peak_score"));
                        if (open >= 0)
                        {
                            anomalies[open] = completed;
                        }
                        else
                        {
                            anomalies.Add(completed);
                        }

                        break;
                    case "fault":
                        faults++;
                        break;
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{path}: line {lineNumber}: not a MachineMonitor event ({ex.Message}).", ex);
            }
        }

        return new EventLog(anomalies, threshold, faults);
    }

    private static DateTime Time(JsonElement e, string name)
        => DateTimeOffset.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture).UtcDateTime;

    // Non-finite numbers are logged as null.
    private static double Number(JsonElement e, string name)
        => e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;
}
