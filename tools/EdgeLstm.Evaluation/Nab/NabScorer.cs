using System;
using System.Collections.Generic;

namespace EdgeLstm.Evaluation.Nab;

/// <summary>
/// NAB v1.1's scoring of a detector's per-row scores: one file at a threshold (<c>nab/sweeper.py</c>
/// <c>scoreDataSet</c>), the corpus-wide threshold sweep and optimiser (<c>calcScoreByThreshold</c>,
/// <c>nab/optimizer.py</c>), and normalisation (<c>nab/runner.py</c> <c>normalize</c>).
/// </summary>
public static class NabScorer
{
    /// <summary>Scores one file at <paramref name="threshold"/>: rows scoring at or above it are detections.</summary>
    public static NabFileScore ScoreFile(NabDataFile file, ReadOnlySpan<double> scores, NabProfile profile, double threshold)
    {
        var rows = NabSweeper.Sweep(file, scores, profile);
        var best = new double[file.Windows.Length];
        Array.Fill(best, -profile.FalseNegativeWeight);
        double falsePositiveScore = 0;
        int tp = 0, tn = 0, fp = 0, fn = 0;
        foreach (var row in rows)
        {
            bool detected = row.AnomalyScore >= threshold;
            if (row.Window >= 0)
            {
                if (detected)
                {
                    tp++;
                    best[row.Window] = Math.Max(best[row.Window], row.SweepScore);
                }
                else
                {
                    fn++;
                }
            }
            else if (detected)
            {
                fp++;
                falsePositiveScore += row.SweepScore;
            }
            else
            {
                tn++;
            }
        }

        double score = falsePositiveScore;
        int windowsDetected = 0, windowsMissed = 0;
        for (int w = 0; w < best.Length; w++)
        {
            if (!NabSweeper.IsScorable(file, w))
            {
                continue;
            }

            score += best[w];
            if (best[w] > -profile.FalseNegativeWeight)
            {
                windowsDetected++;
            }
            else
            {
                windowsMissed++;
            }
        }

        return new NabFileScore(file.Name, threshold, score, tp, tn, fp, fn, windowsDetected, windowsMissed);
    }

    /// <summary>
    /// NAB's optimiser: sweeps one threshold over every distinct score of every file (highest first) and returns the
    /// threshold with the highest corpus raw score; of equal scores, the highest threshold (NAB sorts stably).
    /// </summary>
    /// <param name="files">The files.</param>
    /// <param name="scores">The detector's scores, one array per file in the same order.</param>
    /// <param name="profile">The cost matrix.</param>
    public static (double Threshold, double RawScore) Optimise(IReadOnlyList<NabDataFile> files, IReadOnlyList<double[]> scores, NabProfile profile)
    {
        var (all, windowCount, scorable) = SweepAll(files, scores, profile);

        // Highest score first; a stable sort keeps NAB's order of equal scores (file order, then row order).
        var order = new int[all.Count];
        var keys = new double[all.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
            keys[i] = -all[i].AnomalyScore;
        }

        Array.Sort(keys, order); // introsort is not stable: break ties by index below
        StabiliseTies(keys, order);

        var best = new double[windowCount];
        Array.Fill(best, -profile.FalseNegativeWeight);
        double total = -profile.FalseNegativeWeight * scorable;
        double threshold = 1.1, bestThreshold = 1.1, bestScore = total;
        foreach (int index in order)
        {
            var row = all[index];
            if (row.AnomalyScore != threshold)
            {
                if (total > bestScore)
                {
                    (bestScore, bestThreshold) = (total, threshold);
                }

                threshold = row.AnomalyScore;
            }

            if (row.Window < 0)
            {
                total += row.SweepScore;
            }
            else if (row.SweepScore > best[row.Window])
            {
                total += row.SweepScore - best[row.Window];
                best[row.Window] = row.SweepScore;
            }
        }

        if (total > bestScore)
        {
            (bestScore, bestThreshold) = (total, threshold);
        }

        return (bestThreshold, bestScore);
    }

    /// <summary>Scores every file at <paramref name="threshold"/>, or at the optimiser's threshold when it is null.</summary>
    public static NabCorpusScore Score(IReadOnlyList<NabDataFile> files, IReadOnlyList<double[]> scores, NabProfile profile, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(profile);
        if (files.Count != scores.Count)
        {
            throw new ArgumentException($"{files.Count} files but {scores.Count} score arrays.", nameof(scores));
        }

        double chosen = threshold ?? Optimise(files, scores, profile).Threshold;
        var results = new NabFileScore[files.Count];
        double raw = 0, nullScore = 0;
        int windows = 0;
        for (int f = 0; f < files.Count; f++)
        {
            results[f] = ScoreFile(files[f], scores[f], profile, chosen);
            raw += results[f].RawScore;
            windows += files[f].Windows.Length;
            nullScore -= profile.FalseNegativeWeight * (results[f].WindowsDetected + results[f].WindowsMissed);
        }

        return new NabCorpusScore(profile, chosen, raw, nullScore, profile.TruePositiveWeight * windows, results);
    }

    private static (List<NabSweptRow> Rows, int WindowCount, int Scorable) SweepAll(IReadOnlyList<NabDataFile> files, IReadOnlyList<double[]> scores, NabProfile profile)
    {
        if (files.Count != scores.Count)
        {
            throw new ArgumentException($"{files.Count} files but {scores.Count} score arrays.", nameof(scores));
        }

        var all = new List<NabSweptRow>();
        int windowBase = 0, scorable = 0;
        for (int f = 0; f < files.Count; f++)
        {
            all.AddRange(NabSweeper.Sweep(files[f], scores[f], profile, windowBase));
            for (int w = 0; w < files[f].Windows.Length; w++)
            {
                scorable += NabSweeper.IsScorable(files[f], w) ? 1 : 0;
            }

            windowBase += files[f].Windows.Length;
        }

        return (all, windowBase, scorable);
    }

    // Within each run of equal keys, put the original indices back in ascending order.
    private static void StabiliseTies(double[] keys, int[] order)
    {
        int start = 0;
        for (int i = 1; i <= keys.Length; i++)
        {
            if (i == keys.Length || keys[i] != keys[start])
            {
                if (i - start > 1)
                {
                    Array.Sort(order, start, i - start);
                }

                start = i;
            }
        }
    }
}
