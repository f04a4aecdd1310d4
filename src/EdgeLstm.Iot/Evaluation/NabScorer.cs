using System;
using System.Collections.Generic;

namespace EdgeLstm.Iot.Evaluation;

/// <summary>
/// Scores binary detections on one data file the way the Numenta Anomaly Benchmark does (NAB v1.1,
/// <c>nab/sweeper.py</c>; Lavin &amp; Ahmad 2015, "Evaluating Real-time Anomaly Detection Algorithms").
/// </summary>
/// <remarks>
/// <para>Rows before the probationary length min(⌊0.15·n⌋, 0.15·5000) are ignored.</para>
/// <para>With σ(y) = 2/(1 + e^{5y}) − 1 (and σ(y) = −1 for y ≥ 3):</para>
/// <list type="bullet">
/// <item>A detection at row i inside a window [l, r] of width w = r − l + 1 is worth
/// A_TP · σ(−(r − i + 1)/w) / σ(−1): exactly A_TP at the window's first row, falling towards 0 at its end. A window
/// counts its best (that is, its earliest) detection only; a window with none costs −A_FN.</item>
/// <item>A detection outside every window after the end r of the latest window that has ended (width w) is worth
/// A_FP · σ(|r − i|/(w − 1)): a small penalty just after the window, −A_FP three window-widths later.</item>
/// <item>A detection before the first window is worth −A_FP.</item>
/// </list>
/// <para>A window with a single row has no "width − 1"; NAB would divide by zero there, we score such trailing false
/// positives at the full −A_FP. A window whose rows are all probationary is neither rewarded nor penalised, as in NAB.</para>
/// </remarks>
public static class NabScorer
{
    /// <summary>NAB's probationary fraction.</summary>
    public const double ProbationaryFraction = 0.15;

    /// <summary>The scaled sigmoid σ(y) = 2/(1 + e^{5y}) − 1, clamped to −1 for y ≥ 3.</summary>
    public static double ScaledSigmoid(double relativePosition)
        => relativePosition >= 3.0 ? -1.0 : (2.0 / (1.0 + Math.Exp(5.0 * relativePosition))) - 1.0;

    /// <summary>NAB's probationary length for a file of <paramref name="rowCount"/> rows.</summary>
    public static int ProbationaryLength(int rowCount)
        => (int)Math.Min(Math.Floor(ProbationaryFraction * rowCount), ProbationaryFraction * 5000);

    /// <summary>Scores one file.</summary>
    /// <param name="timestamps">Row timestamps, ascending.</param>
    /// <param name="detections">Whether the detector raised an alarm at each row.</param>
    /// <param name="windows">The labelled windows, ascending and non-overlapping.</param>
    /// <param name="costs">The profile.</param>
    /// <exception cref="ArgumentException">Lengths differ, or a window matches no row or overlaps another.</exception>
    public static NabFileScore Score(IReadOnlyList<DateTime> timestamps, ReadOnlySpan<bool> detections, IReadOnlyList<NabWindow> windows, NabCostMatrix costs)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(windows);
        if (timestamps.Count != detections.Length)
        {
            throw new ArgumentException($"{timestamps.Count} timestamps but {detections.Length} detections.", nameof(detections));
        }

        var rows = ResolveWindowRows(timestamps, windows);
        int probation = ProbationaryLength(timestamps.Count);
        double maxTp = ScaledSigmoid(-1.0);

        var best = new double[rows.Length];
        var scorable = new bool[rows.Length];
        for (int w = 0; w < rows.Length; w++)
        {
            best[w] = -costs.FalseNegative;
            scorable[w] = rows[w].Right >= probation;
        }

        double falsePositiveScore = 0;
        int falsePositives = 0;
        int window = 0;          // the first window not yet passed
        int previous = -1;       // the latest window whose right edge has passed
        for (int i = 0; i < timestamps.Count; i++)
        {
            while (window < rows.Length && i > rows[window].Right)
            {
                previous = window++;
            }

            if (i < probation || !detections[i])
            {
                continue;
            }

            if (window < rows.Length && i >= rows[window].Left)
            {
                var (left, right) = rows[window];
                double width = right - left + 1;
                double weighted = ScaledSigmoid(-(right - i + 1) / width) * costs.TruePositive / maxTp;
                best[window] = Math.Max(best[window], weighted);
            }
            else
            {
                double position = 3.0;
                if (previous >= 0)
                {
                    var (left, right) = rows[previous];
                    int width = right - left + 1;
                    position = width > 1 ? Math.Abs(right - i) / (double)(width - 1) : double.PositiveInfinity;
                }

                falsePositiveScore += ScaledSigmoid(position) * costs.FalsePositive;
                falsePositives++;
            }
        }

        double windowScore = 0;
        int detected = 0, missed = 0;
        for (int w = 0; w < rows.Length; w++)
        {
            if (!scorable[w])
            {
                continue;
            }

            windowScore += best[w];
            if (best[w] > -costs.FalseNegative)
            {
                detected++;
            }
            else
            {
                missed++;
            }
        }

        return new NabFileScore(windowScore + falsePositiveScore, detected, missed, falsePositives, probation);
    }

    private static (int Left, int Right)[] ResolveWindowRows(IReadOnlyList<DateTime> timestamps, IReadOnlyList<NabWindow> windows)
    {
        var rows = new (int Left, int Right)[windows.Count];
        int previousRight = -1;
        for (int w = 0; w < windows.Count; w++)
        {
            var (start, end) = windows[w];
            int left = -1, right = -1;
            for (int i = 0; i < timestamps.Count; i++)
            {
                if (timestamps[i] >= start && timestamps[i] <= end)
                {
                    if (left < 0)
                    {
                        left = i;
                    }

                    right = i;
                }
            }

            if (left < 0)
            {
                throw new ArgumentException($"Window {w} ({start:O} – {end:O}) contains no row.", nameof(windows));
            }

            if (left <= previousRight)
            {
                throw new ArgumentException($"Window {w} ({start:O}) overlaps or precedes window {w - 1}; windows must be ascending and disjoint.", nameof(windows));
            }

            rows[w] = (left, right);
            previousRight = right;
        }

        return rows;
    }
}
