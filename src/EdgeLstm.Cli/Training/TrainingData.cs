using System.Collections.Generic;
using EdgeLstm.Cli.Csv;
using EdgeLstm.Cli.Infrastructure;
using EdgeLstm.Training.Data;

namespace EdgeLstm.Cli.Training;

/// <summary>The rows `train` learns from: the chosen columns of a CSV file, optionally only its first rows.</summary>
internal static class TrainingData
{
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">Column names or 0-based positions; null for every numeric column.</param>
    /// <param name="rows">Use only the first rows (a normal-operation period), or null for all.</param>
    /// <param name="console">Where to say which columns were left out.</param>
    public static TimeSeries Load(string path, IReadOnlyList<string>? columns, int? rows, CliConsole console)
    {
        CsvColumnSelection selection = CsvColumnSelection.Load(path, columns);
        if (selection.Skipped.Count > 0)
        {
            console.Error.WriteLine($"note: {path}: reading {Quote(selection.Names)}; not numbers, left out: {Quote(selection.Skipped)}.");
        }
        // The path as given: the trainer's messages start with it.
        var series = new TimeSeries(path, selection.Names, selection.Values());
        if (rows is { } first)
        {
            if (first > series.Rows)
            {
                throw new InputException($"{path}: --rows {first} asks for more rows than the file's {series.Rows}.");
            }
            series = series.Take(first);
        }
        return series;
    }

    private static string Quote(IReadOnlyList<string> names) => string.Join(", ", System.Linq.Enumerable.Select(names, n => $"'{n}'"));
}
