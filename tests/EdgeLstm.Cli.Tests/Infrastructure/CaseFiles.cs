using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Testing;

namespace EdgeLstm.Cli.Tests.Infrastructure;

/// <summary>The golden cases as the tool's tests use them: theory data over their weight files, and CSV files of their rows.</summary>
public static class CaseFiles
{
    /// <summary>Every (case, weight file) pair, for tests that must hold for every format.</summary>
    public static IEnumerable<object[]> ModelFilesOfAllCases()
        => GoldenCase.Names().SelectMany(n => GoldenCase.Load(n).Files.Values.Select(f => new object[] { n, f }));

    /// <summary>Writes rows of <paramref name="columns"/> values as CSV (float32 values in their shortest round-trip form).</summary>
    public static string WriteCsv(string path, float[] values, int columns, string? header = null)
        => WriteCsv(path, values.Select(v => (double)v).ToArray(), columns, header, v => ((float)v).ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Writes rows of <paramref name="columns"/> values as CSV.</summary>
    public static string WriteCsv(string path, double[] values, int columns, string? header = null)
        => WriteCsv(path, values, columns, header, v => v.ToString("R", CultureInfo.InvariantCulture));

    private static string WriteCsv(string path, double[] values, int columns, string? header, System.Func<double, string> format)
    {
        var text = new StringBuilder();
        if (header is not null) text.AppendLine(header);
        for (int r = 0; r < values.Length / columns; r++)
        {
            text.AppendLine(string.Join(",", Enumerable.Range(0, columns).Select(c => format(values[r * columns + c]))));
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
