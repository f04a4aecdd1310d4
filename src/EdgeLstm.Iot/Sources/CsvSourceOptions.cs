using System.Collections.Generic;

namespace EdgeLstm.Iot.Sources;

/// <summary>How a CSV stream maps to samples. The defaults read NAB's <c>timestamp,value</c> files as they are.</summary>
public sealed record CsvSourceOptions
{
    /// <summary>The column separator.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>
    /// The timestamp column's name (with a header) or zero-based index as text (without). Null picks a header column
    /// named <c>timestamp</c> or <c>time</c> when there is one, otherwise no timestamp column: the clock stamps samples.
    /// </summary>
    public string? TimestampColumn { get; init; }

    /// <summary>The value columns by header name or zero-based index as text; null takes every other column.</summary>
    public IReadOnlyList<string>? ValueColumns { get; init; }

    /// <summary>
    /// The number of columns when the stream has no header and none are named (a serial line from a
    /// microcontroller). Null reads it from the first line.
    /// </summary>
    public int? ColumnCount { get; init; }
}
