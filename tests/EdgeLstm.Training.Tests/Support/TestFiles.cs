using System;
using System.Globalization;
using System.IO;
using System.Linq;
using EdgeLstm.Training.Data;

namespace EdgeLstm.Training.Tests.Support;

/// <summary>Files copied next to the tests: PyTorch fixtures, NAB series, golden weight files.</summary>
internal static class TestFiles
{
    public static string Path(params string[] parts) => System.IO.Path.Combine(new[] { AppContext.BaseDirectory }.Concat(parts).ToArray());

    public static string Fixture(string name) => Path("Fixtures", name);

    /// <summary>A NAB file (timestamp,value) as a one-column series, read independently of the CLI's CSV reader.</summary>
    public static TimeSeries NabSeries(string relativePath)
    {
        string file = Path("data", "nab", relativePath);
        double[] values = File.ReadLines(file).Skip(1)
            .Where(line => line.Trim().Length > 0)
            .Select(line => double.Parse(line.Split(',')[1], CultureInfo.InvariantCulture))
            .ToArray();
        return new TimeSeries(System.IO.Path.GetFileName(file), new[] { "value" }, values);
    }
}
