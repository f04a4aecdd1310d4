using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace EdgeLstm.Cli.Tests.Train;

/// <summary>The NAB series the train tests learn from, as NAB ships it (timestamp,value), and its values read here.</summary>
internal static class NabFile
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "data", "nab", "art_daily_jumpsup.csv");

    public static double[] Values() => File.ReadLines(Path).Skip(1)
        .Select(line => double.Parse(line.Split(',')[1], CultureInfo.InvariantCulture))
        .ToArray();

    /// <summary>NumPy's mean and population standard deviation of the first <paramref name="rows"/> values.</summary>
    public static (double Mean, double Std) Statistics(int rows)
    {
        double[] values = Values().Take(rows).ToArray();
        double mean = values.Average();
        return (mean, Math.Sqrt(values.Average(v => (v - mean) * (v - mean))));
    }
}
