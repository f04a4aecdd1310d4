using System.Globalization;
using System.IO;

namespace EdgeLstm.Cli.Validation;

/// <summary>The text <c>edgelstm validate</c> prints: a table of errors per channel and a one-line verdict.</summary>
internal static class ComparisonReport
{
    public static void Write(TextWriter writer, string modelPath, string expectedPath, OutputComparison comparison)
    {
        writer.WriteLine(
            $"Compared {comparison.ComparedSteps} step(s) x {comparison.Channels} output(s) of {modelPath} " +
            $"against {expectedPath} (tolerance {Format(comparison.Tolerance)}).");
        writer.WriteLine();
        writer.WriteLine($"{"channel",-9}{"max |error|",-14}{"at step",-9}{"mean |error|",-14}");
        for (int c = 0; c < comparison.Channels; c++)
        {
            writer.WriteLine(
                $"{"out" + c.ToString(CultureInfo.InvariantCulture),-9}{Format(comparison.MaxError[c]),-14}" +
                $"{comparison.MaxErrorStep[c].ToString(CultureInfo.InvariantCulture),-9}{Format(comparison.MeanError[c]),-14}");
        }
        writer.WriteLine();

        if (comparison.FirstViolation is { } first)
        {
            writer.WriteLine(
                $"FAIL: first step over tolerance: {first.Step.ToString(CultureInfo.InvariantCulture)} " +
                $"(out{first.Channel.ToString(CultureInfo.InvariantCulture)}: expected {first.Expected.ToString("R", CultureInfo.InvariantCulture)}, " +
                $"reference {first.Actual.ToString("R", CultureInfo.InvariantCulture)}, |error| {Format(first.Error)}); " +
                $"{comparison.Violations.ToString(CultureInfo.InvariantCulture)} value(s) over tolerance in all.");
        }
        else
        {
            writer.WriteLine($"PASS: every output is within {Format(comparison.Tolerance)}.");
        }
    }

    private static string Format(double value) => value.ToString("0.###e+00", CultureInfo.InvariantCulture);
}
