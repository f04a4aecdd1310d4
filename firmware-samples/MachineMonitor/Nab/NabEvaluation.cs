using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Iot.Evaluation;
using MachineMonitor.App;
using MachineMonitor.Device;

namespace MachineMonitor.Nab;

/// <summary>
/// <c>MachineMonitor evaluate</c>: the detector as the device runs it, scored with NAB's standard profile on every
/// labelled file, printed beside the published detectors' scores on the same files.
/// </summary>
internal static class NabEvaluation
{
    /// <summary>One evaluated file.</summary>
    public sealed record FileResult(string File, int Rows, int Windows, NabFileScore Score);

    public static int Run(string dataDirectory, TextWriter output, TextWriter error)
    {
        try
        {
            var results = EvaluateAll(dataDirectory, error);
            string peersPath = Path.Combine(dataDirectory, "peer_scores.csv");
            var peers = File.Exists(peersPath) ? PeerScores.Load(peersPath) : new PeerScores();
            output.Write(FormatTable(results, peers));
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>Runs the detector on each file named in <c>windows.json</c> that is present under <paramref name="dataDirectory"/>.</summary>
    public static List<FileResult> EvaluateAll(string dataDirectory, TextWriter error)
    {
        var windows = NabDataSet.ReadWindows(Path.Combine(dataDirectory, "windows.json"));
        var results = new List<FileResult>();
        foreach (var (file, labels) in windows.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            string path = Path.Combine(dataDirectory, file);
            if (!File.Exists(path))
            {
                error.WriteLine($"note: {file} is labelled but not present under {dataDirectory}; skipped");
                continue;
            }

            var (timestamps, values) = NabDataSet.ReadSeries(path);
            // CalibrationSamples is replaced by the evaluator: the probationary period minus the warm-up.
            var score = NabEvaluator.Evaluate(new MachineModel(), MachineDetector.Options(calibrationSamples: 2), timestamps, values, labels);
            results.Add(new FileResult(file, timestamps.Count, labels.Count, score));
        }

        return results;
    }

    public static string FormatTable(IReadOnlyList<FileResult> results, PeerScores peers)
    {
        var text = new StringBuilder();
        int nameWidth = Math.Max(4, results.Count == 0 ? 4 : results.Max(r => r.File.Length));
        text.Append(CultureInfo.InvariantCulture, $"{"file".PadRight(nameWidth)}  {"rows",6}  {"win",3}  {"TP",3}  {"FN",3}  {"FP",3}  {"score",7} |");
        foreach (string peer in peers.Detectors)
        {
            text.Append(CultureInfo.InvariantCulture, $" {Abbreviate(peer),9}");
        }

        text.AppendLine();
        text.AppendLine(new string('-', nameWidth + 43 + (10 * peers.Detectors.Count)));
        double total = 0;
        var peerTotals = new double[peers.Detectors.Count];
        foreach (var r in results)
        {
            total += r.Score.RawScore;
            text.Append(CultureInfo.InvariantCulture,
                $"{r.File.PadRight(nameWidth)}  {r.Rows,6}  {r.Windows,3}  {r.Score.WindowsDetected,3}  {r.Score.WindowsMissed,3}  {r.Score.FalsePositives,3}  {r.Score.RawScore,7:F3} |");
            for (int p = 0; p < peers.Detectors.Count; p++)
            {
                double? peer = peers.Score(peers.Detectors[p], r.File);
                peerTotals[p] += peer ?? 0;
                text.Append(peer is { } s ? string.Create(CultureInfo.InvariantCulture, $" {s,9:F3}") : $" {"-",9}");
            }

            text.AppendLine();
        }

        text.AppendLine(new string('-', nameWidth + 43 + (10 * peers.Detectors.Count)));
        text.Append(CultureInfo.InvariantCulture,
            $"{"total".PadRight(nameWidth)}  {results.Sum(r => r.Rows),6}  {results.Sum(r => r.Windows),3}  {results.Sum(r => r.Score.WindowsDetected),3}  " +
            $"{results.Sum(r => r.Score.WindowsMissed),3}  {results.Sum(r => r.Score.FalsePositives),3}  {total,7:F3} |");
        foreach (double peerTotal in peerTotals)
        {
            text.Append(CultureInfo.InvariantCulture, $" {peerTotal,9:F3}");
        }

        text.AppendLine();
        text.AppendLine("score: NAB raw standard-profile score per file (A_TP 1, A_FP 0.11, A_FN 1); peers: published scores on the same files ('-': not published, 0 in the totals).");
        return text.ToString();
    }

    private static string Abbreviate(string name) => name.Length <= 9 ? name : name[..9];
}
