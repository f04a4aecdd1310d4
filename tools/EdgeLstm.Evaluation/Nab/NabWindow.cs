using System;

namespace EdgeLstm.Evaluation.Nab;

/// <summary>A labelled anomaly window as <c>combined_windows.json</c> gives it: first and last timestamp, both included.</summary>
public readonly record struct NabWindow(DateTime Start, DateTime End);

/// <summary>A labelled window resolved to rows of its data file: <see cref="Left"/> and <see cref="Right"/> included.</summary>
public readonly record struct NabWindowRows(int Left, int Right)
{
    /// <summary>Rows in the window.</summary>
    public int Width => Right - Left + 1;
}
