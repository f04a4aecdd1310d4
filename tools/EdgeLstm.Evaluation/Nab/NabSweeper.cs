using System;

namespace EdgeLstm.Evaluation.Nab;

/// <summary>One scorable row of a data file as NAB's sweeper sees it.</summary>
/// <param name="AnomalyScore">The detector's score for the row; the row is a detection at any threshold at or below it.</param>
/// <param name="SweepScore">What a detection at this row is worth (positive in a window, negative outside).</param>
/// <param name="Window">The window holding the row (an index into <see cref="NabDataFile.Windows"/>, offset by the caller's
/// base), or -1 outside every window.</param>
public readonly record struct NabSweptRow(double AnomalyScore, double SweepScore, int Window);

/// <summary>
/// NAB v1.1's per-row weighting (<c>nab/sweeper.py</c>, <c>Sweeper.calcSweepScore</c>; Lavin &amp; Ahmad 2015).
/// </summary>
/// <remarks>
/// <para>Rows before the probationary length min(⌊0.15·n⌋, 0.15·5000) are dropped: they are neither rewarded nor penalised,
/// and a window only counts if one of its rows is scorable.</para>
/// <para>With the scaled sigmoid σ(y) = 2/(1 + e^{5y}) − 1 (−1 for y &gt; 3): a row i inside a window [l, r] of width
/// w = r − l + 1 is worth tpWeight · σ(−(r − i + 1)/w) / σ(−1) — tpWeight at the window's first row, falling to 0 at its
/// end; a row after the end r of the latest window that has ended (width w) is worth fpWeight · σ(|r − i|/(w − 1));
/// a row before the first window fpWeight · −1.</para>
/// <para>One difference, where NAB fails: after a window of width 1, NAB divides by w − 1 = 0 and raises; here such rows
/// are worth the full fpWeight · −1.</para>
/// </remarks>
public static class NabSweeper
{
    /// <summary>NAB's probationary fraction.</summary>
    public const double ProbationaryFraction = 0.15;

    /// <summary>The scaled sigmoid of <c>nab/sweeper.py</c>: 2·sigmoid(−5y) − 1, and −1 for y &gt; 3.</summary>
    public static double ScaledSigmoid(double relativePosition)
        => relativePosition > 3.0 ? -1.0 : (2.0 / (1.0 + Math.Exp(5.0 * relativePosition))) - 1.0;

    /// <summary>NAB's probationary length of a file of <paramref name="rowCount"/> rows: min(⌊0.15·n⌋, 0.15·5000).</summary>
    public static int ProbationaryLength(int rowCount)
        => (int)Math.Min(Math.Floor(ProbationaryFraction * rowCount), ProbationaryFraction * 5000);

    /// <summary>The scorable rows of one file with their sweep scores, in row order.</summary>
    /// <param name="file">The file and its windows.</param>
    /// <param name="scores">The detector's score per row.</param>
    /// <param name="profile">The cost matrix.</param>
    /// <param name="windowBase">Added to window indices, so rows of several files can be swept together.</param>
    /// <exception cref="ArgumentException"><paramref name="scores"/> does not have one entry per row.</exception>
    public static NabSweptRow[] Sweep(NabDataFile file, ReadOnlySpan<double> scores, NabProfile profile, int windowBase = 0)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(profile);
        if (scores.Length != file.Length)
        {
            throw new ArgumentException($"{file.Name}: {scores.Length} scores for {file.Length} rows.", nameof(scores));
        }

        double maxTruePositive = ScaledSigmoid(-1.0);
        int probation = file.ProbationaryLength;
        var rows = new NabSweptRow[file.Length - probation];
        var windows = file.Windows;
        int next = 0;          // the next window to enter
        int current = -1;      // the window the row is in, or -1
        int previous = -1;     // the latest window whose right edge has passed, or -1
        for (int i = 0; i < file.Length; i++)
        {
            if (current < 0 && next < windows.Length && i == windows[next].Left)
            {
                current = next++;
            }

            double sweep;
            if (current >= 0)
            {
                var window = windows[current];
                double position = -(window.Right - i + 1) / (double)window.Width;
                sweep = ScaledSigmoid(position) * profile.TruePositiveWeight / maxTruePositive;
            }
            else if (previous < 0)
            {
                sweep = -1.0 * profile.FalsePositiveWeight;
            }
            else
            {
                var window = windows[previous];
                double position = window.Width > 1 ? Math.Abs(window.Right - i) / (double)(window.Width - 1) : double.PositiveInfinity;
                sweep = ScaledSigmoid(position) * profile.FalsePositiveWeight;
            }

            if (i >= probation)
            {
                if (!(scores[i] >= 0 && scores[i] <= 1))
                {
                    throw new ArgumentException($"{file.Name}: row {i}: anomaly score {scores[i]} is not in [0, 1] (NAB requires it).", nameof(scores));
                }

                rows[i - probation] = new NabSweptRow(scores[i], sweep, current >= 0 ? windowBase + current : -1);
            }

            if (current >= 0 && i == windows[current].Right)
            {
                previous = current;
                current = -1;
            }
        }

        return rows;
    }

    /// <summary>Whether a window has at least one scorable row (NAB scores only those).</summary>
    public static bool IsScorable(NabDataFile file, int window) => file.Windows[window].Right >= file.ProbationaryLength;
}
