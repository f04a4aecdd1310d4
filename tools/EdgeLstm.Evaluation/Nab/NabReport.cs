using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace EdgeLstm.Evaluation.Nab;

/// <summary>Plain-text tables of NAB results: the three profiles, the peers beside them, and per-file raw scores.</summary>
public static class NabReport
{
    /// <summary>A peer's published per-file scores summed over <paramref name="corpus"/>'s files and normalised over them.</summary>
    /// <returns>Null when a file has no published score for the peer.</returns>
    public static double? PeerNormalised(NabPeerScores peers, string detector, NabCorpus corpus, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(profile);
        double raw = 0, nullScore = 0;
        foreach (var file in corpus.Files)
        {
            if (peers.Find(detector, profile.Name, file.Name) is not { } score)
            {
                return null;
            }

            raw += score.RawScore;
            int scorable = file.Windows.Count(w => w.Right >= file.ProbationaryLength);
            nullScore -= profile.FalseNegativeWeight * scorable;
        }

        return 100.0 * (raw - nullScore) / ((profile.TruePositiveWeight * corpus.WindowCount) - nullScore);
    }

    /// <summary>The three profiles' thresholds and scores, with the peers' normalised scores on the same files.</summary>
    public static string Summary(string detector, NabCorpus corpus, IReadOnlyList<NabCorpusScore> results, NabPeerScores? peers)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"NAB v1.1 scoring of {detector} on {corpus.Files.Count} files ({corpus.WindowCount} labelled windows); thresholds per profile as listed (NAB's optimiser over all files unless one was given)"));
        text.Append(Invariant($"{"detector",-18}"));
        foreach (var result in results)
        {
            text.Append(Invariant($" {result.Profile.Name,20}"));
        }

        text.AppendLine();
        text.Append(Invariant($"{detector,-18}"));
        foreach (var result in results)
        {
            text.Append(Invariant($" {result.NormalisedScore,20:F1}"));
        }

        text.AppendLine();
        if (peers is not null)
        {
            foreach (string peer in peers.Detectors.Where(d => d != "null"))
            {
                text.Append(Invariant($"{peer,-18}"));
                foreach (var result in results)
                {
                    double? score = PeerNormalised(peers, peer, corpus, result.Profile);
                    text.Append(score is { } s ? Invariant($" {s,20:F1}") : $" {"-",20}");
                }

                text.AppendLine();
            }
        }

        text.Append(Invariant($"{"threshold",-18}"));
        foreach (var result in results)
        {
            text.Append(Invariant($" {result.Threshold,20:R}"));
        }

        text.AppendLine();
        text.Append(Invariant($"{"raw (null, perf.)",-18}"));
        foreach (var result in results)
        {
            text.Append(Invariant($" {$"{result.RawScore:F2} ({result.NullScore:F0}, {result.PerfectScore:F0})",20}"));
        }

        text.AppendLine();
        if (peers is not null)
        {
            text.AppendLine("peers: NAB's published per-file raw scores (at each peer's threshold optimised on all 58 files), normalised over these files.");
        }

        return text.ToString();
    }

    /// <summary>Per-file raw scores of one profile, with the peers' published ones beside them.</summary>
    public static string PerFile(NabCorpusScore result, NabCorpus corpus, NabPeerScores? peers)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(corpus);
        var detectors = peers?.Detectors.Where(d => d != "null").ToList() ?? [];
        int width = Math.Max(4, corpus.Files.Max(f => f.Name.Length));
        var text = new StringBuilder();
        text.AppendLine(Invariant($"per file, {result.Profile.Name} profile at threshold {result.Threshold:G6} (TP/FN: windows; FP: rows scoring at or above the threshold outside windows)"));
        text.Append(Invariant($"{"file".PadRight(width)}  {"rows",6}  {"win",3}  {"TP",3}  {"FN",3}  {"FP",3}  {"score",7} |"));
        foreach (string peer in detectors)
        {
            text.Append(Invariant($" {(peer.Length > 9 ? peer[..9] : peer),9}"));
        }

        text.AppendLine();
        var peerTotals = new double[detectors.Count];
        for (int f = 0; f < corpus.Files.Count; f++)
        {
            var file = corpus.Files[f];
            var score = result.Files[f];
            text.Append(Invariant($"{file.Name.PadRight(width)}  {file.Length,6}  {file.Windows.Length,3}  {score.WindowsDetected,3}  {score.WindowsMissed,3}  {score.FalsePositives,3}  {score.RawScore,7:F3} |"));
            for (int p = 0; p < detectors.Count; p++)
            {
                double? peer = peers!.Find(detectors[p], result.Profile.Name, file.Name)?.RawScore;
                peerTotals[p] += peer ?? 0;
                text.Append(peer is { } s ? Invariant($" {s,9:F3}") : $" {"-",9}");
            }

            text.AppendLine();
        }

        text.Append(Invariant($"{"total".PadRight(width)}  {corpus.Files.Sum(f => f.Length),6}  {corpus.WindowCount,3}  {result.Files.Sum(r => r.WindowsDetected),3}  {result.Files.Sum(r => r.WindowsMissed),3}  {result.Files.Sum(r => r.FalsePositives),3}  {result.RawScore,7:F3} |"));
        foreach (double total in peerTotals)
        {
            text.Append(Invariant($" {total,9:F3}"));
        }

        text.AppendLine();
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
