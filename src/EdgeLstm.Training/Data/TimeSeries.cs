using System;
using System.Collections.Generic;
using System.Globalization;

namespace EdgeLstm.Training.Data;

/// <summary>Rows of sensor readings, one per time step, one column per channel, in the order they were taken.</summary>
public sealed class TimeSeries
{
    /// <param name="source">Where the rows came from (a file name), for messages.</param>
    /// <param name="columns">The channels' names.</param>
    /// <param name="values">Row-major [rows, columns]; every value finite.</param>
    public TimeSeries(string source, IReadOnlyList<string> columns, double[] values)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A series needs at least one column.", nameof(columns));
        }
        if (values.Length % columns.Count != 0)
        {
            throw new ArgumentException($"{values.Length} values are not whole rows of {columns.Count} columns.", nameof(values));
        }
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "{0}: row {1}, column '{2}' is {3}; every value must be finite.", source, i / columns.Count, columns[i % columns.Count], values[i]), nameof(values));
            }
        }
        Source = source;
        Columns = columns;
        Values = values;
    }

    public string Source { get; }

    public IReadOnlyList<string> Columns { get; }

    public int ColumnCount => Columns.Count;

    public int Rows => Values.Length / Columns.Count;

    /// <summary>Row-major [Rows, ColumnCount]. Not copied: callers must not change it.</summary>
    public double[] Values { get; }

    public double this[int row, int column] => Values[row * ColumnCount + column];

    /// <summary>The first <paramref name="rows"/> rows (a normal-operation span of a longer recording).</summary>
    public TimeSeries Take(int rows)
    {
        if (rows < 0 || rows > Rows) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"expected 0..{Rows}.");
        return new TimeSeries(Source, Columns, Values.AsSpan(0, rows * ColumnCount).ToArray());
    }
}
