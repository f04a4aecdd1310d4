using System;
using System.Collections.Generic;

namespace EdgeLstm.Evaluation.Nab;

/// <summary>One NAB data file with its labelled windows resolved to rows.</summary>
public sealed class NabDataFile
{
    /// <param name="name">Path relative to the data folder with '/' separators, e.g. <c>realKnownCause/nyc_taxi.csv</c>: NAB's key.</param>
    /// <param name="timestamps">Row timestamps (NAB files mostly ascend, but repeat an hour at some daylight-saving changes).</param>
    /// <param name="values">Row values.</param>
    /// <param name="windows">The labelled windows, ascending and disjoint.</param>
    /// <exception cref="ArgumentException">Lengths differ, or a window's start or end is not a row's timestamp (NAB enters and
    /// leaves a window only on exact timestamp matches), or windows overlap.</exception>
    public NabDataFile(string name, DateTime[] timestamps, double[] values, IReadOnlyList<NabWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(windows);
        if (timestamps.Length != values.Length)
        {
            throw new ArgumentException($"{name}: {timestamps.Length} timestamps but {values.Length} values.", nameof(values));
        }

        Name = name;
        Timestamps = timestamps;
        Values = values;
        Windows = ResolveRows(name, timestamps, windows);
        ProbationaryLength = NabSweeper.ProbationaryLength(timestamps.Length);
    }

    /// <summary>NAB's key for the file: its path under the data folder, '/'-separated.</summary>
    public string Name { get; }

    /// <summary>Row timestamps.</summary>
    public DateTime[] Timestamps { get; }

    /// <summary>Row values.</summary>
    public double[] Values { get; }

    /// <summary>The labelled windows as row ranges.</summary>
    public NabWindowRows[] Windows { get; }

    /// <summary>Rows at the start that NAB does not score: min(⌊0.15·n⌋, 0.15·5000).</summary>
    public int ProbationaryLength { get; }

    /// <summary>Rows.</summary>
    public int Length => Timestamps.Length;

    private static NabWindowRows[] ResolveRows(string name, DateTime[] timestamps, IReadOnlyList<NabWindow> windows)
    {
        var rows = new NabWindowRows[windows.Count];
        int previousRight = -1;
        for (int w = 0; w < rows.Length; w++)
        {
            // NAB enters a window at the first row with its start time and leaves it at the first row with its end time.
            int left = Array.IndexOf(timestamps, windows[w].Start);
            int right = left < 0 ? -1 : Array.IndexOf(timestamps, windows[w].End, left);
            if (left < 0 || right < 0)
            {
                var missing = left < 0 ? windows[w].Start : windows[w].End;
                throw new ArgumentException($"{name}: window {w} ({windows[w].Start:yyyy-MM-dd HH:mm:ss} .. {windows[w].End:yyyy-MM-dd HH:mm:ss}): {missing:yyyy-MM-dd HH:mm:ss} is not a row's timestamp; NAB windows start and end on rows.");
            }

            if (right < left || left <= previousRight)
            {
                throw new ArgumentException($"{name}: window {w} ends before it starts or overlaps the window before it; windows must be ascending and disjoint.");
            }

            rows[w] = new NabWindowRows(left, right);
            previousRight = right;
        }

        return rows;
    }
}
